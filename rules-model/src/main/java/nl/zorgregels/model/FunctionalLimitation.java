package nl.zorgregels.model;

/** ALK card header, second axis: functional limitations (ALK-S1). */
public enum FunctionalLimitation {
    /** "Lichte functionele beperkingen" (mild). */
    LIGHT,
    /** "Matige functionele beperkingen" (moderate). */
    MODERATE,
    /** "Ernstige functionele beperkingen" (severe). */
    SEVERE
}
