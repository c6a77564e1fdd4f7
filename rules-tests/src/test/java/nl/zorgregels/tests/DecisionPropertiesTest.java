package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkColumn;
import nl.zorgregels.model.AlkFacts;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.AlkSeverity;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.ComplaintPattern;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.FunctionalLimitation;
import nl.zorgregels.model.OtherPais;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.PostCovidDecision;
import nl.zorgregels.model.PostCovidFacts;

/**
 * Properties that hold for every VALID assessment, checked with jqwik on generated cases
 * ({@link CaseArbitraries}: adults, children and 18th birthdays, every fact value including
 * absent ones, Bell 0..100, onset dates around the duration boundaries, assessment dates around
 * the centre openings, every region, other PAIS, ALK facts).
 *
 * <p>Eligibility is ordered {@code NOT_ELIGIBLE < INSUFFICIENT_DATA < ELIGIBLE} ({@link #rank}):
 * "never less eligible" means the outcome never moves down this order. A NOT_MET criterion decides
 * NOT_ELIGIBLE whatever else is known, so turning an UNKNOWN into a NOT_MET lowers the rank and
 * turning a NOT_MET into UNKNOWN or MET raises it; the monotonicity properties below change one
 * fact in the direction that, by the guideline, can only help.
 *
 * <p>Each property reports its tries, checks and seed (jqwik's report on standard output) and the
 * test class reports the decisions made ({@link Figures}). A failing case is shrunk and shown.
 */
class DecisionPropertiesTest {
    private static final AtomicLong DECISIONS = new AtomicLong();
    private static final Map<String, AtomicLong> TRIES = new ConcurrentHashMap<>();
    private static ExecutorService otherThreads;

    @BeforeContainer
    static void start() {
        otherThreads = Executors.newFixedThreadPool(3);
    }

    @AfterContainer
    static void report() throws InterruptedException {
        otherThreads.shutdownNow();
        otherThreads.awaitTermination(1, TimeUnit.MINUTES);
        String perProperty = TRIES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        Figures.report("properties: {} properties, {} generated cases in all, {} decisions; cases per property: {}",
                TRIES.size(), TRIES.values().stream().mapToLong(AtomicLong::get).sum(), DECISIONS.get(), perProperty);
    }

    // ---- generators ------------------------------------------------------------------------------

    @Provide
    Arbitrary<Assessment> cases() {
        return CaseArbitraries.assessments();
    }

    @Provide
    Arbitrary<Assessment> postCovidCases() {
        return CaseArbitraries.withPostCovid();
    }

    @Provide
    Arbitrary<Assessment> postCovidCasesWithBell() {
        return Combinators.combine(CaseArbitraries.withPostCovid(), CaseArbitraries.bellScores().filter(b -> b > 0))
                .as((a, bell) -> withBell(a, bell));
    }

    @Provide
    Arbitrary<Assessment> postCovidCasesWithOtherPais() {
        return Combinators.combine(CaseArbitraries.withPostCovid(), CaseArbitraries.nonEmptyOtherPais())
                .as((a, pais) -> withOtherPais(a, pais));
    }

    @Provide
    Arbitrary<Assessment> alkCases() {
        return CaseArbitraries.withAlk();
    }

    @Provide
    Arbitrary<Assessment> bothSections() {
        return CaseArbitraries.withPostCovid().flatMap(a -> CaseArbitraries.alk(a.patient().birthDate(),
                a.assessmentDate(), 0.1).map(alk -> new Assessment(a.assessmentDate(), a.patient(), a.postCovid(), alk)));
    }

    // ---- properties ------------------------------------------------------------------------------

    /**
     * Every generated case is accepted by the strict JSON binding as the same assessment, is
     * decided without an exception, and its decision satisfies every invariant of CONTRACT.md §1-§5 that
     * the scenario suite checks ({@link DecisionChecks#invariants}), including ALK-D1 and ALK-S1
     * against their oracle.
     */
    @Property(tries = 2000)
    void everyValidCaseIsAcceptedDecidedAndConsistent(@ForAll("cases") Assessment a) {
        count("everyValidCaseIsAcceptedDecidedAndConsistent");
        String json = CaseArbitraries.json(a);
        assertThat(DecisionJson.readAssessment(json)).as("the JSON binding of %s", json).isEqualTo(a);
        Decision d = evaluate(a);
        List<String> problems = new ArrayList<>();
        DecisionChecks.invariants(CaseArbitraries.tree(a), d, problems);
        assertThat(problems).as("contract invariants broken for %s", json).isEmpty();
        Statistics.label("sections").collect(a.postCovid() != null, a.alk() != null);
    }

    /**
     * CONTRACT.md §1: NOT_ELIGIBLE iff some criterion is NOT_MET; INSUFFICIENT_DATA iff none is NOT_MET
     * and some is UNKNOWN; ELIGIBLE iff all are MET. {@code missingFacts} is exactly the sorted
     * union of the UNKNOWN criteria's missing facts, whatever the outcome (rules-api/README.md "Reading a
     * decision": a GP sees what to record even when another criterion already decides), and an
     * UNKNOWN criterion names at least one fact, none of which the input has. Every outcome occurs
     * in at least 5% of the cases, so the property is not vacuous.
     */
    @Property(tries = 2000)
    void thePostCovidOutcomeFollowsTheCriteria(@ForAll("postCovidCases") Assessment a) {
        count("thePostCovidOutcomeFollowsTheCriteria");
        PostCovidDecision pc = evaluate(a).postCovid();
        List<CriterionStatus> statuses = pc.criteria().stream().map(CriterionResult::status).toList();
        boolean anyNotMet = statuses.contains(CriterionStatus.NOT_MET);
        boolean anyUnknown = statuses.contains(CriterionStatus.UNKNOWN);
        boolean allMet = statuses.stream().allMatch(s -> s == CriterionStatus.MET);
        assertThat(statuses).hasSize(8);
        assertThat(pc.outcome() == Outcome.NOT_ELIGIBLE).as("NOT_ELIGIBLE iff some criterion is NOT_MET: %s", statuses)
                .isEqualTo(anyNotMet);
        assertThat(pc.outcome() == Outcome.INSUFFICIENT_DATA)
                .as("INSUFFICIENT_DATA iff none is NOT_MET and some UNKNOWN: %s", statuses)
                .isEqualTo(!anyNotMet && anyUnknown);
        assertThat(pc.outcome() == Outcome.ELIGIBLE).as("ELIGIBLE iff all are MET: %s", statuses).isEqualTo(allMet);

        java.util.TreeSet<String> union = new java.util.TreeSet<>();
        JsonNode input = CaseArbitraries.tree(a);
        for (CriterionResult c : pc.criteria()) {
            if (c.status() == CriterionStatus.UNKNOWN) {
                assertThat(c.missingFacts()).as("missing facts of UNKNOWN %s", c.id()).isNotEmpty();
                for (String path : c.missingFacts()) {
                    assertThat(at(input, path).isMissingNode() || at(input, path).isNull())
                            .as("%s names %s as missing but the input has it", c.id(), path).isTrue();
                }
                union.addAll(c.missingFacts());
            } else {
                assertThat(c.missingFacts()).as("missing facts of %s %s", c.status(), c.id()).isEmpty();
            }
        }
        assertThat(pc.missingFacts()).as("missingFacts").isEqualTo(List.copyOf(union));
        Statistics.label("outcome").collect(pc.outcome())
                .coverage(cov -> {
                    for (Outcome o : Outcome.values()) {
                        cov.check(o).percentage(p -> p >= 5);
                    }
                });
        Statistics.label("age group").collect(pc.ageGroup())
                .coverage(cov -> cov.check(AgeGroup.CHILD).percentage(p -> p >= 25));
    }

    /**
     * The engine agrees with CONTRACT.md §2 written out independently ({@link SpecOracle}): the status
     * and missing facts of every criterion, the age group, the outcome and the centre offered
     * (status, centres, deciding rule, availableFrom, notes).
     */
    @Property(tries = 2000)
    void theCriteriaAndTheCentreFollowTheSpecTables(@ForAll("postCovidCases") Assessment a) {
        count("theCriteriaAndTheCentreFollowTheSpecTables");
        PostCovidDecision pc = evaluate(a).postCovid();
        Map<String, SpecOracle.Expected> expected = SpecOracle.criteria(a);
        assertThat(pc.ageGroup()).isEqualTo(SpecOracle.ageGroup(a));
        Map<String, SpecOracle.Expected> actual = new java.util.TreeMap<>();
        for (CriterionResult c : pc.criteria()) {
            actual.put(c.id(), new SpecOracle.Expected(c.status(), List.copyOf(new java.util.TreeSet<>(c.missingFacts()))));
        }
        assertThat(actual).as("criteria (status, missing facts) for %s", CaseArbitraries.json(a)).isEqualTo(expected);
        assertThat(pc.outcome()).isEqualTo(SpecOracle.outcome(expected));
        assertThat(pc.missingFacts()).isEqualTo(SpecOracle.missingFacts(expected));
        if (pc.outcome() == Outcome.NOT_ELIGIBLE && a.postCovid().currentCentre() == null) {
            assertThat(pc.centre()).isNull();
            return;
        }
        // CONTRACT.md §9: the centre already treating the patient (PC-R6) is given whatever the outcome
        SpecOracle.ExpectedCentre want = SpecOracle.centre(a);
        SpecOracle.ExpectedCentre got = new SpecOracle.ExpectedCentre(pc.centre().status(), pc.centre().centres(),
                pc.centre().ruleId(), pc.centre().availableFrom(),
                pc.centre().notes().stream().map(n -> n.id()).toList());
        assertThat(got).as("centre for %s", CaseArbitraries.json(a)).isEqualTo(want);
        Statistics.label("centre").collect(want.status(), want.ruleId());
    }

    /**
     * CONTRACT.md §9 reassessFrom is confirmed by the engine itself: on that date the same facts meet no
     * criterion NOT_MET, on the day before some criterion is still NOT_MET (it is the earliest date),
     * and it is given only when the NOT_MET criteria are durations.
     */
    @Property(tries = 1000)
    void reassessFromIsTheFirstDateWithoutANotMetCriterion(@ForAll("postCovidCases") Assessment a) {
        count("reassessFromIsTheFirstDateWithoutANotMetCriterion");
        PostCovidDecision pc = evaluate(a).postCovid();
        java.time.LocalDate from = pc.reassessFrom();
        boolean onlyDurations = pc.outcome() == Outcome.NOT_ELIGIBLE && pc.criteria().stream()
                .filter(c -> c.status() == nl.zorgregels.model.CriterionStatus.NOT_MET)
                .allMatch(c -> c.id().equals("PC-A2") || c.id().equals("PC-C2"));
        Statistics.label("reassessFrom").collect(from != null, onlyDurations);
        if (from == null) {
            return;
        }
        assertThat(onlyDurations).as("reassessFrom only when the NOT_MET criteria are durations").isTrue();
        PostCovidDecision then = evaluate(new Assessment(from, a.patient(), a.postCovid(), null)).postCovid();
        assertThat(then.outcome()).as("on reassessFrom %s for %s", from, CaseArbitraries.json(a))
                .isNotEqualTo(Outcome.NOT_ELIGIBLE);
        java.time.LocalDate dayBefore = from.minusDays(1);
        if (dayBefore.isAfter(a.assessmentDate())) {
            assertThat(evaluate(new Assessment(dayBefore, a.patient(), a.postCovid(), null)).postCovid().outcome())
                    .as("the day before reassessFrom %s for %s", from, CaseArbitraries.json(a))
                    .isEqualTo(Outcome.NOT_ELIGIBLE);
        }
    }

    /**
     * Lowering a Bell score (a patient who functions worse) never makes a case less eligible: the
     * outcome never moves down, PC-A3 or PC-C3 never goes from MET to anything else, every other
     * criterion is unchanged, and an ELIGIBLE adult stays ELIGIBLE.
     */
    @Property(tries = 1000)
    void loweringTheBellScoreNeverMakesACaseLessEligible(@ForAll("postCovidCasesWithBell") Assessment a,
                                                         @ForAll @IntRange(min = 1, max = 10) int stepsDown) {
        count("loweringTheBellScoreNeverMakesACaseLessEligible");
        int bell = a.postCovid().bellScore();
        Assessment lower = withBell(a, Math.max(0, bell - 10 * stepsDown));
        PostCovidDecision before = evaluate(a).postCovid();
        PostCovidDecision after = evaluate(lower).postCovid();
        assertThat(rank(after.outcome())).as("outcome %s with Bell %s, then %s with Bell %s", before.outcome(), bell,
                after.outcome(), lower.postCovid().bellScore()).isGreaterThanOrEqualTo(rank(before.outcome()));
        String bellCriterion = before.ageGroup() == AgeGroup.ADULT ? "PC-A3" : "PC-C3";
        if (before.criterion(bellCriterion).orElseThrow().status() == CriterionStatus.MET) {
            assertThat(after.criterion(bellCriterion).orElseThrow().status()).isEqualTo(CriterionStatus.MET);
        }
        assertThat(statusesExcept(after, bellCriterion)).isEqualTo(statusesExcept(before, bellCriterion));
        if (before.ageGroup() == AgeGroup.ADULT && before.outcome() == Outcome.ELIGIBLE) {
            assertThat(after.outcome()).isEqualTo(Outcome.ELIGIBLE);
        }
        Statistics.label("before").collect(before.ageGroup(), before.outcome());
        Statistics.label("before").coverage(cov -> cov.check(AgeGroup.ADULT, Outcome.ELIGIBLE).percentage(p -> p >= 5));
    }

    /**
     * Moving the assessment date later never shortens a duration. Precisely, for the same facts
     * on a date {@code days} later:
     * <ul>
     *   <li>if the patient is in the same age group on both dates (a later date can make a child an
     *       adult, whose duration is one year instead of six months, and whose criteria differ),
     *       a duration criterion (PC-A2 or PC-C2) that is MET stays MET, the outcome never moves
     *       down, and a centre that is OFFERED stays OFFERED (centres only open; none closes);</li>
     *   <li>whatever the age, the criteria that do not depend on the date or the age group (PC-G2,
     *       PC-X1, PC-X2) keep their status;</li>
     *   <li>ALK-D1 (three months, no age limit) that is MET stays MET, an APPLICABLE card stays
     *       APPLICABLE with the same severity and the same options.</li>
     * </ul>
     */
    @Property(tries = 1000)
    void aLaterAssessmentDateNeverShortensADuration(@ForAll("cases") Assessment a,
                                                    @ForAll @IntRange(min = 1, max = 1500) int days) {
        count("aLaterAssessmentDateNeverShortensADuration");
        Assessment later = new Assessment(a.assessmentDate().plusDays(days), a.patient(), a.postCovid(), a.alk());
        Decision before = evaluate(a);
        Decision after = evaluate(later);
        if (a.postCovid() != null) {
            PostCovidDecision b = before.postCovid();
            PostCovidDecision l = after.postCovid();
            for (String id : List.of("PC-G2", "PC-X1", "PC-X2")) {
                assertThat(l.criterion(id).orElseThrow().status()).as(id).isEqualTo(b.criterion(id).orElseThrow().status());
            }
            boolean sameAgeGroup = b.ageGroup() == l.ageGroup();
            Statistics.label("post-COVID age group on both dates").collect(sameAgeGroup ? "same" : b.ageGroup() + "->" + l.ageGroup());
            if (sameAgeGroup) {
                String duration = b.ageGroup() == AgeGroup.ADULT ? "PC-A2" : "PC-C2";
                if (b.criterion(duration).orElseThrow().status() == CriterionStatus.MET) {
                    assertThat(l.criterion(duration).orElseThrow().status()).as("%s %d days later", duration, days)
                            .isEqualTo(CriterionStatus.MET);
                }
                assertThat(rank(l.outcome())).as("outcome %s on %s, %s on %s", b.outcome(), a.assessmentDate(),
                        l.outcome(), later.assessmentDate()).isGreaterThanOrEqualTo(rank(b.outcome()));
                if (b.centre() != null && b.centre().status() == CentreStatus.OFFERED) {
                    assertThat(l.centre().status()).as("centre %d days later", days).isEqualTo(CentreStatus.OFFERED);
                }
                Statistics.label("duration criterion before").collect(b.criterion(duration).orElseThrow().status());
            }
        }
        if (a.alk() != null) {
            AlkAdvice b = before.alk();
            AlkAdvice l = after.alk();
            if (b.criteria().get(0).status() == CriterionStatus.MET) {
                assertThat(l.criteria().get(0).status()).as("ALK-D1 %d days later", days).isEqualTo(CriterionStatus.MET);
            }
            if (b.outcome() == AlkOutcome.APPLICABLE) {
                assertThat(l.outcome()).isEqualTo(AlkOutcome.APPLICABLE);
                assertThat(l.severity()).isEqualTo(b.severity());
                assertThat(optionIds(l)).isEqualTo(optionIds(b));
            }
            Statistics.label("ALK before").collect(b.outcome());
        }
    }

    /**
     * Removing one other post-acute infection syndrome never makes a case less eligible: the
     * outcome never moves down, every criterion but PC-X1 is unchanged, and PC-X1 is MET exactly
     * when no syndrome is left. An empty list and an absent one decide the same (absent means
     * none is known).
     */
    @Property(tries = 1000)
    void removingAnOtherPaisNeverMakesACaseLessEligible(@ForAll("postCovidCasesWithOtherPais") Assessment a,
                                                        @ForAll @IntRange(min = 0, max = 3) int index) {
        count("removingAnOtherPaisNeverMakesACaseLessEligible");
        List<OtherPais> pais = new ArrayList<>(a.postCovid().otherPais());
        pais.remove(index % pais.size());
        PostCovidDecision before = evaluate(a).postCovid();
        PostCovidDecision after = evaluate(withOtherPais(a, pais)).postCovid();
        assertThat(before.criterion("PC-X1").orElseThrow().status()).isEqualTo(CriterionStatus.NOT_MET);
        assertThat(rank(after.outcome())).as("outcome with %s, then with %s", a.postCovid().otherPais(), pais)
                .isGreaterThanOrEqualTo(rank(before.outcome()));
        assertThat(statusesExcept(after, "PC-X1")).isEqualTo(statusesExcept(before, "PC-X1"));
        assertThat(after.criterion("PC-X1").orElseThrow().status())
                .isEqualTo(pais.isEmpty() ? CriterionStatus.MET : CriterionStatus.NOT_MET);
        if (pais.isEmpty()) {
            assertThat(evaluate(withOtherPais(a, null)).postCovid()).isEqualTo(after);
        }
        Statistics.label("syndromes left").collect(pais.size());
    }

    /**
     * ALK-S1 and ALK-T: the severity is the higher of the two axes (with one axis absent, SEVERE
     * if the other is SEVERE, else UNKNOWN); when the card applies with a known severity the
     * options are never empty, include the medical specialist, are primary exactly for the
     * patient's own column (and ALL) and otherwise lighter; without a known severity, or when the
     * card does not apply, there are none.
     */
    @Property(tries = 1500)
    void theAlkSeverityIsTheHigherAxisAndTheOptionsFollowIt(@ForAll("alkCases") Assessment a) {
        count("theAlkSeverityIsTheHigherAxisAndTheOptionsFollowIt");
        AlkAdvice alk = evaluate(a).alk();
        AlkFacts f = a.alk();
        Statistics.label("ALK").collect(alk.outcome(), alk.severity());
        if (alk.outcome() == AlkOutcome.NOT_APPLICABLE) {
            assertThat(alk.severity()).isNull();
            assertThat(alk.options()).isEmpty();
            return;
        }
        AlkSeverity pattern = f.complaintPattern() == null ? null : switch (f.complaintPattern()) {
            case ONE_OR_FEW -> AlkSeverity.MILD;
            case MULTIPLE -> AlkSeverity.MODERATE;
            case SEVERE -> AlkSeverity.SEVERE;
        };
        AlkSeverity limitation = f.functionalLimitation() == null ? null : switch (f.functionalLimitation()) {
            case LIGHT -> AlkSeverity.MILD;
            case MODERATE -> AlkSeverity.MODERATE;
            case SEVERE -> AlkSeverity.SEVERE;
        };
        AlkSeverity expected = pattern != null && limitation != null
                ? (pattern.compareTo(limitation) >= 0 ? pattern : limitation)
                : pattern == AlkSeverity.SEVERE || limitation == AlkSeverity.SEVERE ? AlkSeverity.SEVERE
                : AlkSeverity.UNKNOWN;
        assertThat(alk.severity()).as("severity for %s / %s", f.complaintPattern(), f.functionalLimitation())
                .isEqualTo(expected);
        if (alk.outcome() != AlkOutcome.APPLICABLE || expected == AlkSeverity.UNKNOWN) {
            assertThat(alk.options()).isEmpty();
            return;
        }
        assertThat(alk.options()).isNotEmpty();
        assertThat(optionIds(alk)).contains("MEDISCH_SPECIALIST");
        for (AlkOption o : alk.options()) {
            boolean own = o.column() == AlkColumn.ALL || o.column().name().equals(expected.name());
            assertThat(o.primary()).as("primary of %s (%s) in a %s advice", o.id(), o.column(), expected).isEqualTo(own);
            if (!own) {
                assertThat(AlkSeverity.valueOf(o.column().name())).as("column of %s", o.id()).isLessThan(expected);
            }
        }
    }

    /**
     * Raising one ALK axis (more complaints or a heavier limitation) never lowers a known
     * severity and never takes a treatment option away.
     */
    @Property(tries = 1000)
    void raisingAnAlkAxisNeverLowersTheSeverityOrRemovesAnOption(@ForAll("alkCases") Assessment a,
                                                                @ForAll boolean raisePattern) {
        count("raisingAnAlkAxisNeverLowersTheSeverityOrRemovesAnOption");
        AlkFacts f = a.alk();
        AlkFacts raised;
        if (raisePattern) {
            ComplaintPattern p = f.complaintPattern() == null ? ComplaintPattern.ONE_OR_FEW
                    : ComplaintPattern.values()[Math.min(f.complaintPattern().ordinal() + 1, 2)];
            raised = new AlkFacts(f.complaintOnsetDate(), f.limitsFunctioningOrCausesSuffering(), p,
                    f.functionalLimitation(), f.previousGgzTreatmentWithoutEffect(), f.comorbidityToAccountFor(),
                    f.meCvsOrPem());
        } else {
            FunctionalLimitation l = f.functionalLimitation() == null ? FunctionalLimitation.LIGHT
                    : FunctionalLimitation.values()[Math.min(f.functionalLimitation().ordinal() + 1, 2)];
            raised = new AlkFacts(f.complaintOnsetDate(), f.limitsFunctioningOrCausesSuffering(), f.complaintPattern(),
                    l, f.previousGgzTreatmentWithoutEffect(), f.comorbidityToAccountFor(), f.meCvsOrPem());
        }
        AlkAdvice before = evaluate(a).alk();
        AlkAdvice after = evaluate(new Assessment(a.assessmentDate(), a.patient(), a.postCovid(), raised)).alk();
        assertThat(after.outcome()).isEqualTo(before.outcome());
        if (before.severity() != null && before.severity() != AlkSeverity.UNKNOWN) {
            assertThat(after.severity()).as("severity after raising").isNotEqualTo(AlkSeverity.UNKNOWN)
                    .isGreaterThanOrEqualTo(before.severity());
        }
        assertThat(optionIds(after)).as("options after raising").containsAll(optionIds(before));
        Statistics.label("severity before -> after").collect(before.severity(), after.severity());
    }

    /**
     * The post-COVID decision and the ALK advice are decided apart (CONTRACT.md §4): each is the same
     * whether or not the other section is in the input.
     */
    @Property(tries = 1000)
    void theTwoSectionsAreDecidedApart(@ForAll("bothSections") Assessment a) {
        count("theTwoSectionsAreDecidedApart");
        Decision both = evaluate(a);
        Decision postCovidOnly = evaluate(new Assessment(a.assessmentDate(), a.patient(), a.postCovid(), null));
        Decision alkOnly = evaluate(new Assessment(a.assessmentDate(), a.patient(), null, a.alk()));
        assertThat(postCovidOnly.alk()).isNull();
        assertThat(alkOnly.postCovid()).isNull();
        boolean oneClinicalPicture = Boolean.TRUE.equals(a.alk().meCvsOrPem())
                || (a.postCovid().otherPais() != null && a.postCovid().otherPais().contains(OtherPais.ME_CVS));
        if (!oneClinicalPicture) {
            assertThat(both.postCovid()).isEqualTo(postCovidOnly.postCovid());
            assertThat(both.alk()).isEqualTo(alkOnly.alk());
            return;
        }
        // CONTRACT.md §10: ME/CVS or PEM recorded in one section reaches the other part's texts (PC-X1's
        // message, ALK-W1 and its option notes), never a status, an outcome, a severity or the options listed.
        assertThat(both.postCovid().outcome()).isEqualTo(postCovidOnly.postCovid().outcome());
        assertThat(statuses(both.postCovid().criteria())).isEqualTo(statuses(postCovidOnly.postCovid().criteria()));
        assertThat(both.postCovid().centre()).isEqualTo(postCovidOnly.postCovid().centre());
        assertThat(both.alk().outcome()).isEqualTo(alkOnly.alk().outcome());
        assertThat(both.alk().severity()).isEqualTo(alkOnly.alk().severity());
        assertThat(statuses(both.alk().criteria())).isEqualTo(statuses(alkOnly.alk().criteria()));
        assertThat(both.alk().options().stream().map(o -> o.id() + "/" + o.primary()).toList())
                .isEqualTo(alkOnly.alk().options().stream().map(o -> o.id() + "/" + o.primary()).toList());
        assertThat(both.alk().warnings()).extracting(n -> n.id()).containsExactly("ALK-W1");
    }

    private static java.util.Map<String, CriterionStatus> statuses(List<CriterionResult> criteria) {
        java.util.Map<String, CriterionStatus> statuses = new java.util.TreeMap<>();
        criteria.forEach(c -> statuses.put(c.id(), c.status()));
        return statuses;
    }

    /**
     * CONTRACT.md §1 "Deterministic": the same input gives byte-identical JSON every time, on this thread
     * and on other threads, from the record and from its JSON text, indented and on one line.
     */
    @Property(tries = 1000)
    void theSameInputGivesByteIdenticalJsonOnAnyThread(@ForAll("cases") Assessment a) throws Exception {
        count("theSameInputGivesByteIdenticalJsonOnAnyThread");
        ZorgregelsEngine engine = Engines.shared();
        String first = DecisionJson.write(evaluate(a));
        String again = DecisionJson.write(evaluate(a));
        String fromJson = DecisionJson.write(evaluate(DecisionJson.readAssessment(CaseArbitraries.json(a))));
        var elsewhere = otherThreads.submit(() -> DecisionJson.write(engine.evaluate(a)));
        var elsewhereFromJson = otherThreads.submit(() ->
                DecisionJson.write(engine.evaluate(DecisionJson.readAssessment(CaseArbitraries.json(a)))));
        DECISIONS.addAndGet(2);
        assertThat(again).isEqualTo(first);
        assertThat(fromJson).isEqualTo(first);
        // the futures' timeouts only guard against a hung run; they are not a speed assertion
        assertThat(elsewhere.get(5, TimeUnit.MINUTES)).isEqualTo(first);
        assertThat(elsewhereFromJson.get(5, TimeUnit.MINUTES)).isEqualTo(first);
        assertThat(DecisionJson.writeLine(evaluate(a))).isEqualTo(DecisionJson.writeLine(evaluate(a)));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** NOT_ELIGIBLE (0) &lt; INSUFFICIENT_DATA (1) &lt; ELIGIBLE (2). */
    static int rank(Outcome outcome) {
        return switch (outcome) {
            case NOT_ELIGIBLE -> 0;
            case INSUFFICIENT_DATA -> 1;
            case ELIGIBLE -> 2;
        };
    }

    private static Decision evaluate(Assessment a) {
        DECISIONS.incrementAndGet();
        return Engines.shared().evaluate(a);
    }

    private static void count(String property) {
        TRIES.computeIfAbsent(property, k -> new AtomicLong()).incrementAndGet();
    }

    private static Map<String, CriterionStatus> statusesExcept(PostCovidDecision pc, String id) {
        Map<String, CriterionStatus> m = new java.util.TreeMap<>();
        pc.criteria().stream().filter(c -> !c.id().equals(id)).forEach(c -> m.put(c.id(), c.status()));
        return m;
    }

    private static List<String> optionIds(AlkAdvice alk) {
        return alk.options().stream().map(AlkOption::id).toList();
    }

    private static Assessment withBell(Assessment a, Integer bell) {
        PostCovidFacts f = a.postCovid();
        return new Assessment(a.assessmentDate(), a.patient(), new PostCovidFacts(f.complaintsAttributedToCovid(),
                f.otherCausesInvestigated(), f.positiveTest(), f.complaintOnsetDate(), bell, f.reducedFunctioning(),
                f.complaintsFromPreExistingDisease(), f.treatmentPathway(), f.otherPais(), f.currentCentre()), a.alk());
    }

    private static Assessment withOtherPais(Assessment a, List<OtherPais> pais) {
        PostCovidFacts f = a.postCovid();
        return new Assessment(a.assessmentDate(), a.patient(), new PostCovidFacts(f.complaintsAttributedToCovid(),
                f.otherCausesInvestigated(), f.positiveTest(), f.complaintOnsetDate(), f.bellScore(),
                f.reducedFunctioning(), f.complaintsFromPreExistingDisease(), f.treatmentPathway(), pais,
                f.currentCentre()), a.alk());
    }

    private static JsonNode at(JsonNode input, String path) {
        JsonNode node = input;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

}
