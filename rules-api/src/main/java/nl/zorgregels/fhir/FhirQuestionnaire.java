package nl.zorgregels.fhir;

import nl.zorgregels.fhir.internal.FhirJson;
import nl.zorgregels.fhir.internal.FhirNames;
import nl.zorgregels.fhir.internal.IntakeQuestionnaire;
import org.hl7.fhir.r4.model.Questionnaire;

/**
 * The intake Questionnaire ({@value #URL}) whose QuestionnaireResponse {@link FhirAssessments}
 * reads (SPEC section 8). It is generated from the input model: one group per section of SPEC
 * section 4 ({@code patient}, {@code postCovid}, {@code alk}; linkId the section's path) and in it
 * one item per fact, whose linkId is the fact's input path ({@code postCovid.bellScore}) and whose
 * type follows the fact's type (boolean, date, integer, or choice with the enum's constants as
 * codings of {@code http://zorgregels.nl/fhir/CodeSystem/} + the enum's name; {@code otherPais}
 * repeats). Texts are Dutch, with an English translation (extension {@code translation}). Its
 * items are exactly the facts the JSON contract has, so the two cannot drift apart.
 *
 * <p>Needs HAPI FHIR on the class path. Thread-safe.
 */
public final class FhirQuestionnaire {
    /** The Questionnaire's canonical URL. */
    public static final String URL = FhirNames.QUESTIONNAIRE_URL;

    private static final class Json {
        static final String TEXT = FhirJson.context().newJsonParser().setPrettyPrint(true)
                .encodeResourceToString(IntakeQuestionnaire.build());
    }

    private FhirQuestionnaire() {
    }

    /** @return the intake Questionnaire as FHIR R4 JSON, indented; the same text on every call */
    public static String intakeJson() {
        return Json.TEXT;
    }

    /** @return the intake Questionnaire as a new HAPI resource (the caller may change it) */
    public static Questionnaire intake() {
        return IntakeQuestionnaire.build();
    }
}
