package nl.zorgregels.kb.fact;

import nl.zorgregels.model.Outcome;

/**
 * The post-COVID outcome, inserted by the outcome rules: NOT_ELIGIBLE from a NOT_MET result,
 * ELIGIBLE and INSUFFICIENT_DATA only once every expected criterion has its result
 * ({@link CriteriaDecided}). The notes and the centre offer follow it.
 *
 * @param outcome the outcome
 */
public record EligibilityOutcome(Outcome outcome) {
}
