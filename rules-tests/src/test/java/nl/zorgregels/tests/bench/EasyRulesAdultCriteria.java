package nl.zorgregels.tests.bench;

import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.Patient;
import nl.zorgregels.model.PostCovidFacts;
import nl.zorgregels.model.TreatmentPathway;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.core.RuleBuilder;

/**
 * The post-COVID adult criteria (PC-G2, PC-X1, PC-X2, PC-A1..PC-A5) and the outcome in Easy Rules
 * 4 (org.jeasy:easy-rules-core), a rules engine a user might pick instead of Drools, written the
 * way the .drl files are: one rule per criterion and status. Benchmark scope only. The rules and the
 * engine are built once and shared (Easy Rules keeps no state between {@code fire} calls); each
 * decision has its own {@link Facts}. {@code BaselineAgreementTest} checks it against the engine.
 */
public final class EasyRulesAdultCriteria {
    private static final int ADULT_AGE = 18;
    private static final Period ADULT_MINIMUM_DURATION = Period.ofYears(1);
    private static final int ADULT_MAXIMUM_BELL_SCORE = 60;
    /** Runs after every criterion rule (Easy Rules fires in priority order, lowest first). */
    private static final int OUTCOME_PRIORITY = 100;

    /** What the rules found for one assessment. */
    public static final class Result {
        /** Status per criterion id. */
        public final Map<String, CriterionStatus> criteria = new TreeMap<>();
        /** Input paths whose absence makes a criterion UNKNOWN. */
        public final TreeSet<String> missingFacts = new TreeSet<>();
        /** The outcome; null for a child (these are the adult criteria only). */
        public Outcome outcome;

        void put(String id, CriterionStatus status, String... missing) {
            criteria.put(id, status);
            for (String m : missing) {
                missingFacts.add(m);
            }
        }
    }

    private final Rules rules = new Rules();
    private final RulesEngine engine = new DefaultRulesEngine();

    /** Builds the rules. */
    public EasyRulesAdultCriteria() {
        // PC-G2 other causes investigated.
        rule("PC-G2 met", (a, pc, p) -> Boolean.TRUE.equals(pc.otherCausesInvestigated()), "PC-G2", CriterionStatus.MET);
        rule("PC-G2 not met", (a, pc, p) -> Boolean.FALSE.equals(pc.otherCausesInvestigated()), "PC-G2", CriterionStatus.NOT_MET);
        rule("PC-G2 unknown", (a, pc, p) -> pc.otherCausesInvestigated() == null, "PC-G2", CriterionStatus.UNKNOWN,
                "postCovid.otherCausesInvestigated");
        // PC-X1 no other post-acute infection syndrome.
        rule("PC-X1 met", (a, pc, p) -> pc.otherPais() == null || pc.otherPais().isEmpty(), "PC-X1", CriterionStatus.MET);
        rule("PC-X1 not met", (a, pc, p) -> pc.otherPais() != null && !pc.otherPais().isEmpty(), "PC-X1", CriterionStatus.NOT_MET);
        // PC-X2 Dutch GP and Dutch insurer.
        rule("PC-X2 met", (a, pc, p) -> Boolean.TRUE.equals(p.dutchGeneralPractitioner())
                && Boolean.TRUE.equals(p.dutchHealthInsurance()), "PC-X2", CriterionStatus.MET);
        rule("PC-X2 not met", (a, pc, p) -> Boolean.FALSE.equals(p.dutchGeneralPractitioner())
                || Boolean.FALSE.equals(p.dutchHealthInsurance()), "PC-X2", CriterionStatus.NOT_MET);
        rules.register(new RuleBuilder().name("PC-X2 unknown").priority(1)
                .when(facts -> {
                    Patient p = facts.<Assessment>get("assessment").patient();
                    return !Boolean.FALSE.equals(p.dutchGeneralPractitioner()) && !Boolean.FALSE.equals(p.dutchHealthInsurance())
                            && (p.dutchGeneralPractitioner() == null || p.dutchHealthInsurance() == null);
                })
                .then(facts -> {
                    Patient p = facts.<Assessment>get("assessment").patient();
                    Result r = facts.get("result");
                    r.put("PC-X2", CriterionStatus.UNKNOWN);
                    if (p.dutchGeneralPractitioner() == null) {
                        r.missingFacts.add("patient.dutchGeneralPractitioner");
                    }
                    if (p.dutchHealthInsurance() == null) {
                        r.missingFacts.add("patient.dutchHealthInsurance");
                    }
                }).build());
        // PC-A1 consequence of COVID-19.
        adultRule("PC-A1 met", (a, pc, p) -> Boolean.TRUE.equals(pc.complaintsAttributedToCovid()), "PC-A1", CriterionStatus.MET);
        adultRule("PC-A1 not met", (a, pc, p) -> Boolean.FALSE.equals(pc.complaintsAttributedToCovid()), "PC-A1", CriterionStatus.NOT_MET);
        adultRule("PC-A1 unknown", (a, pc, p) -> pc.complaintsAttributedToCovid() == null, "PC-A1", CriterionStatus.UNKNOWN,
                "postCovid.complaintsAttributedToCovid");
        // PC-A2 at least one year.
        adultRule("PC-A2 met", (a, pc, p) -> pc.complaintOnsetDate() != null
                && !pc.complaintOnsetDate().plus(ADULT_MINIMUM_DURATION).isAfter(a.assessmentDate()), "PC-A2", CriterionStatus.MET);
        adultRule("PC-A2 not met", (a, pc, p) -> pc.complaintOnsetDate() != null
                && pc.complaintOnsetDate().plus(ADULT_MINIMUM_DURATION).isAfter(a.assessmentDate()), "PC-A2", CriterionStatus.NOT_MET);
        adultRule("PC-A2 unknown", (a, pc, p) -> pc.complaintOnsetDate() == null, "PC-A2", CriterionStatus.UNKNOWN,
                "postCovid.complaintOnsetDate");
        // PC-A3 Bell score 60 or lower.
        adultRule("PC-A3 met", (a, pc, p) -> pc.bellScore() != null && pc.bellScore() <= ADULT_MAXIMUM_BELL_SCORE, "PC-A3", CriterionStatus.MET);
        adultRule("PC-A3 not met", (a, pc, p) -> pc.bellScore() != null && pc.bellScore() > ADULT_MAXIMUM_BELL_SCORE, "PC-A3", CriterionStatus.NOT_MET);
        adultRule("PC-A3 unknown", (a, pc, p) -> pc.bellScore() == null, "PC-A3", CriterionStatus.UNKNOWN, "postCovid.bellScore");
        // PC-A4 not from a pre-existing disease.
        adultRule("PC-A4 met", (a, pc, p) -> Boolean.FALSE.equals(pc.complaintsFromPreExistingDisease()), "PC-A4", CriterionStatus.MET);
        adultRule("PC-A4 not met", (a, pc, p) -> Boolean.TRUE.equals(pc.complaintsFromPreExistingDisease()), "PC-A4", CriterionStatus.NOT_MET);
        adultRule("PC-A4 unknown", (a, pc, p) -> pc.complaintsFromPreExistingDisease() == null, "PC-A4", CriterionStatus.UNKNOWN,
                "postCovid.complaintsFromPreExistingDisease");
        // PC-A5 therapy pathway.
        adultRule("PC-A5 met", (a, pc, p) -> pc.treatmentPathway() == TreatmentPathway.COMPLETED
                || pc.treatmentPathway() == TreatmentPathway.NOT_POSSIBLE_DUE_TO_SEVERITY, "PC-A5", CriterionStatus.MET);
        adultRule("PC-A5 not met", (a, pc, p) -> pc.treatmentPathway() == TreatmentPathway.IN_PROGRESS
                || pc.treatmentPathway() == TreatmentPathway.NONE, "PC-A5", CriterionStatus.NOT_MET);
        adultRule("PC-A5 unknown", (a, pc, p) -> pc.treatmentPathway() == null, "PC-A5", CriterionStatus.UNKNOWN,
                "postCovid.treatmentPathway");
        // The outcome, after every criterion.
        rules.register(new RuleBuilder().name("PC outcome").priority(OUTCOME_PRIORITY)
                .when(facts -> adult(facts.get("assessment")))
                .then(facts -> {
                    Result r = facts.get("result");
                    r.outcome = PlainJavaDecider.outcome(r.criteria);
                }).build());
    }

    /** A condition over the assessment, its post-COVID facts and its patient. */
    @FunctionalInterface
    private interface When {
        boolean test(Assessment a, PostCovidFacts pc, Patient p);
    }

    private void rule(String name, When when, String id, CriterionStatus status, String... missing) {
        register(name, a -> when.test(a, a.postCovid(), a.patient()), id, status, missing);
    }

    private void adultRule(String name, When when, String id, CriterionStatus status, String... missing) {
        register(name, a -> adult(a) && when.test(a, a.postCovid(), a.patient()), id, status, missing);
    }

    private void register(String name, Predicate<Assessment> when, String id, CriterionStatus status, String... missing) {
        Rule rule = new RuleBuilder().name(name).priority(1)
                .when(facts -> when.test(facts.get("assessment")))
                .then(facts -> facts.<Result>get("result").put(id, status, missing))
                .build();
        rules.register(rule);
    }

    /** PC-G1: 18 or older on the assessment date. */
    private static boolean adult(Assessment a) {
        return ChronoUnit.YEARS.between(a.patient().birthDate(), a.assessmentDate()) >= ADULT_AGE;
    }

    /**
     * @param assessment an assessment with post-COVID facts
     * @return the adult criteria's results (none for a child) and the outcome
     */
    public Result decide(Assessment assessment) {
        Facts facts = new Facts();
        facts.put("assessment", assessment);
        Result result = new Result();
        facts.put("result", result);
        engine.fire(rules, facts);
        return result;
    }
}
