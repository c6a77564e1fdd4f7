package nl.zorgregels.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import java.util.List;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.OtherPais;
import nl.zorgregels.model.TreatmentPathway;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/** The mapping of CONTRACT.md section 8, rule by rule: open world, what is ignored, conflicts, sections. */
class FhirAssessmentsTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    private static final String PATIENT = "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\",\"birthDate\":\"1980-04-02\"}}";
    private static final String OPEN = qr("{\"linkId\":\"postCovid\"}");

    private static String bundle(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    private static String qr(String items) {
        return qr("completed", "http://zorgregels.nl/fhir/Questionnaire/intake", items);
    }

    private static String qr(String status, String questionnaire, String items) {
        return "{\"resource\":{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"" + status
                + "\",\"questionnaire\":\"" + questionnaire + "\",\"item\":[" + items + "]}}";
    }

    private static String condition(String code, String extra) {
        return "{\"resource\":{\"resourceType\":\"Condition\",\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"" + code + "\"}]}" + extra + "}}";
    }

    private static String bell(String status, String effective, int value) {
        return "{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"" + status + "\",\"code\":{\"coding\":[{\"system\":"
                + "\"http://zorgregels.nl/fhir/CodeSystem/observation\",\"code\":\"bell-cfids-score\"}]},"
                + "\"effectiveDateTime\":\"" + effective + "\",\"valueInteger\":" + value + "}}";
    }

    private static String procedure(String code, String status) {
        return "{\"resource\":{\"resourceType\":\"Procedure\",\"status\":\"" + status + "\",\"code\":{\"coding\":[{\"system\":"
                + "\"http://snomed.info/sct\",\"code\":\"" + code + "\"}]}}}";
    }

    private static Assessment read(String... entries) {
        return FhirAssessments.read(bundle(entries), DATE);
    }

    @Test
    void aPatientAloneGivesNoPartAndTheSectionGroupsOpenTheirParts() {
        Assessment alone = read(PATIENT);
        assertThat(alone.patient().birthDate()).isEqualTo(LocalDate.of(1980, 4, 2));
        assertThat(alone.postCovid()).isNull();
        assertThat(alone.alk()).isNull();
        Assessment open = read(PATIENT, qr("{\"linkId\":\"postCovid\"},{\"linkId\":\"alk\"}"));
        assertThat(open.postCovid()).isNotNull();
        assertThat(open.alk()).isNotNull();
        assertThat(open.assessmentDate()).isEqualTo(DATE);
    }

    @Test
    void aPostCovidConditionOpensThePartAndGivesAttributionAndOnset() {
        Assessment a = read(PATIENT, condition("1119303003", ",\"onsetDateTime\":\"2025-01-10T23:30:00+01:00\""));
        assertThat(a.postCovid().complaintsAttributedToCovid()).isTrue();
        assertThat(a.postCovid().complaintOnsetDate()).isEqualTo(LocalDate.of(2025, 1, 10));
        Assessment period = read(PATIENT, condition("1119304009", ",\"onsetPeriod\":{\"start\":\"2025-02-03\"}"));
        assertThat(period.postCovid().complaintOnsetDate()).isEqualTo(LocalDate.of(2025, 2, 3));
    }

    @Test
    void refutedEnteredInErrorAndInactiveConditionsAreIgnored() {
        for (String status : List.of(
                ",\"verificationStatus\":{\"coding\":[{\"code\":\"refuted\"}]}",
                ",\"verificationStatus\":{\"coding\":[{\"code\":\"entered-in-error\"}]}",
                ",\"clinicalStatus\":{\"coding\":[{\"code\":\"inactive\"}]}",
                ",\"clinicalStatus\":{\"coding\":[{\"code\":\"resolved\"}]}",
                ",\"clinicalStatus\":{\"coding\":[{\"code\":\"remission\"}]}")) {
            assertThat(read(PATIENT, condition("1119304009", status)).postCovid()).as(status).isNull();
            assertThat(read(PATIENT, OPEN, condition("52702003", status)).postCovid().otherPais()).as(status).isNull();
        }
    }

    @Test
    void otherPaisIsTheUnionOfItsSourcesInTheEnumsOrder() {
        Assessment a = read(PATIENT, qr("{\"linkId\":\"postCovid\",\"item\":[{\"linkId\":\"postCovid.otherPais\",\"answer\":["
                + "{\"valueCoding\":{\"system\":\"http://zorgregels.nl/fhir/CodeSystem/OtherPais\",\"code\":\"POST_SEPSIS\"}},"
                + "{\"valueCoding\":{\"system\":\"http://zorgregels.nl/fhir/CodeSystem/OtherPais\",\"code\":\"LYME\"}},"
                + "{\"valueCoding\":{\"system\":\"http://zorgregels.nl/fhir/CodeSystem/OtherPais\",\"code\":\"ME_CVS\"}}]}]}"),
                condition("52702003", ""));
        assertThat(a.postCovid().otherPais()).containsExactly(OtherPais.ME_CVS, OtherPais.LYME, OtherPais.POST_SEPSIS);
    }

    @Test
    void aChronicFatigueConditionAloneOpensNoPart() {
        assertThat(read(PATIENT, condition("52702003", "")).postCovid()).isNull();
        assertThat(read(PATIENT, bell("final", "2026-11-01", 50), procedure("91251008", "completed")).postCovid()).isNull();
    }

    @Test
    void theLatestFinalBellScoreOnOrBeforeTheDateCounts() {
        Assessment a = read(PATIENT, OPEN, bell("final", "2026-01-01", 30), bell("amended", "2026-11-01", 50),
                bell("preliminary", "2026-11-20", 0), bell("final", "2026-11-24", 100), bell("entered-in-error", "2026-11-22", 10));
        assertThat(a.postCovid().bellScore()).isEqualTo(50);
        assertThatThrownBy(() -> read(PATIENT, OPEN, bell("final", "2026-11-01", 50), bell("corrected", "2026-11-01T10:00:00Z", 60)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Bundle.entry[2].resource.valueInteger: gives postCovid.bellScore 50 but "
                        + "Bundle.entry[3].resource.valueInteger gives 60");
    }

    @Test
    void aCompletedTherapyWinsOverOneInProgressAndOtherStatusesAreIgnored() {
        assertThat(read(PATIENT, OPEN, procedure("91251008", "in-progress"), procedure("84478008", "completed"))
                .postCovid().treatmentPathway()).isEqualTo(TreatmentPathway.COMPLETED);
        assertThat(read(PATIENT, OPEN, procedure("84478008", "in-progress")).postCovid().treatmentPathway())
                .isEqualTo(TreatmentPathway.IN_PROGRESS);
        assertThat(read(PATIENT, OPEN, procedure("91251008", "not-done"), procedure("91251008", "stopped"),
                procedure("12345", "completed")).postCovid().treatmentPathway()).isNull();
    }

    @Test
    void absenceNeverMakesAFactFalse() {
        Assessment a = read(PATIENT, OPEN, condition("44054006", ""));
        assertThat(a.postCovid().complaintsAttributedToCovid()).isNull();
        assertThat(a.postCovid().treatmentPathway()).isNull();
        assertThat(a.postCovid().otherPais()).isNull();
    }

    @Test
    void otherQuestionnairesAndEnteredInErrorResponsesAreIgnored() {
        String wrong = "{\"linkId\":\"postCovid\",\"item\":[{\"linkId\":\"postCovid.positiveTest\",\"answer\":[{\"valueBoolean\":true}]}]}";
        assertThat(read(PATIENT, qr("entered-in-error", "http://zorgregels.nl/fhir/Questionnaire/intake", wrong)).postCovid()).isNull();
        assertThat(read(PATIENT, qr("completed", "http://example.org/Questionnaire/phq9", "{\"linkId\":\"1\"}")).postCovid()).isNull();
        assertThat(read(PATIENT, qr("completed", "http://zorgregels.nl/fhir/Questionnaire/intake|1.0", wrong))
                .postCovid().positiveTest()).isTrue();
    }

    @Test
    void agreeingSourcesAreOneFactAndTheBirthDateMayAlsoBeAnswered() {
        Assessment a = read(PATIENT, qr("{\"linkId\":\"patient\",\"item\":[{\"linkId\":\"patient.birthDate\",\"answer\":"
                + "[{\"valueDate\":\"1980-04-02\"}]}]},{\"linkId\":\"postCovid\",\"item\":[{\"linkId\":\"postCovid.bellScore\","
                + "\"answer\":[{\"valueInteger\":50}]}]}"), bell("final", "2026-11-01", 50));
        assertThat(a.postCovid().bellScore()).isEqualTo(50);
        assertThatThrownBy(() -> read(PATIENT, qr("{\"linkId\":\"patient\",\"item\":[{\"linkId\":\"patient.birthDate\","
                + "\"answer\":[{\"valueDate\":\"1980-04-03\"}]}]}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Bundle.entry[0].resource.birthDate: gives patient.birthDate 1980-04-02 but "
                        + "Bundle.entry[1].resource.item[0].item[0].answer[0].valueDate gives 1980-04-03");
    }

    @Test
    void itemsMustBeInTheirOwnSection() {
        assertThatThrownBy(() -> read(PATIENT, qr("{\"linkId\":\"alk\",\"item\":[{\"linkId\":\"postCovid.bellScore\"}]}")))
                .hasMessageStartingWith("Bundle.entry[1].resource.item[0].item[0].linkId: postCovid.bellScore belongs in group postCovid");
        assertThatThrownBy(() -> read(PATIENT, qr("{\"linkId\":\"alk\",\"answer\":[{\"valueBoolean\":true}]}")))
                .hasMessageStartingWith("Bundle.entry[1].resource.item[0].answer: the group alk takes no answer");
        assertThatThrownBy(() -> read(PATIENT, qr("{\"linkId\":\"alk\",\"item\":[{\"linkId\":\"postCovid\"}]}")))
                .hasMessageStartingWith("Bundle.entry[1].resource.item[0].item[0].linkId: the group postCovid is a section");
    }

    /**
     * The intake Questionnaire's structure, as a FHIR validator checks a response against it: a fact stands
     * in its section's group, and an item that does not repeat stands once (otherPais repeats).
     */
    @Test
    void itemsMustStandWhereTheQuestionnaireHasThemAndOnce() {
        String bell = "{\"linkId\":\"postCovid.bellScore\",\"answer\":[{\"valueInteger\":50}]}";
        assertThatThrownBy(() -> read(PATIENT, qr(bell)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Bundle.entry[1].resource.item[0].linkId: postCovid.bellScore stands at the top level; the intake"
                        + " Questionnaire has it in the group postCovid: put the item in the item with linkId postCovid");
        assertThatThrownBy(() -> read(PATIENT, qr("{\"linkId\":\"postCovid\",\"item\":[" + bell + "," + bell + "]}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Bundle.entry[1].resource.item[0].item[1].linkId: postCovid.bellScore stands twice in"
                        + " one group postCovid (also at Bundle.entry[1].resource.item[0].item[0])");
        assertThatThrownBy(() -> read(PATIENT, qr("{\"linkId\":\"postCovid\"},{\"linkId\":\"postCovid\",\"item\":[" + bell + "]}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Bundle.entry[1].resource.item[1].linkId: postCovid stands twice in one QuestionnaireResponse");
        String lyme = "{\"linkId\":\"postCovid.otherPais\",\"answer\":[{\"valueCoding\":{\"system\":"
                + "\"http://zorgregels.nl/fhir/CodeSystem/OtherPais\",\"code\":\"LYME\"}}]}";
        String sepsis = lyme.replace("LYME", "POST_SEPSIS");
        assertThat(read(PATIENT, qr("{\"linkId\":\"postCovid\",\"item\":[" + lyme + "," + sepsis + "]}")).postCovid().otherPais())
                .as("otherPais repeats").containsExactly(OtherPais.LYME, OtherPais.POST_SEPSIS);
    }

    @Test
    void aBellScoreNeedsADateAndAFullOne() {
        String undated = bell("final", "2026-11-01", 50).replace("\"effectiveDateTime\":\"2026-11-01\",", "");
        assertThatThrownBy(() -> read(PATIENT, OPEN, undated))
                .hasMessageStartingWith("Bundle.entry[2].resource.effectiveDateTime: is required on an Observation giving postCovid.bellScore");
        assertThatThrownBy(() -> read(PATIENT, OPEN, bell("final", "2026-11", 50)))
                .hasMessageStartingWith("Bundle.entry[2].resource.effectiveDateTime: is a partial date");
    }

    @Test
    void nestedBundlesAndHapiObjectsReadTheSame() {
        String flat = bundle(PATIENT, OPEN, bell("final", "2026-11-01", 50));
        String nested = bundle("{\"resource\":" + bundle(PATIENT) + "}", "{\"resource\":" + bundle(OPEN, bell("final", "2026-11-01", 50)) + "}");
        Assessment a = FhirAssessments.read(flat, DATE);
        assertThat(FhirAssessments.read(nested, DATE)).isEqualTo(a);
        Bundle hapi = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, flat);
        assertThat(FhirAssessments.read(hapi, DATE)).isEqualTo(a);
    }

    @Test
    void theSamePatientListedTwiceIsOnePatient() {
        Assessment a = read(PATIENT, PATIENT);
        assertThat(a.patient().birthDate()).isEqualTo(LocalDate.of(1980, 4, 2));
    }

    @Test
    void subjectsMayReferToThePatientInEveryUsualForm() {
        for (String ref : List.of("Patient/p", "Patient/p/_history/3", "https://ehr.example/fhir/Patient/p")) {
            String obs = bell("final", "2026-11-01", 50).replace("\"status\"", "\"subject\":{\"reference\":\"" + ref + "\"},\"status\"");
            assertThat(read(PATIENT, OPEN, obs).postCovid().bellScore()).as(ref).isEqualTo(50);
        }
        String group = bell("final", "2026-11-01", 50).replace("\"status\"", "\"subject\":{\"reference\":\"Group/p\"},\"status\"");
        assertThatThrownBy(() -> read(PATIENT, OPEN, group)).hasMessageContaining("refers to \"Group/p\", not to the Patient");
    }

    @Test
    void theAssessmentDateIsRequiredAndJudgesTheDates() {
        assertThatThrownBy(() -> FhirAssessments.read(bundle(PATIENT), null))
                .isInstanceOf(InvalidInputException.class).hasMessage("assessmentDate: is required");
        assertThatThrownBy(() -> FhirAssessments.read(bundle(PATIENT), LocalDate.of(1980, 4, 1)))
                .hasMessageStartingWith("Bundle.entry[0].resource.birthDate: must not be after assessmentDate 1980-04-01");
    }
}
