package nl.zorgregels.kb.fact;

import nl.zorgregels.model.Centre;

/**
 * Knowledge: while a region's own centre is not open, its adults are offered a place at another
 * centre (PC-R4).
 *
 * @param region  the patient's UMC region
 * @param offered the centre offered meanwhile
 */
public record InterimAllocation(Centre region, Centre offered) {
}
