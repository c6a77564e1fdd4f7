package nl.zorgregels.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import nl.zorgregels.model.AlkFacts;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.OtherPais;
import nl.zorgregels.model.Patient;
import nl.zorgregels.model.PostCovidFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An input error is the same whether the input came as JSON ({@link DecisionJson#readAssessment})
 * or was built in Java (the builders, the factories, the constructors): the same field path
 * (CONTRACT.md §4) and the same rule, for every value the records check.
 */
class BuilderJsonAgreementTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    private static final LocalDate BIRTH = LocalDate.of(1980, 4, 2);
    private static final String PATIENT = "\"patient\": {\"birthDate\": \"1980-04-02\"}";

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("postCovid.bellScore", "{\"assessmentDate\": \"2026-11-23\", " + PATIENT
                        + ", \"postCovid\": {\"bellScore\": 55}}",
                        () -> assessment(PostCovidFacts.builder().bellScore(55).build(), null)),
                bad("postCovid.bellScore", "{\"assessmentDate\": \"2026-11-23\", " + PATIENT
                        + ", \"postCovid\": {\"bellScore\": -10}}",
                        () -> PostCovidFacts.builder().bellScore(-10).build()),
                bad("postCovid.bellScore", "{\"assessmentDate\": \"2026-11-23\", " + PATIENT
                        + ", \"postCovid\": {\"bellScore\": 110}}",
                        () -> new PostCovidFacts(null, null, null, null, 110, null, null, null, null, null)),
                bad("postCovid.otherPais[1]", "{\"assessmentDate\": \"2026-11-23\", " + PATIENT
                        + ", \"postCovid\": {\"otherPais\": [\"LYME\", null]}}",
                        () -> PostCovidFacts.builder().otherPais(Arrays.asList(OtherPais.LYME, null)).build()),
                bad("assessmentDate", "{" + PATIENT + "}",
                        () -> Assessment.builder().patient(Patient.born(BIRTH)).build()),
                bad("patient", "{\"assessmentDate\": \"2026-11-23\"}",
                        () -> Assessment.builder().assessmentDate(DATE).build()),
                bad("patient.birthDate", "{\"assessmentDate\": \"2026-11-23\", \"patient\": {\"umcRegion\": \"UMCG\"}}",
                        () -> Patient.builder().build()),
                bad("patient.birthDate", "{\"assessmentDate\": \"2026-11-23\", \"patient\": {}}",
                        () -> Patient.born(null)),
                bad("patient.birthDate", "{\"assessmentDate\": \"2026-11-23\", \"patient\": {\"birthDate\": \"2026-11-24\"}}",
                        () -> Assessment.builder().assessmentDate(DATE).patient(Patient.born(DATE.plusDays(1))).build()),
                bad("patient.birthDate", "{\"assessmentDate\": \"2026-11-23\", \"patient\": {\"birthDate\": \"1895-11-22\"}}",
                        () -> Assessment.builder().assessmentDate(DATE).patient(Patient.born(LocalDate.of(1895, 11, 22))).build()),
                bad("postCovid.complaintOnsetDate", "{\"assessmentDate\": \"2026-11-23\", " + PATIENT
                        + ", \"postCovid\": {\"complaintOnsetDate\": \"2026-11-24\"}}",
                        () -> assessment(PostCovidFacts.builder().complaintOnsetDate(DATE.plusDays(1)).build(), null)),
                bad("postCovid.complaintOnsetDate", "{\"assessmentDate\": \"2026-11-23\", " + PATIENT
                        + ", \"postCovid\": {\"complaintOnsetDate\": \"1980-04-01\"}}",
                        () -> assessment(PostCovidFacts.builder().complaintOnsetDate(BIRTH.minusDays(1)).build(), null)),
                bad("alk.complaintOnsetDate", "{\"assessmentDate\": \"2026-11-23\", " + PATIENT
                        + ", \"alk\": {\"complaintOnsetDate\": \"2026-11-24\"}}",
                        () -> assessment(null, AlkFacts.builder().complaintOnsetDate(DATE.plusDays(1)).build())),
                bad("alk.complaintOnsetDate", "{\"assessmentDate\": \"2026-11-23\", " + PATIENT
                        + ", \"alk\": {\"complaintOnsetDate\": \"1980-04-01\"}}",
                        () -> assessment(null, AlkFacts.builder().complaintOnsetDate(BIRTH.minusDays(1)).build())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badInputs")
    void theJavaErrorIsTheJsonError(String field, String json, Supplier<?> java) {
        InvalidInputException fromJson = refused(() -> DecisionJson.readAssessment(json));
        InvalidInputException fromJava = refused(java::get);

        assertThat(fromJson.field()).isEqualTo(field);
        assertThat(fromJava.field()).isEqualTo(field);
        assertThat(fromJava.rule()).isEqualTo(fromJson.rule());
        assertThat(fromJava.getMessage()).isEqualTo(fromJson.getMessage());
    }

    @Test
    void aBadCodeIsNamedAtTheListFromJavaAndAtItsElementFromJson() {
        InvalidInputException fromJson = refused(() -> DecisionJson.readAssessment("{\"assessmentDate\": \"2026-11-23\", "
                + PATIENT + ", \"postCovid\": {\"otherPais\": [\"LYME\", \"lyme\"]}}"));
        InvalidInputException fromJava = refused(() -> PostCovidFacts.builder()
                .otherPais(List.of(OtherPais.LYME, OtherPais.of("lyme"))).build());

        assertThat(fromJson.field()).isEqualTo("postCovid.otherPais[1]");
        assertThat(fromJava.field()).isEqualTo("postCovid.otherPais"); // OtherPais.of cannot know the index
        assertThat(fromJava.rule()).isEqualTo(fromJson.rule());
    }

    private static Arguments bad(String field, String json, Supplier<?> java) {
        return Arguments.of(field, json, java);
    }

    private static Assessment assessment(PostCovidFacts postCovid, AlkFacts alk) {
        return Assessment.builder().assessmentDate(DATE).patient(Patient.born(BIRTH)).postCovid(postCovid).alk(alk).build();
    }

    private static InvalidInputException refused(Runnable call) {
        InvalidInputException e = catchThrowableOfType(call::run, InvalidInputException.class);
        assertThat(e).as("InvalidInputException expected").isNotNull();
        return e;
    }
}
