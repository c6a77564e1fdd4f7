package nl.zorgregels.tests;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.tests.bench.DecisionContent;
import nl.zorgregels.tests.bench.EasyRulesAdultCriteria;
import nl.zorgregels.tests.bench.PlainJavaDecider;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's baselines decide what the engine decides, so the ratios in rules-tests/README.md compare
 * equal work: the plain-Java decider gives the engine's {@link DecisionContent} and Easy Rules the
 * engine's adult post-COVID criteria and outcome, on every scenario input and on a generated set
 * of assessments (seeded, so reproducible) that covers every value of every input field.
 */
@Tag("bench")
class BaselineAgreementTest {
    private static final int GENERATED = 3_000;

    private final ZorgregelsEngine engine = Engines.shared();
    private final PlainJavaDecider plain = new PlainJavaDecider();
    private final EasyRulesAdultCriteria easyRules = new EasyRulesAdultCriteria();

    @Test
    void plainJavaAndEasyRulesAgreeWithTheEngineOnEveryScenario() {
        List<Assessment> cases = new ArrayList<>();
        for (Scenario s : ScenarioLoader.allScenarios()) {
            try {
                cases.add(DecisionJson.readAssessment(s.inputJson()));
            } catch (InvalidInputException e) {
                // a scenario of rejected input: nothing to decide
            }
        }
        assertThat(cases).as("scenario inputs that bind").hasSizeGreaterThan(200);
        assertAgreement(cases);
    }

    @Test
    void plainJavaAndEasyRulesAgreeWithTheEngineOnGeneratedAssessments() {
        Random random = new Random(20250615L);
        List<Assessment> cases = new ArrayList<>();
        while (cases.size() < GENERATED) {
            cases.add(GeneratedAssessments.next(random));
        }
        assertAgreement(cases);
    }

    private void assertAgreement(List<Assessment> cases) {
        List<String> differences = new ArrayList<>();
        int adults = 0;
        for (Assessment a : cases) {
            Decision decision = engine.evaluate(a);
            DecisionContent expected = DecisionContent.of(decision);
            DecisionContent actual = plain.decide(a);
            if (!expected.equals(actual) && differences.size() < 5) {
                differences.add("plain Java on " + a + "\n  engine: " + expected + "\n  plain:  " + actual);
            }
            if (decision.postCovid() != null && decision.postCovid().ageGroup() == AgeGroup.ADULT) {
                adults++;
                EasyRulesAdultCriteria.Result r = easyRules.decide(a);
                List<String> engineCriteria = decision.postCovid().criteria().stream()
                        .map(c -> c.id() + "=" + c.status()).toList();
                List<String> easyCriteria = r.criteria.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList();
                if ((!engineCriteria.equals(easyCriteria) || r.outcome != decision.postCovid().outcome()
                        || !List.copyOf(r.missingFacts).equals(decision.postCovid().missingFacts()))
                        && differences.size() < 5) {
                    differences.add("Easy Rules on " + a + "\n  engine: " + engineCriteria + " "
                            + decision.postCovid().outcome() + " " + decision.postCovid().missingFacts()
                            + "\n  easy:   " + easyCriteria + " " + r.outcome + " " + r.missingFacts);
                }
            }
        }
        assertThat(adults).as("adult post-COVID cases compared with Easy Rules").isPositive();
        assertThat(differences).as("cases where a baseline decides otherwise than the engine").isEmpty();
    }
}
