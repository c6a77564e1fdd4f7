package nl.zorgregels.kb.fact;

import nl.zorgregels.model.AlkOutcome;

/**
 * Whether the ALK card applies, derived from the ALK-D1 finding.
 *
 * @param outcome APPLICABLE, NOT_APPLICABLE or INSUFFICIENT_DATA
 */
public record AlkApplicability(AlkOutcome outcome) {
}
