package nl.zorgregels.model;

/** Severity of persistent physical symptoms, the columns of the ALK card (ALK-S1). */
public enum AlkSeverity {
    /** MILD ("mild"). */
    MILD,
    /** MODERATE ("matig"). */
    MODERATE,
    /** SEVERE ("ernstig"). */
    SEVERE,
    /** Not known: an axis is absent and the other is not severe; the absent axis is a missing fact. */
    UNKNOWN
}
