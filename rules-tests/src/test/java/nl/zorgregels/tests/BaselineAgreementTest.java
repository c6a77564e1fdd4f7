package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkFacts;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.ComplaintPattern;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.FunctionalLimitation;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.OtherPais;
import nl.zorgregels.model.Patient;
import nl.zorgregels.model.PostCovidFacts;
import nl.zorgregels.model.TreatmentPathway;
import nl.zorgregels.tests.bench.DecisionContent;
import nl.zorgregels.tests.bench.EasyRulesAdultCriteria;
import nl.zorgregels.tests.bench.PlainJavaDecider;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's baselines decide what the engine decides, so the ratios in the README compare
 * equal work: the plain-Java decider gives the engine's {@link DecisionContent} and Easy Rules the
 * engine's adult post-COVID criteria and outcome, on every scenario input and on a generated set
 * of assessments (seeded, so reproducible) that covers every value of every input field.
 */
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
            cases.add(generate(random));
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

    /** An assessment with every field absent or any of its values, dates around the centres' openings. */
    private static Assessment generate(Random r) {
        LocalDate date = LocalDate.of(2025, 1, 1).plusDays(r.nextInt(730));
        LocalDate birth = date.minusDays(r.nextInt(80 * 366));
        if (r.nextInt(10) == 0) {
            birth = date.minusYears(18).plusDays(r.nextInt(5) - 2); // around the 18th birthday
        }
        Patient patient = new Patient(birth, r.nextInt(8) == 0 ? null : pick(r, Centre.values()),
                bool(r), bool(r));
        PostCovidFacts pc = null;
        if (r.nextInt(4) != 0) {
            pc = new PostCovidFacts(bool(r), bool(r), bool(r), onset(r, birth, date, 400),
                    r.nextInt(6) == 0 ? null : 10 * r.nextInt(11), bool(r), bool(r),
                    r.nextInt(6) == 0 ? null : pick(r, TreatmentPathway.values()),
                    r.nextInt(5) == 0 ? List.of(pick(r, OtherPais.values())) : r.nextBoolean() ? null : List.of(),
                    r.nextInt(6) == 0 ? pick(r, Centre.values()) : null);
        }
        AlkFacts alk = null;
        if (pc == null || r.nextInt(2) == 0) {
            alk = new AlkFacts(onset(r, birth, date, 200), bool(r),
                    r.nextInt(5) == 0 ? null : pick(r, ComplaintPattern.values()),
                    r.nextInt(5) == 0 ? null : pick(r, FunctionalLimitation.values()), bool(r), bool(r), bool(r));
        }
        return new Assessment(date, patient, pc, alk);
    }

    private static LocalDate onset(Random r, LocalDate birth, LocalDate date, int maxDays) {
        if (r.nextInt(6) == 0) {
            return null;
        }
        LocalDate onset = date.minusDays(r.nextInt(maxDays + 1));
        return onset.isBefore(birth) ? birth : onset;
    }

    private static Boolean bool(Random r) {
        int v = r.nextInt(5);
        return v == 0 ? null : v <= 3;
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
