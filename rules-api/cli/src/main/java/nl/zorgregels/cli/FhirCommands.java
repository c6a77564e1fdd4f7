package nl.zorgregels.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import nl.zorgregels.fhir.FhirAssessments;
import nl.zorgregels.fhir.FhirCodes;
import nl.zorgregels.fhir.FhirGuidance;
import nl.zorgregels.api.DecisionEngine;
import nl.zorgregels.fhir.FhirQuestionnaire;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;

/**
 * The command line's FHIR side (CONTRACT.md section 8): recognising FHIR input, reading it, writing a
 * GuidanceResponse and the intake Questionnaire. HAPI FHIR is loaded only when one of these is used.
 */
final class FhirCommands {
    private static final JsonFactory JSON = new JsonFactory();

    private FhirCommands() {
    }

    /**
     * @param text the input
     * @return whether it is a JSON object with a top-level {@code resourceType} (FHIR); false for
     *         anything else, including malformed JSON (which the section-4 reader then reports)
     */
    static boolean isFhir(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                if (p.currentName().equals("resourceType")) {
                    return true;
                }
                p.nextToken();
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param date the value of {@code --date}
     * @return the date
     * @throws UsageException if it is not a real day written YYYY-MM-DD
     */
    static LocalDate date(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new UsageException("--date must be a date YYYY-MM-DD but was " + date);
        }
    }

    static Assessment read(String fhirJson, LocalDate assessmentDate) {
        return FhirAssessments.read(fhirJson, assessmentDate);
    }

    /**
     * @param kb     the knowledge base directory, or null for the packaged one (its codes.csv)
     * @param tables a deployer's code tables, merged in order
     */
    static Assessment read(String fhirJson, LocalDate assessmentDate, String kb, java.util.List<String> tables) {
        if (kb == null && tables.isEmpty()) {
            return read(fhirJson, assessmentDate);
        }
        return FhirAssessments.read(fhirJson, assessmentDate, codes(kb, tables));
    }

    /**
     * @param kb     the knowledge base directory, or null for the packaged one (its codes.csv)
     * @param tables a deployer's code tables, merged in order
     * @return the codes a record is read with
     */
    static FhirCodes codes(String kb, java.util.List<String> tables) {
        FhirCodes codes = kb == null ? FhirCodes.packaged() : FhirCodes.fromDirectory(java.nio.file.Path.of(kb));
        for (String table : tables) {
            codes = codes.with(java.nio.file.Path.of(table));
        }
        return codes;
    }

    /**
     * The engine's refusal of a record read from FHIR, at the FHIR path of the fact's source (as the
     * reader names its own refusals); unchanged if the record does not give that fact.
     *
     * @param e        the refusal, naming an input path
     * @param fhirJson the record
     * @param date     the date it was read for
     * @param kb       the knowledge base directory, or null for the packaged one
     * @param tables   a deployer's code tables
     * @return the refusal to report
     */
    static InvalidInputException atSource(InvalidInputException e, String fhirJson, LocalDate date, String kb,
                                          java.util.List<String> tables) {
        return FhirAssessments.source(fhirJson, date, codes(kb, tables), e.field())
                .map(at -> new InvalidInputException(at, e.rule() + " (" + e.field() + ")")).orElse(e);
    }

    /**
     * @param decision the decision
     * @param fhirJson the FHIR record it was made from (its Patient is the subject); null for a
     *                 section-4 JSON case, which names no patient (no subject)
     * @param kb       the knowledge base directory, or null for the packaged one
     * @param tables   a deployer's code tables (they type the data requirements)
     * @return the GuidanceResponse as FHIR JSON
     */
    static String guidanceResponse(Decision decision, String fhirJson, String kb, java.util.List<String> tables) {
        String subject = fhirJson == null ? null : FhirAssessments.subject(fhirJson).orElse(null);
        return FhirGuidance.write(decision, subject, codes(kb, tables));
    }

    static String questionnaire(DecisionEngine engine) {
        return FhirQuestionnaire.intakeJson(engine);
    }

    /**
     * @param engine the engine whose knowledge base gives the Questionnaire's version
     * @param bundle the record, a FHIR Bundle as JSON
     * @param date   the date the record is read for
     * @return the intake pre-filled with what the record says, a QuestionnaireResponse as FHIR JSON
     */
    static String prefill(DecisionEngine engine, String bundle, LocalDate date) {
        return FhirQuestionnaire.prefillJson(engine, bundle, date);
    }
}
