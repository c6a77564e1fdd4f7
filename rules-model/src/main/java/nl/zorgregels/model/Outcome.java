package nl.zorgregels.model;

/** Overall eligibility: NOT_ELIGIBLE if any criterion is NOT_MET, else INSUFFICIENT_DATA if any is UNKNOWN. */
public enum Outcome {
    /** Every criterion is met. */
    ELIGIBLE,
    /** At least one criterion or exclusion is not met. */
    NOT_ELIGIBLE,
    /** No criterion is not met, but at least one is unknown for lack of a fact. */
    INSUFFICIENT_DATA
}
