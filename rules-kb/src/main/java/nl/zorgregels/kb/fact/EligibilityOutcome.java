package nl.zorgregels.kb.fact;

import nl.zorgregels.model.Outcome;

/**
 * The post-COVID outcome, inserted logically by the outcome rules: it holds only while the
 * criterion results that justify it hold.
 *
 * @param outcome the outcome
 */
public record EligibilityOutcome(Outcome outcome) {
}
