package nl.zorgregels.kb.fact;

import java.util.List;

/**
 * A group of options advised to this patient (ALK-T), with the text variant for the patient's age
 * (ALK-Y): the options of the patient's column and the medical specialist (primary), or those of
 * the lighter columns (still available). One fact per group, from one firing that collects the
 * group's rows of the options table; the engine lists the options in column and card order.
 *
 * @param options the catalogue entries of the group, in no particular order (copied)
 * @param primary true for the patient's own column (and the medical specialist); false for lighter options
 * @param variant {@code adult} or {@code youth}: which referral and reimbursement texts apply
 */
public record AlkOptionAdvice(List<AlkOptionInfo> options, boolean primary, String variant) {
    /** Copies the list. */
    public AlkOptionAdvice {
        options = List.copyOf(options);
    }
}
