package nl.zorgregels.model;

/** Three-valued result of one criterion. */
public enum CriterionStatus {
    /** The facts satisfy the criterion. */
    MET,
    /** The facts contradict the criterion. */
    NOT_MET,
    /** A fact the criterion needs is absent; it is named in the decision's missing facts. */
    UNKNOWN
}
