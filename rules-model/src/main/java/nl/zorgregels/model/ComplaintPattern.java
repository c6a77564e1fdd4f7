package nl.zorgregels.model;

/** ALK card header, first axis: the pattern of the complaints (ALK-S1). */
public enum ComplaintPattern {
    /** "Eén of enkele klachten": one or a few complaints (mild). */
    ONE_OR_FEW,
    /** "Meerdere klachten": several complaints (moderate). */
    MULTIPLE,
    /** "Ernstige klachten": severe complaints (severe). */
    SEVERE
}
