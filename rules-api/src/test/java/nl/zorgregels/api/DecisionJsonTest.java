package nl.zorgregels.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.zorgregels.api.internal.json.JsonErrors;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkFacts;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.ComplaintPattern;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.FunctionalLimitation;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.KnowledgeBaseInfo;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.OtherPais;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.Patient;
import nl.zorgregels.model.PostCovidDecision;
import nl.zorgregels.model.PostCovidFacts;
import nl.zorgregels.model.ToMeet;
import nl.zorgregels.model.TreatmentPathway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON contract of CONTRACT.md sections 4 and 5: strict input, deterministic output. */
class DecisionJsonTest {

    /** CONTRACT.md §4 example, without the {@code alk} section (not in the model yet). */
    private static final String FULL_EXAMPLE = """
            { "assessmentDate": "2026-11-23",
              "patient": { "birthDate": "1980-04-02",
                           "umcRegion": "UMCG",
                           "dutchGeneralPractitioner": true, "dutchHealthInsurance": true },
              "postCovid": { "complaintsAttributedToCovid": true, "otherCausesInvestigated": true,
                             "positiveTest": false, "complaintOnsetDate": "2025-01-10", "bellScore": 50,
                             "reducedFunctioning": true, "complaintsFromPreExistingDisease": false,
                             "treatmentPathway": "COMPLETED", "otherPais": ["LYME"],
                             "currentCentre": "AMSTERDAM_UMC" } }""";

    private static final String PATIENT = "\"patient\": {\"birthDate\": \"1980-04-02\"}";

    // ---- valid input ---------------------------------------------------------------------------------

    @Test
    void theFullSpecExampleBindsToTheRecords() {
        Assessment a = DecisionJson.readAssessment(FULL_EXAMPLE);

        assertThat(a.assessmentDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(a.patient()).isEqualTo(new Patient(LocalDate.of(1980, 4, 2), Centre.UMCG, true, true));
        assertThat(a.postCovid()).isEqualTo(PostCovidFacts.builder()
                .complaintsAttributedToCovid(true).otherCausesInvestigated(true).positiveTest(false)
                .complaintOnsetDate(LocalDate.of(2025, 1, 10)).bellScore(50).reducedFunctioning(true)
                .complaintsFromPreExistingDisease(false).treatmentPathway(TreatmentPathway.COMPLETED)
                .otherPais(List.of(OtherPais.LYME)).currentCentre(Centre.AMSTERDAM_UMC).build());
    }

    @Test
    void aReaderGivesTheSameAssessmentAsAString() {
        assertThat(DecisionJson.readAssessment(new StringReader(FULL_EXAMPLE)))
                .isEqualTo(DecisionJson.readAssessment(FULL_EXAMPLE));
    }

    @Test
    void theMinimalAssessmentHasNoPostCovidSectionAndUnknownPatientFacts() {
        Assessment a = DecisionJson.readAssessment("{\"assessmentDate\": \"2026-11-23\", " + PATIENT + "}");

        assertThat(a).isEqualTo(new Assessment(LocalDate.of(2026, 11, 23), Patient.born(LocalDate.of(1980, 4, 2)), null));
    }

    @Test
    void anExplicitNullForAnOptionalFieldMeansAbsent() {
        Assessment withNulls = DecisionJson.readAssessment("""
                {"assessmentDate": "2026-11-23",
                 "patient": {"birthDate": "1980-04-02", "umcRegion": null, "dutchGeneralPractitioner": null},
                 "postCovid": {"bellScore": null, "otherPais": null, "treatmentPathway": null, "positiveTest": true}}""");
        Assessment without = DecisionJson.readAssessment("""
                {"assessmentDate": "2026-11-23", "patient": {"birthDate": "1980-04-02"},
                 "postCovid": {"positiveTest": true}}""");

        assertThat(withNulls).isEqualTo(without);
        assertThat(withNulls.postCovid().bellScore()).isNull();
        assertThat(DecisionJson.readAssessment("{\"assessmentDate\": \"2026-11-23\", " + PATIENT + ", \"postCovid\": null}")
                .postCovid()).isNull();
    }

    @Test
    void anEmptyListIsKeptAsAnEmptyList() {
        assertThat(DecisionJson.readAssessment(postCovid("\"otherPais\": []")).postCovid().otherPais()).isEmpty();
    }

    // ---- malformed JSON ---------------------------------------------------------------------------------

    @Test
    void malformedJsonNamesLineColumnAndTheParsersReason() {
        InvalidInputException e = rejected("{\"assessmentDate\": \"2026-11-23\",\n \"patient\": {]");

        assertThat(e.field()).isEqualTo("$");
        assertThat(e.rule()).startsWith("malformed JSON at line 2, column 14: ")
                .contains("Unexpected close marker ']'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'assessmentDate': '2026-11-23'}", "{\"a\": tru}", "{\"a\": 1,}", "{/* c */}",
            "{\"a\": NaN}", "{\"a\": 050}", "{\"a\": +5}", "{\"a\": 1"})
    void nonStandardOrIncompleteJsonIsMalformed(String json) {
        InvalidInputException e = rejected(json);

        assertThat(e.field()).isEqualTo("$");
        assertThat(e.rule()).matches("malformed JSON at line 1, column \\d+: .+")
                .doesNotContain("enable `", "Source:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t \n"})
    void emptyInputIsMalformed(String json) {
        InvalidInputException e = rejected(json);

        assertThat(e.field()).isEqualTo("$");
        assertThat(e.rule()).startsWith("malformed JSON at line ").contains("no content; expected a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "42", "null", "true", "\"assessment\""})
    void aRootThatIsNotAnObjectIsRejected(String json) {
        InvalidInputException e = rejected(json);

        assertThat(e.field()).isEqualTo("$");
        assertThat(e.rule()).startsWith("must be a JSON object (the assessment) but was ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{} x", "{}]", "{}\n,"})
    void trailingContentAfterTheObjectIsRejected(String json) {
        InvalidInputException e = rejected(json);

        assertThat(e.field()).isEqualTo("$");
        assertThat(e.rule()).startsWith("malformed JSON at line ")
                .contains("trailing content after the assessment object");
    }

    @Test
    void everyTruncationOfAValidDocumentIsMalformedJson() {
        for (int end = 0; end < FULL_EXAMPLE.length(); end++) {
            InvalidInputException e = rejected(FULL_EXAMPLE.substring(0, end));
            assertThat(e.field()).as("prefix of %d characters", end).isEqualTo("$");
            assertThat(e.rule()).as("prefix of %d characters", end).startsWith("malformed JSON at line ");
        }
    }

    @Test
    void syntaxErrorsAreReportedBeforeAnyFieldError() {
        InvalidInputException e = rejected(postCovid("\"belScore\": 55") + " x");

        assertThat(e.field()).isEqualTo("$");
        assertThat(e.rule()).contains("trailing content");
    }

    // ---- unknown fields -----------------------------------------------------------------------------------

    @Test
    void aTypoInAFieldNameIsRejectedWithTheNearestKnownField() {
        InvalidInputException e = rejected(postCovid("\"belScore\": 50"));

        assertThat(e.field()).isEqualTo("postCovid.belScore");
        assertThat(e.rule()).isEqualTo("is not a known field (did you mean bellScore?); known fields here: "
                + "complaintsAttributedToCovid, otherCausesInvestigated, positiveTest, complaintOnsetDate, "
                + "bellScore, reducedFunctioning, complaintsFromPreExistingDisease, treatmentPathway, otherPais, "
                + "currentCentre");
    }

    @Test
    void aTypoIsReportedEvenWhenItLeavesARequiredFieldAbsent() {
        InvalidInputException e = rejected("{\"assesmentDate\": \"2026-11-23\", " + PATIENT + "}");

        assertThat(e.field()).isEqualTo("assesmentDate");
        assertThat(e.rule()).startsWith("is not a known field (did you mean assessmentDate?)");
    }

    @Test
    void aFieldNameInTheWrongCaseIsUnknownWithASuggestion() {
        InvalidInputException e = rejected("{\"assessmentDate\": \"2026-11-23\", "
                + "\"patient\": {\"birthdate\": \"1980-04-02\"}}");

        assertThat(e.field()).isEqualTo("patient.birthdate");
        assertThat(e.rule()).isEqualTo("is not a known field (did you mean birthDate?); known fields here: "
                + "birthDate, umcRegion, dutchGeneralPractitioner, dutchHealthInsurance");
    }

    @Test
    void anAlkSectionBindsToAlkFacts() {
        Assessment a = DecisionJson.readAssessment("{\"assessmentDate\": \"2026-11-23\", " + PATIENT
                + ", \"alk\": {\"complaintOnsetDate\": \"2026-05-01\", \"limitsFunctioningOrCausesSuffering\": true,"
                + " \"complaintPattern\": \"MULTIPLE\", \"functionalLimitation\": \"SEVERE\", \"meCvsOrPem\": false}}");

        assertThat(a.alk()).isEqualTo(new AlkFacts(LocalDate.of(2026, 5, 1), true, ComplaintPattern.MULTIPLE,
                FunctionalLimitation.SEVERE, null, null, false));
        assertThat(a.postCovid()).isNull();
    }

    @Test
    void anAlkTypoAnUnknownAxisValueAndAFutureOnsetAreRefused() {
        String head = "{\"assessmentDate\": \"2026-11-23\", " + PATIENT + ", \"alk\": {";
        InvalidInputException typo = rejected(head + "\"complaintPatern\": \"MULTIPLE\"}}");
        assertThat(typo.field()).isEqualTo("alk.complaintPatern");
        assertThat(typo.rule()).contains("did you mean complaintPattern?");
        InvalidInputException axis = rejected(head + "\"functionalLimitation\": \"MILD\"}}");
        assertThat(axis.field()).isEqualTo("alk.functionalLimitation");
        assertThat(axis.rule()).contains("must be one of LIGHT, MODERATE, SEVERE");
        InvalidInputException future = rejected(head + "\"complaintOnsetDate\": \"2026-11-24\"}}");
        assertThat(future.field()).isEqualTo("alk.complaintOnsetDate");
        assertThat(future.rule()).contains("must not be after assessmentDate");
    }

    @Test
    void anUnknownFieldWhoseNameIsNotAnIdentifierIsQuotedInThePath() {
        InvalidInputException e = rejected(postCovid("\"bell score\": 50"));

        assertThat(e.field()).isEqualTo("postCovid[\"bell score\"]");
        assertThat(e.rule()).startsWith("is not a known field");
    }

    @Test
    void theSuggestionIsOnlyMadeForNearMisses() {
        List<String> known = List.of("assessmentDate", "patient", "postCovid");
        assertThat(JsonErrors.nearest("pateint", known)).isEqualTo("patient");
        assertThat(JsonErrors.nearest("postcovid", known)).isEqualTo("postCovid");
        assertThat(JsonErrors.nearest("alk", known)).isNull();
        assertThat(JsonErrors.nearest("person", known)).isNull();
        assertThat(JsonErrors.distance("belScore", "bellScore")).isEqualTo(1);
        assertThat(JsonErrors.distance("pateint", "patient")).isEqualTo(1);
    }

    // ---- enum values ------------------------------------------------------------------------------------

    @Test
    void anUnknownEnumValueListsTheAllowedOnes() {
        InvalidInputException e = rejected(postCovid("\"treatmentPathway\": \"DONE\""));

        assertThat(e.field()).isEqualTo("postCovid.treatmentPathway");
        assertThat(e.rule()).isEqualTo(
                "must be one of COMPLETED, NOT_POSSIBLE_DUE_TO_SEVERITY, IN_PROGRESS, NONE but was \"DONE\"");
    }

    @Test
    void anEmptyStringIsNotAnEnumValue() {
        InvalidInputException e = rejected(postCovid("\"treatmentPathway\": \"\""));

        assertThat(e.field()).isEqualTo("postCovid.treatmentPathway");
        assertThat(e.rule()).isEqualTo(
                "must be one of COMPLETED, NOT_POSSIBLE_DUE_TO_SEVERITY, IN_PROGRESS, NONE but was \"\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"completed\"", "\" COMPLETED\"", "\"COMPLETED \"", "\"0\""})
    void anEnumValueMustMatchTheNameExactly(String value) {
        InvalidInputException e = rejected(postCovid("\"treatmentPathway\": " + value));

        assertThat(e.field()).isEqualTo("postCovid.treatmentPathway");
        assertThat(e.rule()).isEqualTo(
                "must be one of COMPLETED, NOT_POSSIBLE_DUE_TO_SEVERITY, IN_PROGRESS, NONE but was " + value);
    }

    @Test
    void aKindOfOtherPaisTheKnowledgeBaseDoesNotListIsRefusedWhenDecidingNamingItsIndex() {
        // the kinds are knowledge (other-pais.csv): reading takes a code of a code's form, deciding checks the table
        Assessment a = DecisionJson.readAssessment(postCovid("\"otherPais\": [\"LYME\", \"LIME\"]"));
        assertThat(a.postCovid().otherPais()).extracting(OtherPais::code).containsExactly("LYME", "LIME");
        InvalidInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class,
                () -> ZorgregelsEngine.packaged().evaluate(a));

        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("postCovid.otherPais[1]");
        assertThat(e.rule()).isEqualTo("must be one of ME_CVS, LYME, Q_FEVER, POST_SEPSIS (the kinds of other PAIS in the"
                + " knowledge base's other-pais.csv) but was \"LIME\"; a new kind is added there as a row");
    }

    @Test
    void aKindOfOtherPaisNotOfACodesFormIsRefusedWhenReadNamingItsIndex() {
        InvalidInputException e = rejected(postCovid("\"otherPais\": [\"LYME\", \"lyme\"]"));

        assertThat(e.field()).isEqualTo("postCovid.otherPais[1]");
        assertThat(e.rule()).isEqualTo("must be the code of a kind of other PAIS (upper-case letters, digits and _, as"
                + " listed in the knowledge base's other-pais.csv, e.g. ME_CVS, LYME, Q_FEVER, POST_SEPSIS) but was \"lyme\"");
    }

    @Test
    void anUnknownUmcRegionIsRejected() {
        InvalidInputException e = rejected("{\"assessmentDate\": \"2026-11-23\", "
                + "\"patient\": {\"birthDate\": \"1980-04-02\", \"umcRegion\": \"UMC Groningen\"}}");

        assertThat(e.field()).isEqualTo("patient.umcRegion");
        assertThat(e.rule()).isEqualTo("must be one of AMSTERDAM_UMC, ERASMUS_MC, LUMC, MAASTRICHT_UMC, RADBOUDUMC, "
                + "UMCG, UMC_UTRECHT but was \"UMC Groningen\"");
    }

    @Test
    void aLongOffendingValueIsShortenedInTheRule() {
        InvalidInputException e = rejected(postCovid("\"treatmentPathway\": \"" + "X".repeat(500) + "\""));

        assertThat(e.rule()).endsWith("but was \"" + "X".repeat(60) + "\"... (500 characters)");
    }

    // ---- wrong JSON types: nothing is coerced ----------------------------------------------------------

    static Stream<Arguments> wrongTypes() {
        String bool = "must be true or false (a JSON boolean) but was ";
        String whole = "must be a whole number (a JSON integer, without decimal point or exponent) but was ";
        String date = "must be a date as YYYY-MM-DD (a JSON string) but was ";
        String pathway = "must be one of COMPLETED, NOT_POSSIBLE_DUE_TO_SEVERITY, IN_PROGRESS, NONE (a JSON string) but was ";
        return Stream.of(
                Arguments.of("\"positiveTest\": \"true\"", "postCovid.positiveTest", bool + "the string \"true\""),
                Arguments.of("\"positiveTest\": \"yes\"", "postCovid.positiveTest", bool + "the string \"yes\""),
                Arguments.of("\"positiveTest\": 1", "postCovid.positiveTest", bool + "the number 1"),
                Arguments.of("\"positiveTest\": [true]", "postCovid.positiveTest", bool + "an array"),
                Arguments.of("\"positiveTest\": {}", "postCovid.positiveTest", bool + "an object"),
                Arguments.of("\"bellScore\": \"50\"", "postCovid.bellScore", whole + "the string \"50\""),
                Arguments.of("\"bellScore\": 50.5", "postCovid.bellScore", whole + "the number 50.5"),
                Arguments.of("\"bellScore\": 50.0", "postCovid.bellScore", whole + "the number 50.0"),
                Arguments.of("\"bellScore\": 5e1", "postCovid.bellScore", whole + "the number 5E+1"),
                Arguments.of("\"bellScore\": true", "postCovid.bellScore", whole + "the boolean true"),
                Arguments.of("\"bellScore\": [50]", "postCovid.bellScore", whole + "an array"),
                Arguments.of("\"complaintOnsetDate\": 20250110", "postCovid.complaintOnsetDate", date + "the number 20250110"),
                Arguments.of("\"complaintOnsetDate\": [2025, 1, 10]", "postCovid.complaintOnsetDate", date + "an array"),
                Arguments.of("\"complaintOnsetDate\": {\"year\": 2025}", "postCovid.complaintOnsetDate", date + "an object"),
                Arguments.of("\"treatmentPathway\": {\"name\": \"COMPLETED\"}", "postCovid.treatmentPathway", pathway + "an object"),
                Arguments.of("\"treatmentPathway\": 0", "postCovid.treatmentPathway", pathway + "the number 0"),
                Arguments.of("\"treatmentPathway\": true", "postCovid.treatmentPathway", pathway + "the boolean true"),
                Arguments.of("\"otherPais\": \"LYME\"", "postCovid.otherPais", "must be a JSON array but was the string \"LYME\""),
                Arguments.of("\"otherPais\": \"\"", "postCovid.otherPais", "must be a JSON array but was the string \"\""),
                Arguments.of("\"otherPais\": {}", "postCovid.otherPais", "must be a JSON array but was an object"),
                Arguments.of("\"otherPais\": [[\"LYME\"]]", "postCovid.otherPais[0]",
                        "must be the code of a kind of other PAIS (a JSON string, e.g. ME_CVS, LYME, Q_FEVER, POST_SEPSIS) but was an array"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void aValueOfTheWrongJsonTypeIsRejectedNamingTheExpectedType(String field, String path, String rule) {
        InvalidInputException e = rejected(postCovid(field));

        assertThat(e.field()).isEqualTo(path);
        assertThat(e.rule()).isEqualTo(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"x\"", "[]", "true", "1", "\"\""})
    void aSectionMustBeAnObject(String value) {
        InvalidInputException patient = rejected("{\"assessmentDate\": \"2026-11-23\", \"patient\": " + value + "}");
        InvalidInputException postCovid = rejected("{\"assessmentDate\": \"2026-11-23\", " + PATIENT
                + ", \"postCovid\": " + value + "}");

        assertThat(patient.field()).isEqualTo("patient");
        assertThat(patient.rule()).startsWith("must be a JSON object but was ");
        assertThat(postCovid.field()).isEqualTo("postCovid");
        assertThat(postCovid.rule()).startsWith("must be a JSON object but was ");
    }

    @Test
    void aNumberIsNotADateAtTheTopLevelEither() {
        InvalidInputException e = rejected("{\"assessmentDate\": 20261123, " + PATIENT + "}");

        assertThat(e.field()).isEqualTo("assessmentDate");
        assertThat(e.rule()).isEqualTo("must be a date as YYYY-MM-DD (a JSON string) but was the number 20261123");
    }

    // ---- dates ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"23-11-2026", "2026-11-23T10:00", "2026-11-23T10:00:00Z", " 2026-11-23", "2026-11-23 ",
            "2026-1-5", "+2026-11-23", "20261123", "2026/11/23", ""})
    void aDateMustBeWrittenYyyyMmDd(String value) {
        InvalidInputException e = rejected("{\"assessmentDate\": \"" + value + "\", " + PATIENT + "}");

        assertThat(e.field()).isEqualTo("assessmentDate");
        assertThat(e.rule()).isEqualTo("must be a date as YYYY-MM-DD but was \"" + value + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31"})
    void aDateMustBeARealDay(String value) {
        InvalidInputException e = rejected(postCovid("\"complaintOnsetDate\": \"" + value + "\""));

        assertThat(e.field()).isEqualTo("postCovid.complaintOnsetDate");
        assertThat(e.rule()).isEqualTo("must be a date as YYYY-MM-DD but was \"" + value
                + "\", which is not a day in the calendar");
    }

    @Test
    void aLeapDayIsARealDay() {
        assertThat(DecisionJson.readAssessment(postCovid("\"complaintOnsetDate\": \"2024-02-29\""))
                .postCovid().complaintOnsetDate()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    // ---- numbers out of range ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"99999999999", "2147483648", "-2147483649", "123456789012345678901234567890"})
    void aWholeNumberOutsideTheIntRangeIsRejected(String value) {
        InvalidInputException e = rejected(postCovid("\"bellScore\": " + value));

        assertThat(e.field()).isEqualTo("postCovid.bellScore");
        assertThat(e.rule()).isEqualTo("must be a whole number from -2147483648 to 2147483647 but was the number " + value);
    }

    @Test
    void aHugeFloatIsRejectedAsNotAWholeNumber() {
        InvalidInputException e = rejected(postCovid("\"bellScore\": 1e400"));

        assertThat(e.field()).isEqualTo("postCovid.bellScore");
        assertThat(e.rule()).startsWith("must be a whole number (a JSON integer").endsWith("but was the number 1E+400");
    }

    // ---- duplicate keys ---------------------------------------------------------------------------------

    @Test
    void aKeyGivenTwiceInOneObjectIsRejected() {
        InvalidInputException e = rejected(postCovid("\"bellScore\": 50, \"bellScore\": 60"));

        assertThat(e.field()).isEqualTo("postCovid.bellScore");
        assertThat(e.rule()).startsWith("occurs more than once in the same object (at line 1, column ")
                .endsWith("); each field may be given only once");
    }

    @Test
    void aDuplicateKeyIsRejectedEvenWithTheSameValue() {
        InvalidInputException e = rejected("{\"assessmentDate\": \"2026-11-23\", \"assessmentDate\": \"2026-11-23\", "
                + PATIENT + "}");

        assertThat(e.field()).isEqualTo("assessmentDate");
        assertThat(e.rule()).contains("occurs more than once");
    }

    @Test
    void theSameKeyInDifferentObjectsIsNotADuplicate() {
        Assessment a = DecisionJson.readAssessment("""
                {"assessmentDate": "2026-11-23", "patient": {"birthDate": "1980-04-02"},
                 "postCovid": {"complaintOnsetDate": "2025-01-10"}}""");

        assertThat(a.postCovid().complaintOnsetDate()).isEqualTo(LocalDate.of(2025, 1, 10));
    }

    // ---- required fields and null ------------------------------------------------------------------------

    @Test
    void aMissingAssessmentDateIsRequired() {
        InvalidInputException e = rejected("{" + PATIENT + "}");

        assertThat(e.field()).isEqualTo("assessmentDate");
        assertThat(e.rule()).isEqualTo("is required");
    }

    @Test
    void aMissingPatientIsRequired() {
        InvalidInputException e = rejected("{\"assessmentDate\": \"2026-11-23\"}");

        assertThat(e.field()).isEqualTo("patient");
        assertThat(e.rule()).isEqualTo("is required");
    }

    @Test
    void aMissingBirthDateIsRequiredWithTheFullPath() {
        InvalidInputException e = rejected("{\"assessmentDate\": \"2026-11-23\", \"patient\": {\"umcRegion\": \"UMCG\"}}");

        assertThat(e.field()).isEqualTo("patient.birthDate");
        assertThat(e.rule()).isEqualTo("is required");
    }

    @Test
    void anEmptyObjectLacksTheAssessmentDate() {
        InvalidInputException e = rejected("{}");

        assertThat(e.field()).isEqualTo("assessmentDate");
        assertThat(e.rule()).isEqualTo("is required");
    }

    @Test
    void nullForARequiredFieldIsRequired() {
        InvalidInputException date = rejected("{\"assessmentDate\": null, " + PATIENT + "}");
        InvalidInputException patient = rejected("{\"assessmentDate\": \"2026-11-23\", \"patient\": null}");
        InvalidInputException birth = rejected("{\"assessmentDate\": \"2026-11-23\", \"patient\": {\"birthDate\": null}}");

        assertThat(date.field()).isEqualTo("assessmentDate");
        assertThat(date.rule()).isEqualTo("is required");
        assertThat(patient.field()).isEqualTo("patient");
        assertThat(patient.rule()).isEqualTo("is required");
        assertThat(birth.field()).isEqualTo("patient.birthDate");
        assertThat(birth.rule()).isEqualTo("is required");
    }

    @Test
    void nullInsideOtherPaisIsRejectedByTheRecord() {
        InvalidInputException e = rejected(postCovid("\"otherPais\": [\"LYME\", null]"));

        assertThat(e.field()).isEqualTo("postCovid.otherPais[1]");
        assertThat(e.rule()).isEqualTo("must be a kind of other PAIS (a code of the knowledge base's other-pais.csv), not null");
    }

    // ---- constraints of the records, with the full path, never as a Jackson exception ------------------

    @ParameterizedTest
    @ValueSource(ints = {55, -10, 110, 1, 99})
    void aBellScoreOutsideTheScaleIsTheRecordsErrorWithTheFullPath(int score) {
        Throwable thrown = catchThrowable(postCovid("\"bellScore\": " + score));

        assertThat(thrown).isExactlyInstanceOf(InvalidInputException.class);
        InvalidInputException e = (InvalidInputException) thrown;
        assertThat(e.field()).isEqualTo("postCovid.bellScore");
        assertThat(e.rule()).isEqualTo("must be one of 0, 10, 20, ..., 100 (Bell CFIDS disability scale) but was " + score);
        assertThat(e.getMessage()).isEqualTo("postCovid.bellScore: " + e.rule());
    }

    @Test
    void aBirthDateAfterTheAssessmentDateIsRejected() {
        InvalidInputException e = rejected("{\"assessmentDate\": \"2026-11-23\", \"patient\": {\"birthDate\": \"2026-11-24\"}}");

        assertThat(e.field()).isEqualTo("patient.birthDate");
        assertThat(e.rule()).isEqualTo("must not be after assessmentDate 2026-11-23 but was 2026-11-24");
    }

    @Test
    void anAgeOver130IsRejected() {
        InvalidInputException e = rejected("{\"assessmentDate\": \"2026-11-23\", \"patient\": {\"birthDate\": \"1890-01-01\"}}");

        assertThat(e.field()).isEqualTo("patient.birthDate");
        assertThat(e.rule()).startsWith("gives an age over 130 years");
    }

    @Test
    void anOnsetOutsideBirthAndAssessmentDateIsRejected() {
        InvalidInputException late = rejected(postCovid("\"complaintOnsetDate\": \"2026-11-24\""));
        InvalidInputException early = rejected(postCovid("\"complaintOnsetDate\": \"1980-04-01\""));

        assertThat(late.field()).isEqualTo("postCovid.complaintOnsetDate");
        assertThat(late.rule()).isEqualTo("must not be after assessmentDate 2026-11-23 but was 2026-11-24");
        assertThat(early.field()).isEqualTo("postCovid.complaintOnsetDate");
        assertThat(early.rule()).isEqualTo("must not be before patient.birthDate 1980-04-02 but was 1980-04-01");
    }

    // ---- input limits -------------------------------------------------------------------------------------

    @Test
    void nestingDeeperThan32IsRejected() {
        // the root object is level 1, so 32 arrays inside it make level 33
        InvalidInputException e = rejected("{\"x\": " + "[".repeat(32) + "]".repeat(32) + "}");

        assertThat(e.field()).startsWith("x[0]");
        assertThat(e.rule()).isEqualTo("nests objects and arrays deeper than the maximum depth of 32");
    }

    @Test
    void nestingOf32LevelsIsWithinTheLimit() {
        InvalidInputException e = rejected("{\"x\": " + "[".repeat(31) + "]".repeat(31) + "}");

        assertThat(e.field()).isEqualTo("x");
        assertThat(e.rule()).startsWith("is not a known field");
    }

    @Test
    void aStringLongerThan10000CharactersIsRejected() {
        InvalidInputException tooLong = rejected(postCovid("\"treatmentPathway\": \"" + "A".repeat(10_001) + "\""));
        InvalidInputException atLimit = rejected(postCovid("\"treatmentPathway\": \"" + "A".repeat(10_000) + "\""));

        assertThat(tooLong.field()).isEqualTo("postCovid.treatmentPathway");
        assertThat(tooLong.rule()).isEqualTo("is a string longer than the maximum of 10000 characters");
        assertThat(atLimit.rule()).startsWith("must be one of COMPLETED");
    }

    @Test
    void aFieldNameLongerThan10000CharactersIsRejected() {
        InvalidInputException e = rejected("{\"" + "k".repeat(10_001) + "\": 1}");

        assertThat(e.field()).isEqualTo("$");
        assertThat(e.rule()).isEqualTo("has a field name longer than the maximum of 10000 characters");
    }

    @Test
    void aNumberLongerThan40CharactersIsRejected() {
        InvalidInputException tooLong = rejected(postCovid("\"bellScore\": " + "1".repeat(41)));
        InvalidInputException atLimit = rejected(postCovid("\"bellScore\": " + "1".repeat(40)));

        assertThat(tooLong.field()).isEqualTo("postCovid.bellScore");
        assertThat(tooLong.rule()).isEqualTo("is a number longer than the maximum of 40 characters");
        assertThat(atLimit.rule()).startsWith("must be a whole number from");
    }

    @Test
    void inputLargerThan1MiBIsRejectedBeforeParsing() {
        String json = "{\"assessmentDate\": \"2026-11-23\", " + PATIENT + "}";
        String padded = json + " ".repeat((1 << 20) - json.length());
        String tooLarge = padded + " ";

        assertThat(DecisionJson.readAssessment(padded).assessmentDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        InvalidInputException e = rejected(tooLarge);
        assertThat(e.field()).isEqualTo("$");
        assertThat(e.rule()).startsWith("input larger than 1 MiB");
        assertThatThrownBy(() -> DecisionJson.readAssessment(new StringReader(tooLarge)))
                .isExactlyInstanceOf(InvalidInputException.class)
                .satisfies(t -> {
                    assertThat(((InvalidInputException) t).field()).isEqualTo("$");
                    assertThat(((InvalidInputException) t).rule()).startsWith("input larger than 1 MiB");
                });
    }

    // ---- nothing but InvalidInputException for bad input ------------------------------------------------

    @Test
    void onlyARealReadFailureOfTheReaderEscapesAsAnotherException() {
        Reader failing = new Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk on fire");
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> DecisionJson.readAssessment(failing))
                .isExactlyInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("disk on fire");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uFEFF{}", "{\"a\":\"x\ny\"}", "{\"patient\": {\"birthDate\": {\"$date\": 1}}}",
            "{\"postCovid\": {\"otherPais\": [{}, [], 1, true]}}", "{\"assessmentDate\": \"\\u0032026-11-23\", \"patient\": []}",
            "{\"\": null}", "[{}]", "{\"assessmentDate\": \"2026-11-23\", \"patient\": {\"birthDate\": \"1980-04-02\"}, "
            + "\"postCovid\": {\"bellScore\": -2147483648}}"})
    void oddInputOnlyEverGivesAnInvalidInputException(String json) {
        assertThat(catchThrowable(json)).isExactlyInstanceOf(InvalidInputException.class);
    }

    // ---- output --------------------------------------------------------------------------------------------

    private static final KnowledgeBaseInfo KB = new KnowledgeBaseInfo("2026.11.0", "sha256:0123abcd");

    private static Decision decision(Map<String, Object> facts) {
        CriterionResult a3 = new CriterionResult("PC-A3", CriterionStatus.MET,
                new LocalizedText("Bell-score 50 is ten hoogste 60.", "Bell score 50 is at most 60."),
                "000_b510353f4949bed4.txt — Bell-score", facts, List.of());
        CriterionResult a5 = new CriterionResult("PC-A5", CriterionStatus.UNKNOWN,
                new LocalizedText("Traject onbekend.", "Pathway unknown."), "000_b510353f4949bed4.txt — traject",
                Map.of(), List.of("postCovid.treatmentPathway"));
        CentreOffer centre = new CentreOffer(CentreStatus.OFFERED, List.of(Centre.UMCG), "PC-R4",
                new LocalizedText("UMCG.", "UMCG."), null, List.of(), List.of());
        PostCovidDecision postCovid = new PostCovidDecision(AgeGroup.ADULT, Outcome.INSUFFICIENT_DATA, List.of(a3, a5),
                List.of("postCovid.treatmentPathway"), centre,
                List.of(new Note("PC-N1", new LocalizedText("Noot \"één\".", "Note \"one\"."))));
        return new Decision(KB, LocalDate.of(2026, 11, 23), postCovid);
    }

    private static Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("threshold", 60);
        facts.put("bellScore", 50);
        facts.put("ageGroup", "ADULT");
        facts.put("otherPais", List.of("LYME", "Q_FEVER"));
        facts.put("met", true);
        return facts;
    }

    private static final String EXPECTED = """
            {
              "knowledgeBase": {
                "version": "2026.11.0",
                "checksum": "sha256:0123abcd"
              },
              "assessmentDate": "2026-11-23",
              "safety": [],
              "postCovid": {
                "ageGroup": "ADULT",
                "outcome": "INSUFFICIENT_DATA",
                "criteria": [
                  {
                    "id": "PC-A3",
                    "status": "MET",
                    "message": {
                      "nl": "Bell-score 50 is ten hoogste 60.",
                      "en": "Bell score 50 is at most 60."
                    },
                    "source": "000_b510353f4949bed4.txt — Bell-score",
                    "facts": {
                      "ageGroup": "ADULT",
                      "bellScore": 50,
                      "met": true,
                      "otherPais": [
                        "LYME",
                        "Q_FEVER"
                      ],
                      "threshold": 60
                    },
                    "missingFacts": []
                  },
                  {
                    "id": "PC-A5",
                    "status": "UNKNOWN",
                    "message": {
                      "nl": "Traject onbekend.",
                      "en": "Pathway unknown."
                    },
                    "source": "000_b510353f4949bed4.txt — traject",
                    "facts": {},
                    "missingFacts": [
                      "postCovid.treatmentPathway"
                    ]
                  }
                ],
                "missingFacts": [
                  "postCovid.treatmentPathway"
                ],
                "questions": [],
                "centre": {
                  "status": "OFFERED",
                  "centres": [
                    "UMCG"
                  ],
                  "ruleId": "PC-R4",
                  "message": {
                    "nl": "UMCG.",
                    "en": "UMCG."
                  },
                  "missingFacts": [],
                  "notes": []
                },
                "warnings": [],
                "notes": [
                  {
                    "id": "PC-N1",
                    "message": {
                      "nl": "Noot \\"één\\".",
                      "en": "Note \\"one\\"."
                    }
                  }
                ]
              }
            }""";

    @Test
    void aDecisionIsWrittenIndentedInTheOrderOfTheContract() {
        assertThat(DecisionJson.write(decision(facts()))).isEqualTo(EXPECTED);
    }

    @Test
    void theWrittenPropertiesAreThoseOfSpecSection5InOrder() throws IOException {
        JsonNode root = new ObjectMapper().readTree(DecisionJson.write(decision(facts())));

        assertThat(names(root)).containsExactly("knowledgeBase", "assessmentDate", "safety", "postCovid");
        assertThat(names(root.get("knowledgeBase"))).containsExactly("version", "checksum");
        assertThat(root.get("assessmentDate").asText()).isEqualTo("2026-11-23");
        assertThat(names(root.get("postCovid")))
                .containsExactly("ageGroup", "outcome", "criteria", "missingFacts", "questions", "centre", "warnings",
                        "notes");
        assertThat(names(root.get("postCovid").get("criteria").get(0)))
                .containsExactly("id", "status", "message", "source", "facts", "missingFacts");
        assertThat(names(root.get("postCovid").get("criteria").get(0).get("message"))).containsExactly("nl", "en");
        assertThat(names(root.get("postCovid").get("criteria").get(0).get("facts")))
                .containsExactly("ageGroup", "bellScore", "met", "otherPais", "threshold");
        // availableFrom is null: left out
        assertThat(names(root.get("postCovid").get("centre")))
                .containsExactly("status", "centres", "ruleId", "message", "missingFacts", "notes");
        assertThat(names(root.get("postCovid").get("notes").get(0))).containsExactly("id", "message");
        // CONTRACT.md §9: toMeet on a criterion that is not met, reassessFrom on the decision, source on a note
        PostCovidDecision pc = decision(facts()).postCovid();
        Decision next = new Decision(KB, LocalDate.of(2026, 11, 23), new PostCovidDecision(pc.ageGroup(),
                Outcome.NOT_ELIGIBLE, List.of(new CriterionResult("PC-A2", CriterionStatus.NOT_MET,
                        new LocalizedText("Nog niet.", "Not yet."), "000_b510353f4949bed4.txt — x", Map.of(),
                        List.of(), new ToMeet(new LocalizedText("Vanaf 2027-01-10.", "From 2027-01-10."),
                        Map.of("durationReachedOn", "2027-01-10")))), List.of(), List.of(),
                LocalDate.of(2027, 1, 10), null, List.of(), List.of(new Note("PC-N7",
                        new LocalizedText("Tweede mening.", "Second opinion."), "000_b510353f4949bed4.txt — y"))));
        JsonNode nextRoot = new ObjectMapper().readTree(DecisionJson.write(next)).get("postCovid");
        assertThat(names(nextRoot)).containsExactly("ageGroup", "outcome", "criteria", "missingFacts", "questions",
                "reassessFrom", "warnings", "notes");
        assertThat(nextRoot.get("reassessFrom").asText()).isEqualTo("2027-01-10");
        assertThat(names(nextRoot.get("criteria").get(0)))
                .containsExactly("id", "status", "message", "source", "facts", "missingFacts", "toMeet");
        assertThat(names(nextRoot.get("criteria").get(0).get("toMeet"))).containsExactly("message", "facts");
        assertThat(names(nextRoot.get("notes").get(0))).containsExactly("id", "message", "source");
    }

    @Test
    void aCentreWithADateWritesItAsYyyyMmDd() throws IOException {
        CentreOffer later = new CentreOffer(CentreStatus.NONE_YET, List.of(), "PC-R3",
                new LocalizedText("Later.", "Later."), LocalDate.of(2027, 1, 5), List.of(), List.of());
        Decision d = new Decision(KB, LocalDate.of(2026, 11, 23), new PostCovidDecision(AgeGroup.CHILD,
                Outcome.ELIGIBLE, List.of(), List.of(), later, List.of()));

        JsonNode centre = new ObjectMapper().readTree(DecisionJson.write(d)).get("postCovid").get("centre");
        assertThat(centre.get("availableFrom").isTextual()).isTrue();
        assertThat(centre.get("availableFrom").asText()).isEqualTo("2027-01-05");
        assertThat(names(centre)).containsExactly("status", "centres", "ruleId", "message", "availableFrom",
                "missingFacts", "notes");
    }

    @Test
    void postCovidIsLeftOutWhenTheDecisionHasNone() {
        Decision none = new Decision(KB, LocalDate.of(2026, 11, 23), null);

        assertThat(DecisionJson.write(none)).isEqualTo("""
                {
                  "knowledgeBase": {
                    "version": "2026.11.0",
                    "checksum": "sha256:0123abcd"
                  },
                  "assessmentDate": "2026-11-23",
                  "safety": []
                }""");
        assertThat(DecisionJson.writeLine(none)).isEqualTo(
                "{\"knowledgeBase\":{\"version\":\"2026.11.0\",\"checksum\":\"sha256:0123abcd\"},"
                        + "\"assessmentDate\":\"2026-11-23\",\"safety\":[]}");
    }

    @Test
    void aCentreOfNullIsLeftOut() throws IOException {
        Decision d = new Decision(KB, LocalDate.of(2026, 11, 23), new PostCovidDecision(AgeGroup.ADULT,
                Outcome.NOT_ELIGIBLE, List.of(), List.of(), null, List.of()));

        assertThat(names(new ObjectMapper().readTree(DecisionJson.write(d)).get("postCovid")))
                .containsExactly("ageGroup", "outcome", "criteria", "missingFacts", "questions", "warnings", "notes");
    }

    @Test
    void writingTheSameDecisionTwiceGivesTheSameString() {
        Decision d = decision(facts());

        assertThat(DecisionJson.write(d)).isEqualTo(DecisionJson.write(d));
        assertThat(DecisionJson.writeLine(d)).isEqualTo(DecisionJson.writeLine(d));
    }

    @Test
    void equalDecisionsBuiltInAnotherOrderGiveTheSameString() {
        Map<String, Object> reversed = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(facts().keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            reversed.put(keys.get(i), facts().get(keys.get(i)));
        }

        assertThat(DecisionJson.write(decision(reversed))).isEqualTo(DecisionJson.write(decision(facts())));
    }

    @Test
    void writeLineIsTheSameJsonOnOneLine() throws IOException {
        Decision d = decision(facts());
        String line = DecisionJson.writeLine(d);

        assertThat(line).doesNotContain("\n", "\r").startsWith("{\"knowledgeBase\":{").endsWith("}");
        ObjectMapper plain = new ObjectMapper();
        assertThat(plain.readTree(line)).isEqualTo(plain.readTree(DecisionJson.write(d)));
    }

    @Test
    void writeLineToAStreamWritesTheLinesUtf8BytesAndLeavesTheStreamOpen() throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>(facts());
        facts.put("note", "Zoë — één \"regel\"");
        Decision d = decision(facts);
        boolean[] closedOrFlushed = {false};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream() {
            @Override
            public void close() {
                closedOrFlushed[0] = true;
            }

            @Override
            public void flush() {
                closedOrFlushed[0] = true;
            }
        };

        DecisionJson.writeLine(d, out);
        out.write('\n');
        DecisionJson.writeLine(d, out);

        String line = DecisionJson.writeLine(d);
        assertThat(line).contains("Zoë — één");
        assertThat(out.toByteArray()).isEqualTo((line + "\n" + line).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(closedOrFlushed[0]).as("the caller's stream is neither closed nor flushed").isFalse();
        assertThatThrownBy(() -> DecisionJson.writeLine(null, out)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DecisionJson.writeLine(d, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theIndentedFormHasNoCarriageReturnsAndNoFinalLineBreak() {
        String json = DecisionJson.write(decision(facts()));

        assertThat(json).doesNotContain("\r").doesNotEndWith("\n").endsWith("}");
        assertThat(json.lines()).allSatisfy(line -> {
            int indent = line.length() - line.stripLeading().length();
            assertThat(indent % 2).as("indent of %s", line).isZero();
            assertThat(line.substring(0, indent)).as("indent of %s", line).matches(" *");
        });
        assertThat(json).contains("\n  \"knowledgeBase\": {\n    \"version\"");
    }

    @Test
    void methodsWithParametersAreNotWritten() {
        String json = DecisionJson.write(decision(facts()));

        assertThat(json).doesNotContain("\"criterion\"", "\"in\"");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static String postCovid(String fields) {
        return "{\"assessmentDate\": \"2026-11-23\", " + PATIENT + ", \"postCovid\": {" + fields + "}}";
    }

    private static Throwable catchThrowable(String json) {
        try {
            DecisionJson.readAssessment(json);
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("accepted: " + json);
    }

    private static InvalidInputException rejected(String json) {
        Throwable thrown = catchThrowable(json);
        assertThat(thrown).isExactlyInstanceOf(InvalidInputException.class);
        return (InvalidInputException) thrown;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
