package nl.zorgregels.kb.fact;

import java.time.LocalDate;

/**
 * Knowledge: from this date adults from every region can be offered a place (PC-R5).
 *
 * @param from the first day
 */
public record NationwideAccess(LocalDate from) {
}
