package nl.zorgregels.model;

/** Whether the ALK card applies (ALK-D1). */
public enum AlkOutcome {
    /** Complaints for at least three months that limit functioning or cause suffering. */
    APPLICABLE,
    /** The complaints last less than three months, or neither limit functioning nor cause suffering. */
    NOT_APPLICABLE,
    /** A fact needed to decide is absent; it is named in the missing facts. */
    INSUFFICIENT_DATA
}
