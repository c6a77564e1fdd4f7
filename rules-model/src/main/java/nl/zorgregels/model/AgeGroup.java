package nl.zorgregels.model;

/** Age group on the assessment date (PC-G1): 18 or older is {@link #ADULT}. */
public enum AgeGroup {
    /** 18 years or older on the assessment date. */
    ADULT,
    /** Younger than 18 on the assessment date. */
    CHILD
}
