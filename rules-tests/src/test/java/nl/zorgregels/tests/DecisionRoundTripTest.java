package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.Decision;
import org.junit.jupiter.api.Test;

/**
 * A decision survives JSON exactly (issue #24): on generated cases ({@link CaseArbitraries} and
 * {@link GeneratedAssessments}), the decision the engine made equals the one read back from its
 * JSON, in both layouts, and JSON input → decision → JSON → decision → JSON gives equal decisions
 * and identical text. The criteria's facts hold whole numbers the engine makes as {@code Long}
 * (durations in months) and as {@code Integer} (the Bell score); the test counts them, so that it
 * covers what once came back as another type.
 */
class DecisionRoundTripTest {
    /** Cases drawn from each generator. */
    private static final int CASES = 1500;

    @Test
    void generatedCasesReadBackEqualToTheDecisionMade() {
        ZorgregelsEngine engine = Engines.shared();
        List<Assessment> cases = new ArrayList<>(CaseArbitraries.sample(24_05L, CASES));
        Random random = new Random(24_05L);
        for (int i = 0; i < CASES; i++) {
            cases.add(GeneratedAssessments.next(random));
        }
        Map<String, Integer> numbers = new TreeMap<>();
        List<String> unequal = new ArrayList<>();
        for (Assessment a : cases) {
            Decision made = engine.evaluate(a);
            String indented = DecisionJson.write(made);
            String line = DecisionJson.writeLine(made);
            Decision fromIndented = DecisionJson.readDecision(indented);
            Decision fromLine = DecisionJson.readDecision(line);
            if (!fromIndented.equals(made) || !fromLine.equals(made) || fromLine.hashCode() != made.hashCode()
                    || !DecisionJson.write(fromLine).equals(indented) || !DecisionJson.writeLine(fromIndented).equals(line)) {
                unequal.add(CaseArbitraries.json(a));
            }
            count(made, numbers);
        }
        assertThat(unequal).as("cases whose decision does not read back equal (%d of %d)", unequal.size(), cases.size())
                .isEmpty();
        assertThat(numbers).as("whole numbers among the facts, by fact").containsKeys("bellScore", "minimumMonths", "threshold");
        Figures.report("round trip: {} generated decisions read back equal; whole-number facts: {}", cases.size(), numbers);
    }

    @Test
    void jsonInputToDecisionToJsonAndBackIsStable() {
        ZorgregelsEngine engine = Engines.shared();
        int compared = 0;
        for (Assessment generated : CaseArbitraries.sample(524L, CASES)) {
            String input = CaseArbitraries.json(generated);
            Assessment read = DecisionJson.readAssessment(input);
            assertThat(read).as(input).isEqualTo(generated);
            Decision first = engine.evaluate(read);
            String json = DecisionJson.write(first);
            Decision second = DecisionJson.readDecision(json);
            String again = DecisionJson.write(second);
            Decision third = DecisionJson.readDecision(again);
            assertThat(second).as(input).isEqualTo(first);
            assertThat(third).as(input).isEqualTo(second);
            assertThat(again).as(input).isEqualTo(json);
            compared++;
        }
        assertThat(compared).isEqualTo(CASES);
    }

    /** Counts the facts whose values are whole numbers, by name, as the engine made them. */
    private static void count(Decision d, Map<String, Integer> numbers) {
        List<CriterionResult> criteria = new ArrayList<>();
        if (d.postCovid() != null) {
            criteria.addAll(d.postCovid().criteria());
        }
        if (d.alk() != null) {
            criteria.addAll(d.alk().criteria());
        }
        for (CriterionResult c : criteria) {
            c.facts().forEach((name, value) -> {
                if (value instanceof Long) {
                    numbers.merge(name, 1, Integer::sum);
                }
            });
        }
    }
}
