package nl.zorgregels.model;

/**
 * The seven university medical centres with a post-COVID expertise centre; also used as the
 * patient's UMC region ({@link Patient#umcRegion()}).
 */
public enum Centre {
    /** Amsterdam UMC. */
    AMSTERDAM_UMC,
    /** Erasmus MC (Rotterdam). */
    ERASMUS_MC,
    /** LUMC (Leiden). */
    LUMC,
    /** Maastricht UMC+. */
    MAASTRICHT_UMC,
    /** Radboudumc (Nijmegen). */
    RADBOUDUMC,
    /** UMCG (Groningen). */
    UMCG,
    /** UMC Utrecht. */
    UMC_UTRECHT
}
