package nl.zorgregels.model;

/** State of the physiotherapy or occupational-therapy pathway before referral (PC-A5 / PC-C5). */
public enum TreatmentPathway {
    /** The pathway has been completed. */
    COMPLETED,
    /** A pathway was not possible because of the severity of the complaints. */
    NOT_POSSIBLE_DUE_TO_SEVERITY,
    /** The pathway has started and is not finished. */
    IN_PROGRESS,
    /** No pathway has been followed. */
    NONE
}
