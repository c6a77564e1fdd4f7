package nl.zorgregels.fhir.internal;

/** The URLs of CONTRACT.md section 8, in one place (the codes a record is read by are the knowledge base's {@code codes.csv}). */
public final class FhirNames {
    /** The intake Questionnaire's canonical URL. */
    public static final String QUESTIONNAIRE_URL = "http://zorgregels.nl/fhir/Questionnaire/intake";
    /** Base of the code systems of the model's enums: + the enum type's simple name. */
    public static final String CODE_SYSTEM_BASE = nl.zorgregels.api.internal.kb.IntakeFacts.CODE_SYSTEM_BASE;
    /** GuidanceResponse.moduleUri, + {@code |} + the knowledge base version. */
    public static final String MODULE_URI = "http://zorgregels.nl/fhir/PlanDefinition/zorgregels";
    /** The extension on a dataRequirement naming the missing fact's input path. */
    public static final String INPUT_PATH_EXTENSION = "http://zorgregels.nl/fhir/StructureDefinition/input-path";
    /** The code system of the reasons a GP gives for setting a CDS Hooks card aside (the knowledge base's card.overrideReasons). */
    public static final String OVERRIDE_REASON_SYSTEM = "http://zorgregels.nl/fhir/CodeSystem/override-reason";
    /** The standard translation extension (on a string's element). */
    public static final String TRANSLATION_EXTENSION = "http://hl7.org/fhir/StructureDefinition/translation";

    private FhirNames() {
    }
}
