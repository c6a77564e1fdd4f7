package nl.zorgregels.fhir;

import java.util.concurrent.atomic.AtomicReference;
import nl.zorgregels.api.DecisionEngine;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.fhir.internal.FhirJson;
import nl.zorgregels.fhir.internal.FhirNames;
import nl.zorgregels.fhir.internal.IntakeQuestionnaire;
import nl.zorgregels.model.KnowledgeBaseInfo;
import java.time.LocalDate;
import nl.zorgregels.fhir.internal.BundleReader;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.fhir.internal.IntakePrefill;
import nl.zorgregels.model.InvalidInputException;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * The intake Questionnaire ({@value #URL}) whose QuestionnaireResponse {@link FhirAssessments}
 * reads (CONTRACT.md §8). It is generated from the input model and the knowledge base: one group per
 * section of the input (CONTRACT.md §4: {@code patient}, {@code postCovid}, {@code alk}; linkId the
 * section's path) and in it one item per fact, whose linkId is the fact's input path
 * ({@code postCovid.bellScore}) and whose type follows the fact's type (boolean, date, integer, or
 * choice with the codes as codings of {@code http://zorgregels.nl/fhir/CodeSystem/} + the type's
 * name; {@code otherPais} repeats). Its items are exactly the facts the JSON contract has, so the two
 * cannot drift apart. Every text is the knowledge base's: an item asks the same question
 * ({@code question.<input path>}) a decision asks when that fact is missing. Texts are Dutch, with an
 * English translation (extension {@code translation}); the version is the knowledge base's.
 *
 * <p>Needs HAPI FHIR on the class path. Thread-safe.
 */
public final class FhirQuestionnaire {
    /** The Questionnaire's canonical URL. */
    public static final String URL = FhirNames.QUESTIONNAIRE_URL;

    /** The last Questionnaire written, with the knowledge base it was written for. */
    private static final AtomicReference<Written> LAST = new AtomicReference<>();

    private record Written(KnowledgeBaseInfo kb, String json) {
    }

    private FhirQuestionnaire() {
    }

    /**
     * @param engine the engine whose knowledge base gives the texts and the version
     * @return the intake Questionnaire as FHIR R4 JSON, indented; the same text for the same knowledge base
     * @throws KnowledgeBaseException if the knowledge base lacks a text the Questionnaire needs
     */
    public static String intakeJson(DecisionEngine engine) {
        KnowledgeBaseInfo kb = engine.knowledgeBase();
        Written last = LAST.get();
        if (last != null && last.kb().equals(kb)) {
            return last.json();
        }
        String json = FhirJson.context().newJsonParser().setPrettyPrint(true).encodeResourceToString(intake(engine));
        LAST.set(new Written(kb, json));
        return json;
    }

    /**
     * @param engine the engine whose knowledge base gives the texts and the version
     * @return the intake Questionnaire as a new HAPI resource (the caller may change it)
     * @throws KnowledgeBaseException if the knowledge base lacks a text the Questionnaire needs
     */
    public static Questionnaire intake(DecisionEngine engine) {
        return IntakeQuestionnaire.build(engine::text, engine.knowledgeBase().version());
    }

    /**
     * The intake pre-filled from a record (SDC {@code $populate}): a QuestionnaireResponse
     * ({@code in-progress}) to the intake Questionnaire of this knowledge base's version, holding
     * every fact the Bundle gives as a decision reads it, so that the GP answers only what is
     * missing. A fact the record does not give has no item; nothing is guessed.
     *
     * @param engine         the engine whose knowledge base gives the version
     * @param bundleJson     the record: a FHIR R4 Bundle as JSON (as {@link FhirAssessments#read(String, LocalDate)})
     * @param assessmentDate the date the facts are read for
     * @return the QuestionnaireResponse as FHIR R4 JSON, indented
     * @throws InvalidInputException if the Bundle is not a valid record; field is the FHIR path
     */
    public static String prefillJson(DecisionEngine engine, String bundleJson, LocalDate assessmentDate) {
        Assessment facts = FhirAssessments.read(bundleJson, assessmentDate);
        QuestionnaireResponse qr = IntakePrefill.populate(facts, BundleReader.patientReference(bundleJson), engine.knowledgeBase().version());
        return FhirJson.context().newJsonParser().setPrettyPrint(true).encodeResourceToString(qr);
    }
}
