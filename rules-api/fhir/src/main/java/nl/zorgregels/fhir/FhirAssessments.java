package nl.zorgregels.fhir;

import java.time.LocalDate;
import nl.zorgregels.fhir.internal.BundleReader;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.InvalidInputException;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Reads a patient's record in FHIR R4 into an {@link Assessment}, as CONTRACT.md section 8 ("Reading a
 * patient's record") maps it: the {@code Bundle} (any type; nested Bundles, such as CDS Hooks
 * prefetch results, are read too) must hold exactly one {@code Patient}; the intake
 * {@code QuestionnaireResponse} ({@link FhirQuestionnaire#URL}) gives the facts by {@code linkId}
 * (the input path); {@code Condition}, {@code Observation} and {@code Procedure} resources with the
 * codes of the knowledge base's {@code codes.csv} ({@link FhirCodes}), and the patient's general
 * practitioner and {@code Coverage} by their identifier systems (AGB, UZOVI), add to them, open
 * world (a resource can make a fact true or give it a value, its absence never makes a fact false).
 * Every other resource is ignored.
 *
 * <p>The facts are then bound exactly as the JSON of section 4 is bound, so every rule of section 4
 * applies. Invalid input is refused, never repaired: an {@link InvalidInputException} whose
 * {@link InvalidInputException#field() field} is the FHIR path of the offending element, e.g.
 * {@code Bundle.entry[2].resource.item[0].answer[0].valueInteger}, and whose
 * {@link InvalidInputException#rule() rule} says what is wrong. Two sources giving one fact
 * different values are refused, naming both paths; nothing is chosen silently.
 *
 * <p>A post-COVID part is decided when the record speaks of post-COVID: the QuestionnaireResponse
 * has the group {@code postCovid} or an item of it, or an active, not refuted post-COVID Condition
 * is present. Only then do the Bell CFIDS score Observation, the therapy Procedures and a chronic
 * fatigue syndrome Condition contribute their facts (so a physiotherapy record alone does not make
 * a post-COVID decision). The ALK part is decided when the QuestionnaireResponse has the group
 * {@code alk} or an item of it.
 *
 * <p>Needs HAPI FHIR ({@code ca.uhn.hapi.fhir:hapi-fhir-structures-r4}) on the class path. Thread-safe.
 */
public final class FhirAssessments {
    private FhirAssessments() {
    }

    /**
     * Reads a Bundle given as FHIR JSON.
     *
     * @param fhirJson       a FHIR R4 Bundle as JSON, at most 8 MiB characters
     * @param assessmentDate the date the decision is made for (CONTRACT.md: {@code assessmentDate})
     * @return the assessment
     * @throws InvalidInputException if the Bundle is not a valid record; field is the FHIR path
     *                               ({@code $} for the text as a whole, {@code assessmentDate} if
     *                               {@code assessmentDate} is null)
     * @throws NullPointerException  if {@code fhirJson} is null
     */
    public static Assessment read(String fhirJson, LocalDate assessmentDate) {
        return BundleReader.read(fhirJson, assessmentDate);
    }

    /**
     * Reads a Bundle an EHR already holds as HAPI FHIR objects.
     *
     * @param bundle         a FHIR R4 Bundle
     * @param assessmentDate the date the decision is made for
     * @return the assessment
     * @throws InvalidInputException as {@link #read(String, LocalDate)}
     * @throws NullPointerException  if {@code bundle} is null
     */
    public static Assessment read(Bundle bundle, LocalDate assessmentDate) {
        return BundleReader.read(bundle, assessmentDate);
    }

    /**
     * Reads a Bundle given as FHIR JSON with the given codes (the knowledge base's and a deployer's).
     *
     * @param fhirJson       a FHIR R4 Bundle as JSON, at most 8 MiB characters
     * @param assessmentDate the date the decision is made for
     * @param codes          which codes give which fact
     * @return the assessment
     * @throws InvalidInputException as {@link #read(String, LocalDate)}
     * @throws NullPointerException  if {@code fhirJson} or {@code codes} is null
     */
    public static Assessment read(String fhirJson, LocalDate assessmentDate, FhirCodes codes) {
        return BundleReader.read(fhirJson, assessmentDate, codes.table());
    }

    /**
     * Reads a Bundle held as HAPI FHIR objects with the given codes (the knowledge base's and a deployer's).
     *
     * @param bundle         a FHIR R4 Bundle
     * @param assessmentDate the date the decision is made for
     * @param codes          which codes give which fact
     * @return the assessment
     * @throws InvalidInputException as {@link #read(String, LocalDate)}
     * @throws NullPointerException  if {@code bundle} or {@code codes} is null
     */
    public static Assessment read(Bundle bundle, LocalDate assessmentDate, FhirCodes codes) {
        return BundleReader.read(bundle, assessmentDate, codes.table());
    }

    /**
     * The Patient a record is of, as a GuidanceResponse's {@code subject} refers to it.
     *
     * @param fhirJson a FHIR R4 Bundle as JSON, at most 8 MiB characters
     * @return {@code Patient/<id>} of the record's Patient (found as {@link #read(String, LocalDate)}
     *         finds it); empty when that Patient has no id (a reference is never invented)
     * @throws InvalidInputException if the Bundle does not hold exactly one Patient, or a resource
     *                               read is malformed; field is the FHIR path
     * @throws NullPointerException  if {@code fhirJson} is null
     */
    public static java.util.Optional<String> subject(String fhirJson) {
        return java.util.Optional.ofNullable(BundleReader.patientReference(fhirJson));
    }

    /**
     * Where a fact of a record was read from: the FHIR path of its source, so that a refusal of the
     * engine (which names the input path, e.g. a kind of other PAIS its knowledge base does not list,
     * {@code postCovid.otherPais[1]}) can name the element of the record instead.
     *
     * @param fhirJson       a FHIR R4 Bundle as JSON that {@link #read(String, LocalDate, FhirCodes)} reads
     * @param assessmentDate the date it was read for
     * @param codes          the codes it was read with
     * @param inputPath      the input path (CONTRACT.md section 4), with {@code [i]} for an element of a list
     * @return the FHIR path, e.g. {@code Bundle.entry[1].resource.item[1].item[0].answer[2].valueCoding.code};
     *         empty if the record does not give that fact
     * @throws InvalidInputException as {@link #read(String, LocalDate)}
     */
    public static java.util.Optional<String> source(String fhirJson, LocalDate assessmentDate, FhirCodes codes,
                                                    String inputPath) {
        return java.util.Optional.ofNullable(BundleReader.source(fhirJson, assessmentDate, codes.table(), inputPath));
    }
}
