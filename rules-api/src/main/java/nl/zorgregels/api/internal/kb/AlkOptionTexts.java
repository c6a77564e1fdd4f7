package nl.zorgregels.api.internal.kb;

import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.model.LocalizedText;

/**
 * The texts of one ALK option (ALK-T), from its row of {@code alk-options.csv}: its name, and how
 * the referral goes and who pays, for an adult and for a patient under 18 (ALK-Y). A youth text
 * the table leaves empty is the adult one. Not API.
 *
 * @param name                the option's name
 * @param referral            the adult referral text
 * @param reimbursement       the adult reimbursement text
 * @param youthReferral       the youth referral text, or null: the adult one
 * @param youthReimbursement  the youth reimbursement text, or null: the adult one
 */
public record AlkOptionTexts(LocalizedText name, LocalizedText referral, LocalizedText reimbursement,
                             LocalizedText youthReferral, LocalizedText youthReimbursement) {
    /** The text variants a rule may ask for ({@code new AlkOptionAdvice(…, "variant")}). */
    public static final java.util.List<String> VARIANTS = java.util.List.of("adult", "youth");

    /** @return the referral text in a variant ({@code adult}, {@code youth}) */
    public LocalizedText referral(String variant) {
        return pick(variant, referral, youthReferral);
    }

    /** @return the reimbursement text in a variant ({@code adult}, {@code youth}) */
    public LocalizedText reimbursement(String variant) {
        return pick(variant, reimbursement, youthReimbursement);
    }

    private static LocalizedText pick(String variant, LocalizedText adult, LocalizedText youth) {
        return switch (variant) {
            case "adult" -> adult;
            case "youth" -> youth != null ? youth : adult;
            default -> throw new KnowledgeBaseException("option text variant \"" + variant
                    + "\" is not one of " + VARIANTS);
        };
    }
}
