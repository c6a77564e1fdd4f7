package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.zorgregels.cli.CliCall.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace command as a guideline author meets it. */
class TraceCommandTest {
    private static final String SCENARIOS = Path.of("..", "..", "rules-tests", "src", "test", "resources", "scenarios").toString();
    private static final String KB_SOURCES = Path.of("..", "..", "rules-kb", "src", "main", "resources").toString();


    private static Result run(String... args) {
        return CliCall.run("", args);
    }

    @Test
    void tracesARequirementToItsSourceRulesAndScenarios() {
        Result r = run("trace", "PC-A3", "--scenarios", SCENARIOS);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("PC-A3  Adult: functioning reduced by at least 25%, Bell CFIDS score 60 or lower")
                .contains("source: 000_b510353f4949bed4.txt — Criteria voor volwassenen:")
                .contains("nl/zorgregels/kb/postcovid-adult.drl:")
                .contains("PC-A3 adult Bell score at or below the threshold")
                .containsPattern("scenario files naming it: (.*, )?postcovid/pc-a3-adult-bell-score.yaml")
                .containsPattern("NOT_MET +\\d+ scenarios?: (.*, )?postcovid/pc-a3-adult-bell-score.yaml / ")
                .containsPattern("UNKNOWN +\\d+ scenarios?: ")
                .contains("1 requirement(s); no gaps")
                .doesNotContain("PC-A4");
    }

    @Test
    void theJsonFormListsEveryScenarioOfEverySide() throws Exception {
        Result r = run("trace", "--format", "json", "--scenarios", SCENARIOS, "PC-R4", "PC-G3");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.at("/knowledgeBase/checksum").asText()).startsWith("sha256:");
        assertThat(root.at("/scenarios/scenarios").asInt()).isGreaterThan(200);
        assertThat(root.get("requirements")).hasSize(2);
        // in the order of the requirements list: PC-G3 comes before PC-R4
        JsonNode g3 = root.at("/requirements/0");
        JsonNode r4 = root.at("/requirements/1");
        assertThat(r4.get("id").asText()).isEqualTo("PC-R4");
        assertThat(r4.get("kind").asText()).isEqualTo("centre");
        // the interim allocation table's rows (PC-R4) and the offer rule
        List<String> r4Files = new ArrayList<>();
        r4.get("rules").forEach(rule -> r4Files.add(rule.get("file").asText()));
        assertThat(r4Files).contains("nl/zorgregels/kb/interim-allocation.csv", "nl/zorgregels/kb/postcovid-centre.drl");
        assertThat(r4.at("/scenarios/OFFERED").size()).isPositive();
        assertThat(r4.at("/scenarios/OFFERED/0").asText()).contains(" / ");
        assertThat(r4.at("/uncovered")).isEmpty();
        assertThat(g3.get("rules")).isEmpty();
        assertThat(g3.get("lacksRules").asBoolean()).isFalse();
        assertThat(g3.at("/namedBy/0").asText()).isEqualTo("postcovid/pc-g3-positive-test-not-required.yaml");
        assertThat(root.get("gaps")).isEmpty();
    }

    @Test
    void withoutAScenarioFolderItSaysSoAndTracesTheRules() {
        // the tests run in rules-api/, where rules-tests/src/test/resources/scenarios does not exist
        Result r = run("trace", "PC-N1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("no scenario folder found (rules-tests/src/test/resources/scenarios does not exist")
                .contains("Use --scenarios DIR");
        assertThat(r.out()).contains("Scenarios: none read").contains("postcovid-outcome.drl:")
                .doesNotContain("SHOWN");
    }

    @Test
    void aSideNoScenarioShowsIsAGap(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("only-met.yaml"), """
                title: PC-A3 — only the MET side
                given:
                  assessmentDate: "2026-11-23"
                  patient: { birthDate: "1980-04-02", umcRegion: UMCG, dutchGeneralPractitioner: true, dutchHealthInsurance: true }
                  postCovid: { complaintsAttributedToCovid: true, otherCausesInvestigated: true, complaintOnsetDate: "2025-01-10",
                               bellScore: 50, complaintsFromPreExistingDisease: false, treatmentPathway: COMPLETED }
                scenarios:
                  - name: bell-60
                    with: { postCovid: { bellScore: 60 } }
                    expect: { postCovid: { outcome: ELIGIBLE } }
                """);
        Result r = run("trace", "PC-A3", "--scenarios", dir.toString(), "--kb", KB_SOURCES);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Knowledge base local:")
                .containsPattern("MET +1 scenario: +only-met.yaml / bell-60")
                .contains("NOT_MET  no scenario  <- GAP")
                .contains("1 requirement(s); 2 gap(s):")
                .contains("PC-A3 NOT_MET: no scenario").contains("PC-A3 UNKNOWN: no scenario");
    }

    @Test
    void optionsMayComeBeforeTheCommand() {
        Result r = run("--scenarios", SCENARIOS, "--format", "json", "trace", "PC-G1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"id\" : \"PC-G1\"");
    }

    @Test
    void badUsageExitsTwoWithAClearMessage(@TempDir Path dir) throws Exception {
        Result unknownId = run("trace", "PC-Z9", "--scenarios", SCENARIOS);
        assertThat(unknownId.code()).isEqualTo(2);
        assertThat(unknownId.err()).contains("no requirement PC-Z9 in the knowledge base; known: PC-G1, ");
        Result format = run("trace", "--format", "xml");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("--format must be one of text, json but was xml").contains("Usage:");
        Result noDir = run("trace", "--scenarios", dir.resolve("missing").toString());
        assertThat(noDir.code()).isEqualTo(2);
        assertThat(noDir.err()).contains("--scenarios " + dir.resolve("missing") + ": not a directory");
        Result option = run("trace", "--lang", "en");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).contains("unknown option for trace: --lang");
        assertThat(run("trace", "--kb").err()).contains("--kb needs a value");
    }

    @Test
    void aBrokenScenarioFileExitsTwoNamingFileAndKey(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("postcovid"));
        Files.writeString(dir.resolve("postcovid/broken.yaml"), """
                title: broken
                given: { assessmentDate: "2026-11-23" }
                scenarios:
                  - with: { postCovid: null }
                """);
        Result r = run("trace", "--scenarios", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("invalid input: postcovid/broken.yaml: scenarios[0].name: must be a non-blank text");
    }

    @Test
    void aScenarioInputTheBindingRefusesIsReportedAsAGap(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("typo.yaml"), """
                title: PC-A3 — a typo
                given:
                  assessmentDate: "2026-11-23"
                  patient: { birthDate: "1980-04-02" }
                  postCovid: { belScore: 50 }
                scenarios:
                  - name: typo
                    expect: { postCovid: { outcome: ELIGIBLE } }
                """);
        Result r = run("trace", "PC-A3", "--scenarios", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("invalid scenario input: typo.yaml / typo: postCovid.belScore: is not a known field");
    }
}
