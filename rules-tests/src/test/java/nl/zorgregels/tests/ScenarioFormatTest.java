package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario reader itself: author typos fail loudly, and {@code with} merges as documented. */
class ScenarioFormatTest {
    private static final String GIVEN = """
            title: t
            given:
              assessmentDate: "2026-11-23"
              patient: { birthDate: "1980-04-02", dutchGeneralPractitioner: true }
              postCovid: { bellScore: 50, otherPais: [LYME] }
            scenarios:
            """;

    @TempDir
    Path dir;

    private ScenarioFile load(String scenarios) throws IOException {
        Path file = dir.resolve("topic.yaml");
        Files.writeString(file, GIVEN + scenarios, StandardCharsets.UTF_8);
        return ScenarioLoader.load(dir, file);
    }

    @Test
    void aValidFileReads() throws IOException {
        ScenarioFile file = load("""
                  - name: a-case
                    with: { postCovid: { bellScore: 70 } }
                    expect: { postCovid: { outcome: NOT_ELIGIBLE, criteria: { PC-A3: NOT_MET, PC-X2: { status: UNKNOWN, missingFacts: [patient.dutchHealthInsurance] } }, otherCriteria: MET, missingFacts: [], notes: [] } }
                  - name: same-case
                    sameAs: a-case
                    expect: { postCovid: { absent: true } }
                """);
        assertThat(file.file()).isEqualTo("topic.yaml");
        assertThat(file.scenarios()).extracting(Scenario::name).containsExactly("a-case", "same-case");
        Expectation e = file.scenario("a-case").expect();
        assertThat(e.outcome()).isEqualTo(Outcome.NOT_ELIGIBLE);
        assertThat(e.criteria()).containsOnlyKeys("PC-A3", "PC-X2");
        assertThat(e.criteria().get("PC-X2").missingFacts()).containsExactly("patient.dutchHealthInsurance");
        assertThat(e.otherCriteria()).isEqualTo(CriterionStatus.MET);
        assertThat(file.scenario("same-case").expect().absent()).isTrue();
        assertThat(file.scenario("a-case").displayName()).isEqualTo("topic.yaml / a-case");
    }

    @Test
    void anUnknownKeyAnywhereFailsNamingTheFileAndPath() {
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcme: ELIGIBLE } }
                """)).isInstanceOf(ScenarioFormatException.class)
                .hasMessageContaining("topic.yaml").hasMessageContaining("scenarios[0].expect.postCovid.outcme")
                .hasMessageContaining("unknown key");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    wiht: { postCovid: { bellScore: 70 } }
                    expect: { postCovid: { outcome: ELIGIBLE } }
                """)).hasMessageContaining("scenarios[0].wiht");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, criteria: { PC-A3: { status: MET, mesage: x } } } }
                """)).hasMessageContaining("criteria.PC-A3.mesage");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE }, alk: {} }
                """)).hasMessageContaining("scenarios[0].expect.alk");
    }

    @Test
    void wrongValuesFail() {
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGABLE } }
                """)).hasMessageContaining("outcome").hasMessageContaining("ELIGIBLE, NOT_ELIGIBLE, INSUFFICIENT_DATA");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, criteria: { PC-A6: MET } } }
                """)).hasMessageContaining("PC-A6").hasMessageContaining("unknown criterion id");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, criteria: { PC-A3: met } } }
                """)).hasMessageContaining("criteria.PC-A3");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, missingFacts: postCovid.bellScore } }
                """)).hasMessageContaining("missingFacts").hasMessageContaining("must be a list");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { ageGroup: ADULT } }
                """)).hasMessageContaining("missing required key outcome");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { absent: true, outcome: ELIGIBLE } }
                """)).hasMessageContaining("absent");
        assertThatThrownBy(() -> load("""
                  - name: A Case
                    expect: { postCovid: null }
                """)).hasMessageContaining("lower-case");
    }

    @Test
    void duplicatesAndDanglingReferencesFail() {
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: null }
                  - name: a-case
                    expect: { postCovid: null }
                """)).hasMessageContaining("duplicate scenario name a-case");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, outcome: NOT_ELIGIBLE } }
                """)).hasMessageContaining("not valid YAML").hasMessageContaining("outcome");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    sameAs: b-case
                    expect: { postCovid: null }
                """)).hasMessageContaining("sameAs").hasMessageContaining("b-case");
    }

    @Test
    void withMergesDeeplyNullRemovesListsReplace() throws IOException {
        ObjectNode input = load("""
                  - name: a-case
                    with: { patient: { dutchGeneralPractitioner: null, dutchHealthInsurance: false }, postCovid: { otherPais: [] } }
                    expect: { postCovid: null }
                  - name: b-case
                    with: { postCovid: null }
                    expect: { postCovid: null }
                """).scenario("a-case").input();
        ObjectMapper json = new ObjectMapper();
        assertThat(input).isEqualTo(json.readTree("""
                { "assessmentDate": "2026-11-23",
                  "patient": { "birthDate": "1980-04-02", "dutchHealthInsurance": false },
                  "postCovid": { "bellScore": 50, "otherPais": [] } }
                """));
    }

    @Test
    void removingASectionLeavesNoKey() throws IOException {
        ObjectNode input = load("""
                  - name: b-case
                    with: { postCovid: null }
                    expect: { postCovid: null }
                """).scenario("b-case").input();
        assertThat(input.has("postCovid")).isFalse();
        assertThat(input.get("patient").get("birthDate").asText()).isEqualTo("1980-04-02");
    }
}
