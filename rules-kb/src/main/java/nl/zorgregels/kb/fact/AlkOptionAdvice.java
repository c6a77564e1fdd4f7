package nl.zorgregels.kb.fact;

/**
 * An option advised to this patient (ALK-T), with the text variant for the patient's age (ALK-Y).
 *
 * @param option  the catalogue entry
 * @param primary true for the patient's own column (and the medical specialist); false for lighter options
 * @param variant {@code adult} or {@code youth}: which referral and reimbursement texts apply
 */
public record AlkOptionAdvice(AlkOptionInfo option, boolean primary, String variant) {
}
