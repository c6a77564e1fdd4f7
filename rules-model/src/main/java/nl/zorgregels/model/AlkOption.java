package nl.zorgregels.model;

import java.util.List;
import java.util.Objects;

/**
 * One treatment option of the ALK card, as advised for this patient (ALK-T, ALK-Y, ALK-H1).
 *
 * @param id            option id, e.g. {@code BASIS_GGZ}
 * @param primary       true for the options of the patient's own column (and the medical
 *                      specialist, in every column); false for the lighter options that stay available
 * @param column        the card column: MILD, MODERATE, SEVERE, or ALL for the medical specialist
 * @param name          the option's name
 * @param referral      who refers (for a child including the youth routes)
 * @param reimbursement who pays (for a child the youth arrangements)
 * @param notes         notes for this patient, e.g. when highly specialised care is indicated (ALK-H1)
 * @param source        the card passage
 */
public record AlkOption(String id, boolean primary, AlkColumn column, LocalizedText name, LocalizedText referral,
                        LocalizedText reimbursement, List<Note> notes, String source) {

    /**
     * Checks and copies the components.
     *
     * @param id option id, e.g. {@code BASIS_GGZ}
     * @param primary true for the options of the patient's own column (and the medical specialist, in every column); false for the lighter options that stay available
     * @param column the card column: MILD, MODERATE, SEVERE, or ALL for the medical specialist
     * @param name the option's name
     * @param referral who refers (for a child including the youth routes)
     * @param reimbursement who pays (for a child the youth arrangements)
     * @param notes notes for this patient, e.g. when highly specialised care is indicated (ALK-H1)
     * @param source the card passage
     * @throws NullPointerException if a component is null
     */
    public AlkOption {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(referral, "referral");
        Objects.requireNonNull(reimbursement, "reimbursement");
        Objects.requireNonNull(source, "source");
        notes = List.copyOf(notes);
    }
}
