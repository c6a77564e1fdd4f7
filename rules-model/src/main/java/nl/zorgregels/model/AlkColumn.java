package nl.zorgregels.model;

/**
 * A column of the ALK card's overview (ALK-T): the three severities, and ALL for the option that
 * stands in every column (the medical specialist). The {@code column} of {@code alk-options.csv}
 * must be one of these; rules compare with the constants ({@code AlkColumn.ALL}), which the
 * compiler checks.
 */
public enum AlkColumn {
    /** The card's MILD column. */
    MILD,
    /** The card's MATIG column. */
    MODERATE,
    /** The card's ERNSTIG column. */
    SEVERE,
    /** Every column (the medical specialist). */
    ALL
}
