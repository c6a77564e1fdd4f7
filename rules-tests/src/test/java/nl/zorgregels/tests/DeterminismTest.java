package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.KnowledgeBaseInfo;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT.md §1 "Deterministic": the same input and knowledge base give the same output, byte for byte,
 * and the output names the knowledge base it was made with. (Surefire runs these tests in an
 * unusual time zone and locale, see the parent pom.)
 */
class DeterminismTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ADULT = """
            { "assessmentDate": "2026-11-23",
              "patient": { "birthDate": "1980-04-02", "umcRegion": "UMCG",
                           "dutchGeneralPractitioner": true, "dutchHealthInsurance": true },
              "postCovid": { "complaintsAttributedToCovid": true, "otherCausesInvestigated": true,
                             "positiveTest": false, "complaintOnsetDate": "2025-01-10", "bellScore": 50,
                             "complaintsFromPreExistingDisease": false, "treatmentPathway": "COMPLETED" } }
            """;

    @Test
    void theSameInputTwiceGivesByteIdenticalJson() {
        ZorgregelsEngine engine = Engines.shared();
        String first = DecisionJson.write(engine.evaluate(DecisionJson.readAssessment(ADULT)));
        String second = DecisionJson.write(engine.evaluate(DecisionJson.readAssessment(ADULT)));
        assertThat(second).isEqualTo(first);

        Assessment assessment = DecisionJson.readAssessment(ADULT);
        assertThat(DecisionJson.write(engine.evaluate(assessment))).isEqualTo(first);
        assertThat(DecisionJson.write(engine.evaluate(assessment))).isEqualTo(first);
        assertThat(DecisionJson.writeLine(engine.evaluate(assessment)))
                .isEqualTo(DecisionJson.writeLine(engine.evaluate(assessment)));
    }

    @Test
    void everyScenarioInputTwiceGivesByteIdenticalJson() {
        ZorgregelsEngine engine = Engines.shared();
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Scenario s : ScenarioLoader.allScenarios()) {
            String input = s.inputJson();
            String first;
            String second;
            try {
                first = DecisionJson.write(engine.evaluate(DecisionJson.readAssessment(input)));
                second = DecisionJson.write(engine.evaluate(DecisionJson.readAssessment(input)));
            } catch (InvalidInputException e) {
                continue; // reported by ScenarioSuiteTest
            }
            compared++;
            if (!first.equals(second)) {
                differences.add(s.displayName() + "\n  first:  " + first + "\n  second: " + second);
            }
        }
        assertThat(compared).as("scenario inputs compared").isPositive();
        assertThat(differences).as("scenarios whose decision JSON differs between two runs").isEmpty();
    }

    @Test
    void aSecondEngineGivesTheSameKnowledgeBaseAndTheSameJson() {
        ZorgregelsEngine engine = Engines.shared();
        ZorgregelsEngine other = ZorgregelsEngine.packaged();
        assertThat(other.knowledgeBase()).isEqualTo(engine.knowledgeBase());
        Assessment assessment = DecisionJson.readAssessment(ADULT);
        assertThat(DecisionJson.write(other.evaluate(assessment)))
                .isEqualTo(DecisionJson.write(engine.evaluate(assessment)));
    }

    @Test
    void theDecisionNamesItsKnowledgeBase() throws Exception {
        ZorgregelsEngine engine = Engines.shared();
        KnowledgeBaseInfo kb = engine.knowledgeBase();
        assertThat(kb.version()).as("knowledgeBase.version").isNotBlank();
        assertThat(kb.checksum()).as("knowledgeBase.checksum").matches("sha256:[0-9a-f]{64}");

        Decision decision = engine.evaluate(DecisionJson.readAssessment(ADULT));
        assertThat(decision.knowledgeBase()).isEqualTo(kb);

        JsonNode written = JSON.readTree(DecisionJson.write(decision));
        assertThat(written.path("knowledgeBase").path("version").asText()).isEqualTo(kb.version());
        assertThat(written.path("knowledgeBase").path("checksum").asText()).isEqualTo(kb.checksum());
        assertThat(written.path("assessmentDate").asText()).isEqualTo("2026-11-23");
    }

    @Test
    void theOneLineFormHasTheSameContent() throws Exception {
        Decision decision = Engines.shared().evaluate(DecisionJson.readAssessment(ADULT));
        String line = DecisionJson.writeLine(decision);
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(JSON.readTree(line)).isEqualTo(JSON.readTree(DecisionJson.write(decision)));
    }
}
