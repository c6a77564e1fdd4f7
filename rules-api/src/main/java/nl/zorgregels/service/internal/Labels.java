package nl.zorgregels.service.internal;

import java.util.Map;

/** The words of the cards in Dutch and English (presentation only; no criterion is decided here). */
final class Labels {
    private static final Map<String, String> NL = Map.ofEntries(
            Map.entry("pcTitle", "Post-COVID-expertisecentrum"),
            Map.entry("pc.ELIGIBLE", "komt in aanmerking voor verwijzing"),
            Map.entry("pc.NOT_ELIGIBLE", "komt niet in aanmerking voor verwijzing"),
            Map.entry("pc.INSUFFICIENT_DATA", "onvoldoende gegevens om te beslissen"),
            Map.entry("missingCount", "gegevens ontbreken"),
            Map.entry("alkTitle", "Aanhoudende lichamelijke klachten (ALK)"),
            Map.entry("alk.APPLICABLE", "keuzekaart van toepassing"),
            Map.entry("alk.NOT_APPLICABLE", "keuzekaart niet van toepassing"),
            Map.entry("alk.INSUFFICIENT_DATA", "onvoldoende gegevens om te beslissen"),
            Map.entry("seeWarning", "let op de waarschuwing"),
            Map.entry("ADULT", "volwassene"), Map.entry("CHILD", "kind"),
            Map.entry("outcome", "Uitkomst"),
            Map.entry("criteria", "Criteria"),
            Map.entry("MET", "voldaan"), Map.entry("NOT_MET", "niet voldaan"), Map.entry("UNKNOWN", "onbekend"),
            Map.entry("toMeet", "nodig om te voldoen"),
            Map.entry("reassessFrom", "Opnieuw beoordelen vanaf"),
            Map.entry("questions", "Vragen voor de ontbrekende gegevens"),
            Map.entry("missing", "Ontbrekende gegevens"),
            Map.entry("centre", "Centrum"),
            Map.entry("centre.OFFERED", "aangeboden"), Map.entry("centre.NONE_YET", "nog geen plek"),
            Map.entry("centre.UNKNOWN", "onbekend"),
            Map.entry("availableFrom", "vanaf"),
            Map.entry("notes", "Let op"),
            Map.entry("warnings", "Waarschuwing"),
            Map.entry("severity", "Ernst"),
            Map.entry("sev.MILD", "mild"), Map.entry("sev.MODERATE", "matig"),
            Map.entry("sev.SEVERE", "ernstig"), Map.entry("sev.UNKNOWN", "onbekend"),
            Map.entry("primary", "Behandelmogelijkheden bij deze ernst"),
            Map.entry("lighter", "Lichtere mogelijkheden (blijven beschikbaar)"),
            Map.entry("referral", "verwijzing"),
            Map.entry("reimbursement", "vergoeding"),
            Map.entry("sources", "Bronnen"),
            Map.entry("kb", "Kennisbank"),
            Map.entry("assessedOn", "beoordeeld op"),
            Map.entry("source", "Zorgregels, kennisbank"),
            Map.entry("cannotSummary", "Zorgregels kan niet beoordelen: het dossier bevat ongeldige gegevens"),
            Map.entry("cannotDetail", "Zorgregels heeft **geen** beoordeling gegeven: een gegeven in het dossier"
                    + " breekt een regel van de invoer. Er is niets geraden of aangevuld."),
            Map.entry("field", "Gegeven (FHIR-pad)"),
            Map.entry("rule", "Regel"),
            Map.entry("cannotFix", "Corrigeer het gegeven in het dossier en open het dossier opnieuw."));

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("pcTitle", "Post-COVID expertise centre"),
            Map.entry("pc.ELIGIBLE", "eligible for referral"),
            Map.entry("pc.NOT_ELIGIBLE", "not eligible for referral"),
            Map.entry("pc.INSUFFICIENT_DATA", "insufficient data to decide"),
            Map.entry("missingCount", "facts missing"),
            Map.entry("alkTitle", "Persistent physical symptoms (ALK)"),
            Map.entry("alk.APPLICABLE", "the card applies"),
            Map.entry("alk.NOT_APPLICABLE", "the card does not apply"),
            Map.entry("alk.INSUFFICIENT_DATA", "insufficient data to decide"),
            Map.entry("seeWarning", "see the caution"),
            Map.entry("ADULT", "adult"), Map.entry("CHILD", "child"),
            Map.entry("outcome", "Outcome"),
            Map.entry("criteria", "Criteria"),
            Map.entry("MET", "met"), Map.entry("NOT_MET", "not met"), Map.entry("UNKNOWN", "unknown"),
            Map.entry("toMeet", "needed to meet it"),
            Map.entry("reassessFrom", "Reassess from"),
            Map.entry("questions", "Questions for the missing facts"),
            Map.entry("missing", "Missing facts"),
            Map.entry("centre", "Centre"),
            Map.entry("centre.OFFERED", "offered"), Map.entry("centre.NONE_YET", "no place yet"),
            Map.entry("centre.UNKNOWN", "unknown"),
            Map.entry("availableFrom", "from"),
            Map.entry("notes", "Please note"),
            Map.entry("warnings", "Caution"),
            Map.entry("severity", "Severity"),
            Map.entry("sev.MILD", "mild"), Map.entry("sev.MODERATE", "moderate"),
            Map.entry("sev.SEVERE", "severe"), Map.entry("sev.UNKNOWN", "unknown"),
            Map.entry("primary", "Treatment options at this severity"),
            Map.entry("lighter", "Lighter options (still available)"),
            Map.entry("referral", "referral"),
            Map.entry("reimbursement", "reimbursement"),
            Map.entry("sources", "Sources"),
            Map.entry("kb", "Knowledge base"),
            Map.entry("assessedOn", "assessed on"),
            Map.entry("source", "Zorgregels, knowledge base"),
            Map.entry("cannotSummary", "Zorgregels cannot assess: the record holds invalid data"),
            Map.entry("cannotDetail", "Zorgregels has given **no** assessment: a fact in the record breaks an"
                    + " input rule. Nothing was guessed or filled in."),
            Map.entry("field", "Fact (FHIR path)"),
            Map.entry("rule", "Rule"),
            Map.entry("cannotFix", "Correct the fact in the record and open the record again."));

    private static final Map<String, String> CENTRES = Map.of(
            "AMSTERDAM_UMC", "Amsterdam UMC", "ERASMUS_MC", "Erasmus MC", "LUMC", "LUMC",
            "MAASTRICHT_UMC", "Maastricht UMC+", "RADBOUDUMC", "Radboudumc", "UMCG", "UMCG",
            "UMC_UTRECHT", "UMC Utrecht");

    private final Map<String, String> words;
    private final boolean dutch;

    Labels(String lang) {
        this.dutch = lang.equals("nl");
        this.words = dutch ? NL : EN;
    }

    /** @return the word for the key, or the key itself for a value this version does not know */
    String get(String key) {
        return words.getOrDefault(key, key);
    }

    String centre(String code) {
        return CENTRES.getOrDefault(code, code);
    }

    /** A {@code YYYY-MM-DD} date as {@code dd-mm-jjjj} in Dutch, unchanged in English. */
    String date(String iso) {
        if (dutch && iso.length() == 10) {
            return iso.substring(8, 10) + "-" + iso.substring(5, 7) + "-" + iso.substring(0, 4);
        }
        return iso;
    }
}
