package nl.zorgregels.model;

/** Whether a post-COVID expertise centre can be offered on the assessment date (PC-R). */
public enum CentreStatus {
    /** One or more centres are offered. */
    OFFERED,
    /** No centre is open to the patient yet; the message says from when. */
    NONE_YET,
    /** The patient's UMC region is not known. */
    UNKNOWN
}
