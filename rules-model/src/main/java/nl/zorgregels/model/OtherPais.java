package nl.zorgregels.model;

/** Post-acute infection syndromes other than post-COVID (exclusion PC-X1). */
public enum OtherPais {
    /** ME/CFS (ME/CVS). */
    ME_CVS,
    /** Lyme disease. */
    LYME,
    /** Q fever. */
    Q_FEVER,
    /** Long-term complaints after sepsis. */
    POST_SEPSIS
}
