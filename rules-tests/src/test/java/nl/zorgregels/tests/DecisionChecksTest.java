package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.zorgregels.cli.scenario.AlkExpectation;
import nl.zorgregels.cli.scenario.ScenarioChecks;
import nl.zorgregels.cli.scenario.Expectation;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkColumn;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.AlkSeverity;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.KnowledgeBaseInfo;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.PostCovidDecision;
import nl.zorgregels.model.Question;
import nl.zorgregels.model.ToMeet;
import org.junit.jupiter.api.Test;

/** The invariant checks catch broken decisions (built by hand here, no engine involved). */
class DecisionChecksTest {
    private static final KnowledgeBaseInfo KB = new KnowledgeBaseInfo("1", "sha256:" + "a".repeat(64));
    private static final LocalDate DATE = LocalDate.parse("2026-11-23");
    private static final String SOURCE = "000_b510353f4949bed4.txt — Wanneer kom ik in aanmerking";
    private static final LocalizedText TEXT = new LocalizedText("tekst", "text");
    private static final List<Note> NOTES = List.of(new Note("PC-N1", TEXT), new Note("PC-N2", TEXT),
            new Note("PC-N4", TEXT), new Note("PC-N5", TEXT), new Note("PC-N6", TEXT));
    /** The notes of a NOT_ELIGIBLE decision (not by PC-X1): the second opinion. */
    private static final List<Note> NOT_ELIGIBLE_NOTES = List.of(new Note("PC-N7", TEXT));
    /** The input's region (UMCG) has its own adult centre open on 2026-11-23 (PC-R3). */
    private static final CentreOffer OWN_CENTRE = new CentreOffer(CentreStatus.OFFERED, List.of(Centre.UMCG), "PC-R3",
            TEXT, null, List.of(), List.of());

    private final JsonNode input;

    DecisionChecksTest() throws Exception {
        input = new ObjectMapper().readTree("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02", "umcRegion": "UMCG" },
                  "postCovid": { "bellScore": 50 } }
                """);
    }

    private static CriterionResult c(String id, CriterionStatus status, String... missing) {
        return new CriterionResult(id, status, TEXT, SOURCE, Map.of(), List.of(missing), toMeet(status));
    }

    /** CONTRACT.md §9: what would make it met, on every result that is not MET. */
    private static ToMeet toMeet(CriterionStatus status) {
        return status == CriterionStatus.MET ? null : new ToMeet(TEXT, Map.of());
    }

    private static List<Question> questions(List<String> missing) {
        return missing.stream().map(f -> new Question(f, TEXT)).toList();
    }

    /** A post-COVID decision with a question per missing fact (CONTRACT.md §9), no reassessFrom, no warnings. */
    private static PostCovidDecision decision(AgeGroup group, Outcome outcome, List<CriterionResult> criteria,
                                              List<String> missing, CentreOffer centre, List<Note> notes) {
        return new PostCovidDecision(group, outcome, criteria, missing, questions(missing), null, centre, List.of(),
                notes);
    }

    /** An ALK advice with a severity message iff a severity and a question per missing fact (CONTRACT.md §9). */
    private static AlkAdvice advice(AlkOutcome outcome, AlkSeverity severity, List<CriterionResult> criteria,
                                    List<String> missing, List<AlkOption> options, List<Note> warnings,
                                    List<Note> notes) {
        return new AlkAdvice(outcome, severity, severity == null ? null : TEXT, criteria, missing, questions(missing),
                null, options, options.isEmpty() ? null : TEXT, warnings, notes);
    }

    private static List<CriterionResult> adultAll(CriterionStatus status) {
        List<CriterionResult> list = new ArrayList<>();
        for (String id : DecisionChecks.ADULT_CRITERIA) {
            list.add(c(id, status));
        }
        return list;
    }

    private List<String> problems(PostCovidDecision pc) {
        List<String> problems = new ArrayList<>();
        DecisionChecks.partInvariants(input, new Decision(KB, DATE, pc), problems);
        return problems;
    }

    /**
     * A patient born on 29 February is a minor on 28 February of the year they turn 18 and an adult on
     * 1 March, as the knowledge base counts (PC-G1); the checks must agree, or an adult-only text
     * check fires on a child (found by DecisionPropertiesTest: born 2008-02-29, assessed 2026-02-28).
     */
    @Test
    void aLeapDayBirthdayIsAMinorUntilTheFirstOfMarch() throws Exception {
        JsonNode input = new ObjectMapper().readTree("{\"patient\":{\"birthDate\":\"2008-02-29\"}}");
        assertThat(DecisionChecks.isMinor(input, LocalDate.parse("2026-02-28"))).isTrue();
        assertThat(DecisionChecks.isMinor(input, LocalDate.parse("2026-03-01"))).isFalse();
        assertThat(DecisionChecks.isMinor(input, LocalDate.parse("2028-02-29"))).isFalse();
    }

    @Test
    void aConsistentDecisionPasses() {
        assertThat(problems(decision(AgeGroup.ADULT, Outcome.ELIGIBLE, adultAll(CriterionStatus.MET),
                List.of(), OWN_CENTRE, NOTES))).isEmpty();
    }

    @Test
    void anOutcomeThatContradictsTheCriteriaIsCaught() {
        List<CriterionResult> criteria = adultAll(CriterionStatus.MET);
        criteria.set(2, c("PC-A3", CriterionStatus.NOT_MET));
        assertThat(problems(decision(AgeGroup.ADULT, Outcome.ELIGIBLE, criteria, List.of(), OWN_CENTRE,
                NOTES)))
                .anyMatch(p -> p.contains("contradicts the criteria") && p.contains("NOT_ELIGIBLE"));
        assertThat(problems(decision(AgeGroup.ADULT, Outcome.NOT_ELIGIBLE, criteria, List.of(), null,
                NOTES))).anyMatch(p -> p.contains("carries exactly the notes [PC-N7]"));
    }

    @Test
    void missingFactsMustBeTheUnionAndReallyAbsent() {
        List<CriterionResult> criteria = adultAll(CriterionStatus.MET);
        criteria.set(0, c("PC-A1", CriterionStatus.UNKNOWN, "postCovid.complaintsAttributedToCovid"));
        criteria.set(2, c("PC-A3", CriterionStatus.UNKNOWN, "postCovid.bellScore"));
        List<String> problems = problems(decision(AgeGroup.ADULT, Outcome.INSUFFICIENT_DATA, criteria,
                List.of("postCovid.complaintsAttributedToCovid"), OWN_CENTRE, NOTES));
        assertThat(problems).anyMatch(p -> p.contains("sorted union"))
                .anyMatch(p -> p.contains("names postCovid.bellScore as missing but the input has it"));
    }

    @Test
    void wrongCriteriaSetSourceMessageAndUnknownWithoutFactsAreCaught() {
        List<CriterionResult> criteria = adultAll(CriterionStatus.MET);
        criteria.set(0, new CriterionResult("PC-A1", CriterionStatus.MET, new LocalizedText(" ", "x"), "other.txt",
                Map.of(), List.of()));
        criteria.set(6, c("PC-X1", CriterionStatus.UNKNOWN));
        criteria.remove(7);
        List<String> problems = problems(decision(AgeGroup.ADULT, Outcome.INSUFFICIENT_DATA, criteria,
                List.of(), OWN_CENTRE, NOTES));
        assertThat(problems).anyMatch(p -> p.contains("must be exactly"))
                .anyMatch(p -> p.contains("in Dutch (nl) is blank"))
                .anyMatch(p -> p.contains("source must start with"))
                .anyMatch(p -> p.contains("UNKNOWN but names no missing fact"))
                .anyMatch(p -> p.contains("PC-X1 is never UNKNOWN"));
    }

    @Test
    void aDecisionWithoutASectionIsCaught() throws Exception {
        JsonNode noSection = new ObjectMapper().readTree("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" } }""");
        List<String> problems = new ArrayList<>();
        DecisionChecks.partInvariants(noSection, new Decision(KB, DATE, decision(AgeGroup.ADULT,
                Outcome.ELIGIBLE, adultAll(CriterionStatus.MET), List.of(), OWN_CENTRE, NOTES)), problems);
        assertThat(problems).anyMatch(p -> p.contains("no postCovid section"));
    }

    // ---- centre part (CONTRACT.md §2 PC-R) ----

    private static CentreOffer offer(CentreStatus status, List<Centre> centres, String ruleId, LocalDate from,
                                     List<String> missing, List<Note> notes) {
        return new CentreOffer(status, centres, ruleId, TEXT, from, missing, notes);
    }

    private List<String> problemsWith(CentreOffer centre) {
        return problems(decision(AgeGroup.ADULT, Outcome.ELIGIBLE, adultAll(CriterionStatus.MET),
                List.of(), centre, NOTES));
    }

    private static List<String> problems(JsonNode in, PostCovidDecision pc) {
        List<String> problems = new ArrayList<>();
        DecisionChecks.partInvariants(in, new Decision(KB, DATE, pc), problems);
        return problems;
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void aCentreOnANotEligibleDecisionAndNoneOnAnEligibleOneAreCaught() {
        List<CriterionResult> criteria = adultAll(CriterionStatus.MET);
        criteria.set(2, c("PC-A3", CriterionStatus.NOT_MET));
        assertThat(problems(decision(AgeGroup.ADULT, Outcome.NOT_ELIGIBLE, criteria, List.of(),
                OWN_CENTRE, NOT_ELIGIBLE_NOTES))).anyMatch(p -> p.contains("NOT_ELIGIBLE decision has no centre part"));
        assertThat(problems(decision(AgeGroup.ADULT, Outcome.NOT_ELIGIBLE, criteria, List.of(),
                null, NOT_ELIGIBLE_NOTES))).isEmpty();
        assertThat(problemsWith(null)).anyMatch(p -> p.contains("ELIGIBLE decision has a centre part"));
        List<CriterionResult> unknown = adultAll(CriterionStatus.MET);
        unknown.set(2, c("PC-A3", CriterionStatus.UNKNOWN, "postCovid.bellScore"));
        // the input has a bellScore, so that fact is flagged too; the centre problem is what counts here
        assertThat(problems(decision(AgeGroup.ADULT, Outcome.INSUFFICIENT_DATA, unknown,
                List.of("postCovid.bellScore"), null, NOTES)))
                .anyMatch(p -> p.contains("INSUFFICIENT_DATA decision has a centre part"));
    }

    @Test
    void centresIffOfferedAndAvailableFromIffNoneYet() {
        assertThat(problemsWith(offer(CentreStatus.OFFERED, List.of(), "PC-R3", null, List.of(), List.of())))
                .anyMatch(p -> p.contains("centres must be non-empty iff OFFERED"));
        assertThat(problemsWith(offer(CentreStatus.NONE_YET, List.of(Centre.UMCG), "PC-R5",
                LocalDate.parse("2027-01-01"), List.of(), List.of())))
                .anyMatch(p -> p.contains("centres must be non-empty iff OFFERED"));
        assertThat(problemsWith(offer(CentreStatus.NONE_YET, List.of(), "PC-R5", null, List.of(), List.of())))
                .anyMatch(p -> p.contains("availableFrom must be set iff NONE_YET"));
        assertThat(problemsWith(offer(CentreStatus.OFFERED, List.of(Centre.UMCG), "PC-R3",
                LocalDate.parse("2027-01-01"), List.of(), List.of())))
                .anyMatch(p -> p.contains("availableFrom must be set iff NONE_YET"));
        assertThat(problemsWith(offer(CentreStatus.NONE_YET, List.of(), "PC-R5", DATE, List.of(), List.of())))
                .anyMatch(p -> p.contains("must be after the assessment date"));
        assertThat(problemsWith(offer(CentreStatus.NONE_YET, List.of(), "PC-R5", DATE.plusDays(1), List.of(),
                List.of()))).isEmpty();
        assertThat(problemsWith(offer(CentreStatus.OFFERED, List.of(Centre.UMCG, Centre.UMCG), "PC-R3", null,
                List.of(), List.of()))).anyMatch(p -> p.contains("must not repeat"));
    }

    @Test
    void aBlankCentreMessageOrAnUnknownRuleIdIsCaught() {
        assertThat(problemsWith(new CentreOffer(CentreStatus.OFFERED, List.of(Centre.UMCG), "PC-R3",
                new LocalizedText("tekst", " "), null, List.of(), List.of())))
                .anyMatch(p -> p.contains("centre (OFFERED): message in English (en) is blank"));
        assertThat(problemsWith(new CentreOffer(CentreStatus.OFFERED, List.of(Centre.UMCG), "PC-R3",
                new LocalizedText("", "text"), null, List.of(), List.of())))
                .anyMatch(p -> p.contains("centre (OFFERED): message in Dutch (nl) is blank"));
        assertThat(problemsWith(offer(CentreStatus.OFFERED, List.of(Centre.UMCG), "PC-R2", null, List.of(),
                List.of()))).anyMatch(p -> p.contains("ruleId must be one of"));
        assertThat(problemsWith(offer(CentreStatus.OFFERED, List.of(Centre.UMCG), "PC-R3", null, List.of(),
                List.of(new Note("PC-R7", new LocalizedText("x", ""))))))
                .anyMatch(p -> p.contains("centre note PC-R7: message in English (en) is blank"));
    }

    @Test
    void anUnknownCentreNamesTheRegionAndOnlyItOnlyWhenTheInputLacksIt() throws Exception {
        JsonNode noRegion = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" }, "postCovid": {} }""");
        CentreOffer unknown = offer(CentreStatus.UNKNOWN, List.of(), "PC-R3", null, List.of("patient.umcRegion"),
                List.of());
        PostCovidDecision ok = decision(AgeGroup.ADULT, Outcome.ELIGIBLE, adultAll(CriterionStatus.MET),
                List.of(), unknown, NOTES);
        assertThat(problems(noRegion, ok)).isEmpty();
        // the region is in the input: UNKNOWN is wrong
        assertThat(problemsWith(unknown)).anyMatch(p -> p.contains("UNKNOWN iff the input has neither"));
        // no region and no currentCentre, yet a centre is offered
        assertThat(problems(noRegion, decision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), OWN_CENTRE, NOTES)))
                .anyMatch(p -> p.contains("UNKNOWN iff the input has neither"));
        // currentCentre alone locates the patient (PC-R6)
        JsonNode current = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" },
                  "postCovid": { "currentCentre": "LUMC" } }""");
        assertThat(problems(current, decision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), offer(CentreStatus.OFFERED, List.of(Centre.LUMC), "PC-R6",
                null, List.of(), List.of(new Note("PC-R6", TEXT))), NOTES))).isEmpty();
        // CONTRACT.md §9: the continuity offer carries its note PC-R6
        assertThat(problems(current, decision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), offer(CentreStatus.OFFERED, List.of(Centre.LUMC), "PC-R6",
                null, List.of(), List.of()), NOTES))).anyMatch(p -> p.contains("notes must be [PC-R6]"));
        assertThat(problems(current, decision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), unknown, NOTES)))
                .anyMatch(p -> p.contains("UNKNOWN iff the input has neither"));
        // UNKNOWN without the missing fact, or a known centre with one
        assertThat(problems(noRegion, decision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), offer(CentreStatus.UNKNOWN, List.of(), "PC-R3", null,
                List.of(), List.of()), NOTES))).anyMatch(p -> p.contains("missingFacts must be [patient.umcRegion]"));
        assertThat(problemsWith(offer(CentreStatus.OFFERED, List.of(Centre.UMCG), "PC-R3", null,
                List.of("patient.umcRegion"), List.of()))).anyMatch(p -> p.contains("missingFacts must be []"));
    }

    @Test
    void theRegionIsNeverAMissingFactOfTheDecisionAndPcR7IsACentreNote() throws Exception {
        JsonNode noRegion = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" }, "postCovid": {} }""");
        List<CriterionResult> criteria = adultAll(CriterionStatus.MET);
        criteria.set(2, c("PC-A3", CriterionStatus.NOT_MET));
        assertThat(problems(noRegion, decision(AgeGroup.ADULT, Outcome.NOT_ELIGIBLE, criteria,
                List.of("patient.umcRegion"), null, List.of())))
                .anyMatch(p -> p.contains("must not contain patient.umcRegion"));
        List<Note> withR7 = List.of(NOTES.get(0), NOTES.get(1), new Note("PC-R7", TEXT));
        assertThat(problems(decision(AgeGroup.ADULT, Outcome.ELIGIBLE, adultAll(CriterionStatus.MET),
                List.of(), OWN_CENTRE, withR7))).anyMatch(p -> p.contains("PC-R7 belongs in centre.notes"));
        assertThat(problemsWith(offer(CentreStatus.NONE_YET, List.of(), "PC-R5", DATE.plusDays(1), List.of(),
                List.of(new Note("PC-R7", TEXT))))).anyMatch(p -> p.contains("only an offered place carries notes"));
    }

    @Test
    void centreExpectationsReportEachDifference() {
        CentreOffer actual = new CentreOffer(CentreStatus.OFFERED, List.of(Centre.AMSTERDAM_UMC), "PC-R4",
                new LocalizedText("tot 1 juli 2025", "until 2025-07-01"), null, List.of(),
                List.of(new Note("PC-R7", TEXT)));
        Decision decision = new Decision(KB, DATE, decision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), actual, NOTES));
        List<String> problems = new ArrayList<>();
        ScenarioChecks.expectations(expect(new Expectation.CentreExpectation(false, CentreStatus.OFFERED,
                List.of(Centre.AMSTERDAM_UMC), "PC-R4", null, List.of(), List.of("PC-R7"), List.of("until"))),
                decision, problems);
        assertThat(problems).containsExactly("centre: expected both messages to contain \"until\""
                + "\n      centre message en: until 2025-07-01\n      centre message nl: tot 1 juli 2025");
        problems.clear();
        ScenarioChecks.expectations(expect(new Expectation.CentreExpectation(false, CentreStatus.NONE_YET,
                List.of(Centre.UMCG), "PC-R5", LocalDate.parse("2025-05-01"), List.of("patient.umcRegion"), List.of(),
                List.of())), decision, problems);
        assertThat(problems).anyMatch(p -> p.startsWith("centre.status: expected NONE_YET but was OFFERED"))
                .anyMatch(p -> p.startsWith("centre.centres: expected [UMCG] but was [AMSTERDAM_UMC]"))
                .anyMatch(p -> p.startsWith("centre.ruleId: expected PC-R5 but was PC-R4"))
                .anyMatch(p -> p.startsWith("centre.availableFrom: expected 2025-05-01 but was null"))
                .anyMatch(p -> p.startsWith("centre.missingFacts: expected [patient.umcRegion] but was []"))
                .anyMatch(p -> p.startsWith("centre.notes: expected [] but was [PC-R7]"))
                .hasSize(6);
        problems.clear();
        ScenarioChecks.expectations(expect(Expectation.CentreExpectation.none()), decision, problems);
        assertThat(problems).anyMatch(p -> p.startsWith("centre: expected none but was OFFERED"));
        problems.clear();
        ScenarioChecks.expectations(expect(new Expectation.CentreExpectation(false, CentreStatus.OFFERED, null, null,
                null, null, null, List.of())), new Decision(KB, DATE, decision(AgeGroup.ADULT,
                Outcome.ELIGIBLE, adultAll(CriterionStatus.MET), List.of(), null, NOTES)), problems);
        assertThat(problems).containsExactly("centre: expected status OFFERED but there is no centre part");
    }

    @Test
    void sameAsComparesTheCentreToo() {
        Decision own = new Decision(KB, DATE, decision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), OWN_CENTRE, NOTES));
        Decision interim = new Decision(KB, DATE, decision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), offer(CentreStatus.OFFERED, List.of(Centre.AMSTERDAM_UMC),
                "PC-R4", null, List.of(), List.of(new Note("PC-R7", TEXT))), NOTES));
        List<String> problems = new ArrayList<>();
        ScenarioChecks.same(own, own, "other", problems);
        assertThat(problems).isEmpty();
        ScenarioChecks.same(own, interim, "other", problems);
        assertThat(problems).anyMatch(p -> p.contains("expected the same decision as scenario other"));
    }

    private static Expectation expect(Expectation.CentreExpectation centre) {
        return new Expectation(false, Outcome.ELIGIBLE, null, Map.of(), null, null, null, centre, null);
    }

    // ---- ALK advice (CONTRACT.md §3) ----

    private static final String ALK_SOURCE = "004_1709dfbc268e60ad.txt — Behandelmogelijkheden";
    private static final String ADULT_ALK = """
            { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" },
              "alk": { "complaintOnsetDate": "2026-05-01", "limitsFunctioningOrCausesSuffering": true,
                       "complaintPattern": "%s", "functionalLimitation": "%s" } }""";

    private static JsonNode alkInput(String pattern, String limitation) throws Exception {
        return json(ADULT_ALK.formatted(pattern, limitation));
    }

    private static AlkOption option(String id, AlkSeverity severity, boolean child) {
        String column = DecisionChecks.ALK_OPTION_COLUMNS.get(id);
        boolean youth = child && DecisionChecks.YOUTH_GGZ_OPTIONS.contains(id);
        LocalizedText referral = youth
                ? new LocalizedText("Huisarts; voor jeugdigen ook de jeugdarts en wijkteams.",
                        "GP; for young people also the youth doctor and district teams.")
                : new LocalizedText("Huisarts.", "GP.");
        List<Note> notes = id.equals("HOOGSPECIALISTISCHE_GGZ") ? List.of(new Note("ALK-H1", TEXT)) : List.of();
        return new AlkOption(id, column.equals("ALL") || column.equals(severity.name()), AlkColumn.valueOf(column), TEXT, referral,
                new LocalizedText("Basispakket.", "Basic package."), notes, ALK_SOURCE);
    }

    private static List<AlkOption> options(AlkSeverity severity, boolean child) {
        return DecisionChecks.alkOptionsFor(severity).stream().map(id -> option(id, severity, child))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static CriterionResult d1(CriterionStatus status, String... missing) {
        return new CriterionResult("ALK-D1", status, TEXT, ALK_SOURCE, Map.of(), List.of(missing), toMeet(status));
    }

    private static final List<Note> ALK_N1 = List.of(new Note("ALK-N1", TEXT));
    private static final List<Note> ALK_W1 = List.of(new Note("ALK-W1", TEXT));

    private static AlkAdvice applicable(AlkSeverity severity, List<AlkOption> options) {
        return advice(AlkOutcome.APPLICABLE, severity, List.of(d1(CriterionStatus.MET)), List.of(), options,
                List.of(), ALK_N1);
    }

    private static List<String> alkProblems(JsonNode in, AlkAdvice alk) {
        List<String> problems = new ArrayList<>();
        DecisionChecks.partInvariants(in, new Decision(KB, DATE, null, alk), problems);
        return problems;
    }

    @Test
    void aConsistentAlkAdvicePassesForEverySeverity() throws Exception {
        assertThat(alkProblems(alkInput("ONE_OR_FEW", "LIGHT"),
                applicable(AlkSeverity.MILD, options(AlkSeverity.MILD, false)))).isEmpty();
        assertThat(alkProblems(alkInput("ONE_OR_FEW", "MODERATE"),
                applicable(AlkSeverity.MODERATE, options(AlkSeverity.MODERATE, false)))).isEmpty();
        assertThat(alkProblems(alkInput("SEVERE", "LIGHT"),
                applicable(AlkSeverity.SEVERE, options(AlkSeverity.SEVERE, false)))).isEmpty();
        assertThat(DecisionChecks.alkOptionsFor(AlkSeverity.MILD)).hasSize(11).endsWith("MEDISCH_SPECIALIST");
        assertThat(DecisionChecks.alkOptionsFor(AlkSeverity.MODERATE)).hasSize(15);
        assertThat(DecisionChecks.alkOptionsFor(AlkSeverity.SEVERE)).hasSize(18)
                .containsSubsequence("SOCIAAL_DOMEIN", "BASIS_GGZ", "PIJNPOLI", "MEDISCH_SPECIALISTISCHE_REVALIDATIE",
                        "HOOGSPECIALISTISCHE_GGZ", "MEDISCH_SPECIALIST");
        JsonNode child = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "2009-06-15" },
                  "alk": { "complaintOnsetDate": "2026-05-01", "limitsFunctioningOrCausesSuffering": true,
                           "complaintPattern": "SEVERE" } }""");
        assertThat(alkProblems(child, applicable(AlkSeverity.SEVERE, options(AlkSeverity.SEVERE, true)))).isEmpty();
    }

    @Test
    void anAdviceWithoutASectionOrNoAdviceForOneIsCaught() throws Exception {
        assertThat(alkProblems(input, applicable(AlkSeverity.MILD, options(AlkSeverity.MILD, false))))
                .anyMatch(p -> p.contains("no alk section, so there must be no ALK advice"));
        assertThat(alkProblems(alkInput("MULTIPLE", "MODERATE"), null))
                .anyMatch(p -> p.contains("has an alk section but there is no ALK advice"));
    }

    @Test
    void optionsOrderPrimaryFlagsColumnsAndCountAreChecked() throws Exception {
        JsonNode moderate = alkInput("MULTIPLE", "MODERATE");
        List<AlkOption> reversed = options(AlkSeverity.MODERATE, false);
        Collections.reverse(reversed);
        assertThat(alkProblems(moderate, applicable(AlkSeverity.MODERATE, reversed)))
                .anyMatch(p -> p.contains("options must be those of a MODERATE advice (15"));
        List<AlkOption> short1 = options(AlkSeverity.MODERATE, false);
        short1.remove(0);
        assertThat(alkProblems(moderate, applicable(AlkSeverity.MODERATE, short1)))
                .anyMatch(p -> p.contains("options must be") && p.contains("but were 14"));
        assertThat(alkProblems(moderate, applicable(AlkSeverity.MODERATE, options(AlkSeverity.SEVERE, false))))
                .anyMatch(p -> p.contains("options must be"))
                .anyMatch(p -> p.contains("alk option HOOGSPECIALISTISCHE_GGZ (SEVERE): primary must be false"));
        List<AlkOption> wrongPrimary = options(AlkSeverity.MODERATE, false);
        AlkOption fysio = wrongPrimary.get(1);
        wrongPrimary.set(1, new AlkOption(fysio.id(), true, fysio.column(), fysio.name(), fysio.referral(),
                fysio.reimbursement(), fysio.notes(), fysio.source()));
        assertThat(alkProblems(moderate, applicable(AlkSeverity.MODERATE, wrongPrimary)))
                .containsExactly("alk option FYSIOTHERAPIE (MILD): primary must be false in a MODERATE advice but was true");
        List<AlkOption> wrongColumn = options(AlkSeverity.MODERATE, false);
        AlkOption basis = wrongColumn.get(10);
        wrongColumn.set(10, new AlkOption(basis.id(), true, AlkColumn.MILD, basis.name(), basis.referral(),
                basis.reimbursement(), basis.notes(), basis.source()));
        assertThat(alkProblems(moderate, applicable(AlkSeverity.MODERATE, wrongColumn)))
                .anyMatch(p -> p.contains("alk option BASIS_GGZ: column must be MODERATE"));
    }

    @Test
    void theSeverityFollowsTheAxesAndIsNullIffNotApplicable() throws Exception {
        assertThat(alkProblems(alkInput("MULTIPLE", "LIGHT"),
                applicable(AlkSeverity.SEVERE, options(AlkSeverity.SEVERE, false))))
                .anyMatch(p -> p.startsWith("alk: severity must be MODERATE"));
        assertThat(alkProblems(alkInput("MULTIPLE", "LIGHT"), applicable(null, List.of())))
                .anyMatch(p -> p.contains("has a severity (MILD, MODERATE, SEVERE or UNKNOWN) but it is null"));
        JsonNode notLimiting = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" },
                  "alk": { "complaintOnsetDate": "2026-05-01", "limitsFunctioningOrCausesSuffering": false } }""");
        AlkAdvice notApplicable = advice(AlkOutcome.NOT_APPLICABLE, null, List.of(d1(CriterionStatus.NOT_MET)),
                List.of(), List.of(), List.of(), List.of());
        assertThat(alkProblems(notLimiting, notApplicable)).isEmpty();
        assertThat(alkProblems(notLimiting, advice(AlkOutcome.NOT_APPLICABLE, AlkSeverity.UNKNOWN,
                List.of(d1(CriterionStatus.NOT_MET)), List.of("alk.complaintPattern", "alk.functionalLimitation"),
                List.of(), List.of(), List.of())))
                .anyMatch(p -> p.contains("NOT_APPLICABLE advice has no severity"))
                .anyMatch(p -> p.contains("missingFacts must be the sorted union") && p.contains("[]"));
        // one axis absent: SEVERE if the other is SEVERE, else UNKNOWN naming the absent axis, no options
        JsonNode onlyPattern = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" },
                  "alk": { "complaintOnsetDate": "2026-05-01", "limitsFunctioningOrCausesSuffering": true,
                           "complaintPattern": "MULTIPLE" } }""");
        AlkAdvice unknown = advice(AlkOutcome.APPLICABLE, AlkSeverity.UNKNOWN,
                List.of(d1(CriterionStatus.MET)), List.of("alk.functionalLimitation"), List.of(), List.of(), ALK_N1);
        assertThat(alkProblems(onlyPattern, unknown)).isEmpty();
        assertThat(alkProblems(onlyPattern, advice(AlkOutcome.APPLICABLE, AlkSeverity.UNKNOWN,
                List.of(d1(CriterionStatus.MET)), List.of(), List.of(), List.of(), ALK_N1)))
                .containsExactly("alk: missingFacts must be the sorted union of ALK-D1's missing facts and the absent "
                        + "axes ALK-S1 needs [alk.functionalLimitation] but was []");
        assertThat(alkProblems(onlyPattern, advice(AlkOutcome.APPLICABLE, AlkSeverity.UNKNOWN,
                List.of(d1(CriterionStatus.MET)), List.of("alk.functionalLimitation"),
                options(AlkSeverity.MODERATE, false), List.of(), ALK_N1)))
                .anyMatch(p -> p.contains("options must be empty"));
        assertThat(alkProblems(onlyPattern, applicable(AlkSeverity.MODERATE, options(AlkSeverity.MODERATE, false))))
                .anyMatch(p -> p.startsWith("alk: severity must be UNKNOWN"));
    }

    @Test
    void theOutcomeFollowsAlkD1WhichFollowsTheInput() throws Exception {
        JsonNode recent = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" },
                  "alk": { "complaintOnsetDate": "2026-08-24", "limitsFunctioningOrCausesSuffering": true,
                           "complaintPattern": "MULTIPLE", "functionalLimitation": "MODERATE" } }""");
        assertThat(alkProblems(recent, applicable(AlkSeverity.MODERATE, options(AlkSeverity.MODERATE, false))))
                .anyMatch(p -> p.startsWith("alk criterion ALK-D1: CONTRACT.md §3 gives NOT_MET") && p.contains("2026-11-24"));
        JsonNode exactly = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" },
                  "alk": { "complaintOnsetDate": "2026-08-23", "limitsFunctioningOrCausesSuffering": true,
                           "complaintPattern": "MULTIPLE", "functionalLimitation": "MODERATE" } }""");
        assertThat(alkProblems(exactly, applicable(AlkSeverity.MODERATE, options(AlkSeverity.MODERATE, false))))
                .isEmpty();
        assertThat(alkProblems(alkInput("MULTIPLE", "MODERATE"), advice(AlkOutcome.APPLICABLE,
                AlkSeverity.MODERATE, List.of(d1(CriterionStatus.NOT_MET)), List.of(),
                options(AlkSeverity.MODERATE, false), List.of(), ALK_N1)))
                .anyMatch(p -> p.contains("outcome APPLICABLE contradicts ALK-D1 NOT_MET"));
        JsonNode noOnset = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" },
                  "alk": { "limitsFunctioningOrCausesSuffering": true,
                           "complaintPattern": "MULTIPLE", "functionalLimitation": "MODERATE" } }""");
        AlkAdvice insufficient = advice(AlkOutcome.INSUFFICIENT_DATA, AlkSeverity.MODERATE,
                List.of(d1(CriterionStatus.UNKNOWN, "alk.complaintOnsetDate")), List.of("alk.complaintOnsetDate"),
                List.of(), List.of(), List.of());
        assertThat(alkProblems(noOnset, insufficient)).isEmpty();
        assertThat(alkProblems(alkInput("MULTIPLE", "MODERATE"), insufficient))
                .anyMatch(p -> p.contains("names alk.complaintOnsetDate as missing but the input has it"))
                .anyMatch(p -> p.contains("CONTRACT.md §3 gives MET"));
        assertThat(alkProblems(noOnset, advice(AlkOutcome.INSUFFICIENT_DATA, AlkSeverity.MODERATE,
                List.of(d1(CriterionStatus.UNKNOWN)), List.of(), List.of(), List.of(), List.of())))
                .anyMatch(p -> p.contains("UNKNOWN but names no missing fact"));
        assertThat(alkProblems(noOnset, advice(AlkOutcome.INSUFFICIENT_DATA, AlkSeverity.MODERATE,
                List.of(d1(CriterionStatus.UNKNOWN, "alk.complaintOnsetDate")), List.of(), List.of(), List.of(),
                List.of()))).anyMatch(p -> p.contains("missingFacts must be the sorted union"));
        assertThat(alkProblems(alkInput("MULTIPLE", "MODERATE"), advice(AlkOutcome.APPLICABLE,
                AlkSeverity.MODERATE, List.of(), List.of(), options(AlkSeverity.MODERATE, false), List.of(), ALK_N1)))
                .anyMatch(p -> p.contains("criteria must be exactly [ALK-D1]"));
    }

    @Test
    void warningsIffMeCvsAndNotesIffApplicable() throws Exception {
        JsonNode meCvs = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" },
                  "alk": { "complaintOnsetDate": "2026-05-01", "limitsFunctioningOrCausesSuffering": false,
                           "meCvsOrPem": true } }""");
        AlkAdvice warned = advice(AlkOutcome.NOT_APPLICABLE, null, List.of(d1(CriterionStatus.NOT_MET)),
                List.of(), List.of(), ALK_W1, List.of());
        assertThat(alkProblems(meCvs, warned)).isEmpty();
        // one clinical picture (CONTRACT.md §10): ME/CVS recorded in the post-COVID section gives ALK-W1 too
        JsonNode meCvsInPostCovid = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" },
                  "postCovid": { "otherPais": ["LYME", "ME_CVS"] },
                  "alk": { "complaintOnsetDate": "2026-05-01", "limitsFunctioningOrCausesSuffering": false } }""");
        // (the input's post-COVID section has no decision here: only the ALK part's problems count)
        assertThat(alkProblems(meCvsInPostCovid, warned)).filteredOn(p -> p.startsWith("alk")).isEmpty();
        assertThat(alkProblems(meCvsInPostCovid, advice(AlkOutcome.NOT_APPLICABLE, null,
                List.of(d1(CriterionStatus.NOT_MET)), List.of(), List.of(), List.of(), List.of())))
                .anyMatch(p -> p.contains("warnings must be [ALK-W1]"));
        assertThat(alkProblems(meCvs, advice(AlkOutcome.NOT_APPLICABLE, null,
                List.of(d1(CriterionStatus.NOT_MET)), List.of(), List.of(), List.of(), ALK_N1)))
                .anyMatch(p -> p.contains("warnings must be [ALK-W1]"))
                .anyMatch(p -> p.contains("notes must be [] (ALK-N1 iff APPLICABLE") && p.contains("NOT_APPLICABLE advice"));
        AlkAdvice wrongWarning = advice(AlkOutcome.APPLICABLE, AlkSeverity.MODERATE,
                List.of(d1(CriterionStatus.MET)), List.of(), options(AlkSeverity.MODERATE, false), ALK_W1, List.of());
        assertThat(alkProblems(alkInput("MULTIPLE", "MODERATE"), wrongWarning))
                .anyMatch(p -> p.contains("warnings must be [] (ALK-W1 iff alk.meCvsOrPem is true"))
                .anyMatch(p -> p.contains("notes must be [ALK-N1]"));
        assertThat(alkProblems(meCvs, advice(AlkOutcome.NOT_APPLICABLE, null,
                List.of(d1(CriterionStatus.NOT_MET)), List.of(), List.of(),
                List.of(new Note("ALK-W1", new LocalizedText("", "text"))), List.of())))
                .containsExactly("alk warning ALK-W1: message in Dutch (nl) is blank");
    }

    @Test
    void optionTextsSourcesAndAlkH1AreChecked() throws Exception {
        JsonNode severe = alkInput("SEVERE", "SEVERE");
        List<AlkOption> opts = options(AlkSeverity.SEVERE, false);
        AlkOption first = opts.get(0);
        opts.set(0, new AlkOption(first.id(), false, first.column(), first.name(),
                new LocalizedText("Geen verwijzing nodig.", " "), first.reimbursement(),
                List.of(new Note("X", new LocalizedText("x", ""))), "000_b510353f4949bed4.txt"));
        AlkOption high = opts.get(16);
        opts.set(16, new AlkOption(high.id(), true, high.column(), high.name(), high.referral(), high.reimbursement(),
                List.of(), high.source()));
        AlkOption pijn = opts.get(13);
        opts.set(13, new AlkOption(pijn.id(), false, pijn.column(), pijn.name(), pijn.referral(), pijn.reimbursement(),
                List.of(new Note("ALK-H1", TEXT)), pijn.source()));
        assertThat(alkProblems(severe, applicable(AlkSeverity.SEVERE, opts)))
                .anyMatch(p -> p.equals("alk option HUISARTS_POH_GGZ: referral in English (en) is blank"))
                .anyMatch(p -> p.startsWith("alk option HUISARTS_POH_GGZ: source must start with 004_1709dfbc268e60ad.txt"))
                .anyMatch(p -> p.equals("alk option HUISARTS_POH_GGZ note X: message in English (en) is blank"))
                .anyMatch(p -> p.equals("alk option HOOGSPECIALISTISCHE_GGZ: notes must be exactly [ALK-H1] (ALK-H1) "
                        + "but were []"))
                .anyMatch(p -> p.startsWith("alk option PIJNPOLI: ALK-H1 is a note of HOOGSPECIALISTISCHE_GGZ only"))
                .hasSize(5);
    }

    @Test
    void youthRoutesOnlyForAChild() throws Exception {
        // an adult's texts mention no youth route and no under-18 clause
        JsonNode severe = alkInput("SEVERE", "SEVERE");
        List<AlkOption> adultWithYouth = options(AlkSeverity.SEVERE, true);
        AlkOption fysio = adultWithYouth.get(1);
        adultWithYouth.set(1, new AlkOption(fysio.id(), false, fysio.column(), fysio.name(), fysio.referral(),
                new LocalizedText("Aanvullend; onder de 18 jaar basispakket.", "Supplementary; under 18 basic."),
                fysio.notes(), fysio.source()));
        assertThat(alkProblems(severe, applicable(AlkSeverity.SEVERE, adultWithYouth)))
                .anyMatch(p -> p.startsWith("alk option BASIS_GGZ: an adult's nl referral/reimbursement never mentions "
                        + "\"jeugdarts\""))
                .anyMatch(p -> p.startsWith("alk option HOOGSPECIALISTISCHE_GGZ: an adult's en referral/reimbursement "
                        + "never mentions \"youth\""))
                .anyMatch(p -> p.startsWith("alk option FYSIOTHERAPIE: an adult's nl referral/reimbursement never "
                        + "mentions \"18\""));
        // a child's ggz options name the youth doctor and the district teams in both languages
        JsonNode child = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "2008-11-24" },
                  "alk": { "complaintOnsetDate": "2026-05-01", "limitsFunctioningOrCausesSuffering": true,
                           "complaintPattern": "SEVERE", "functionalLimitation": "SEVERE" } }""");
        assertThat(alkProblems(child, applicable(AlkSeverity.SEVERE, options(AlkSeverity.SEVERE, false))))
                .anyMatch(p -> p.startsWith("alk option BASIS_GGZ: for a patient under 18 the nl referral names "
                        + "\"jeugdarts\""))
                .anyMatch(p -> p.startsWith("alk option MULTIDISCIPLINAIRE_SPECIALISTISCHE_GGZ: for a patient under 18 "
                        + "the en referral names \"district team\""))
                .hasSize(16);
        // the 18th birthday on the assessment date makes an adult
        JsonNode eighteen = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "2008-11-23" },
                  "alk": { "complaintOnsetDate": "2026-05-01", "limitsFunctioningOrCausesSuffering": true,
                           "complaintPattern": "SEVERE", "functionalLimitation": "SEVERE" } }""");
        assertThat(alkProblems(eighteen, applicable(AlkSeverity.SEVERE, options(AlkSeverity.SEVERE, false))))
                .isEmpty();
    }

    private static AlkExpectation alkExpect(AlkOutcome outcome, Optional<AlkSeverity> severity,
                                            List<String> options, Map<String, AlkExpectation.Texts> contains,
                                            Map<String, AlkExpectation.Texts> excludes) {
        return new AlkExpectation(false, outcome, severity,
                Map.of("ALK-D1", new Expectation.CriterionExpectation(CriterionStatus.UNKNOWN,
                        List.of("alk.complaintOnsetDate"), List.of("zzz"))),
                List.of("alk.complaintOnsetDate"), options, List.of("BASIS_GGZ"), 3, List.of("ALK-W1"), List.of(),
                Map.of("HOOGSPECIALISTISCHE_GGZ", List.of(), "PIJNPOLI", List.of()), contains, excludes, null, null, null);
    }

    @Test
    void alkExpectationsReportEachDifference() {
        AlkAdvice actual = applicable(AlkSeverity.SEVERE, options(AlkSeverity.SEVERE, false));
        Decision decision = new Decision(KB, DATE, null, actual);
        List<String> problems = new ArrayList<>();
        ScenarioChecks.alkExpectations(alkExpect(AlkOutcome.INSUFFICIENT_DATA,
                Optional.of(AlkSeverity.MILD), List.of("BASIS_GGZ"),
                Map.of("BASIS_GGZ", new AlkExpectation.Texts(List.of("HUISARTS"), List.of("youth doctor"))),
                Map.of("BASIS_GGZ", new AlkExpectation.Texts(List.of(), List.of("gp")))), decision, problems);
        assertThat(problems)
                .anyMatch(p -> p.equals("alk.outcome: expected INSUFFICIENT_DATA but was APPLICABLE"))
                .anyMatch(p -> p.equals("alk.severity: expected MILD but was SEVERE"))
                .anyMatch(p -> p.startsWith("alk.ALK-D1: expected UNKNOWN but was MET"))
                .anyMatch(p -> p.startsWith("alk.ALK-D1: expected missing facts [alk.complaintOnsetDate] but was []"))
                .anyMatch(p -> p.startsWith("alk.ALK-D1: expected both messages to contain \"zzz\""))
                .anyMatch(p -> p.equals("alk.missingFacts: expected [alk.complaintOnsetDate] but was []"))
                .anyMatch(p -> p.startsWith("alk.options: expected [BASIS_GGZ] but was [HUISARTS_POH_GGZ"))
                .anyMatch(p -> p.startsWith("alk.primaryOptions: expected [BASIS_GGZ] but was "
                        + "[MEDISCH_SPECIALISTISCHE_REVALIDATIE"))
                .anyMatch(p -> p.startsWith("alk.optionCount: expected 3 but was 18"))
                .anyMatch(p -> p.equals("alk.warnings: expected [ALK-W1] but was []"))
                .anyMatch(p -> p.equals("alk.notes: expected [] but was [ALK-N1]"))
                .anyMatch(p -> p.equals("alk.optionNotes.HOOGSPECIALISTISCHE_GGZ: expected [] but was [ALK-H1]"))
                .anyMatch(p -> p.startsWith("alk.optionTextContains.BASIS_GGZ: expected the en texts to contain "
                        + "\"youth doctor\""))
                .anyMatch(p -> p.startsWith("alk.optionTextExcludes.BASIS_GGZ: expected the en texts not to contain "
                        + "\"gp\""))
                .hasSize(14); // "HUISARTS" is found in "Huisarts." (case-insensitive); PIJNPOLI has no notes
        problems.clear();
        ScenarioChecks.alkExpectations(AlkExpectation.noAdvice(), decision, problems);
        assertThat(problems).containsExactly("alk: expected no ALK advice but there is one with outcome APPLICABLE");
        problems.clear();
        ScenarioChecks.alkExpectations(AlkExpectation.noAdvice(), new Decision(KB, DATE, null, null), problems);
        assertThat(problems).isEmpty();
        ScenarioChecks.alkExpectations(alkExpect(AlkOutcome.APPLICABLE, null, null, Map.of(), Map.of()),
                new Decision(KB, DATE, null, null), problems);
        assertThat(problems).containsExactly("alk: expected an ALK advice with outcome APPLICABLE but there is none");
        // severity: null expects no severity; an absent option is reported, not skipped
        problems.clear();
        AlkAdvice notApplicable = advice(AlkOutcome.NOT_APPLICABLE, null, List.of(d1(CriterionStatus.NOT_MET)),
                List.of(), List.of(), List.of(), List.of());
        ScenarioChecks.alkExpectations(new AlkExpectation(false, AlkOutcome.NOT_APPLICABLE, Optional.empty(),
                Map.of(), null, null, null, null, null, null, Map.of(), Map.of("BASIS_GGZ",
                new AlkExpectation.Texts(List.of("x"), List.of())), Map.of(), null, null, null),
                new Decision(KB, DATE, null, notApplicable), problems);
        assertThat(problems).containsExactly(
                "alk.optionTextContains.BASIS_GGZ: the advice has no such option (it has [])");
        problems.clear();
        ScenarioChecks.alkExpectations(new AlkExpectation(false, AlkOutcome.APPLICABLE,
                Optional.empty(), Map.of(), null, null, null, null, null, null, Map.of(), Map.of(), Map.of(),
                null, null, null), decision, problems);
        assertThat(problems).containsExactly("alk.severity: expected null but was SEVERE");
    }

    @Test
    void optionNotesAndSameAsCompareAlkAdvices() {
        List<AlkOption> indicated = options(AlkSeverity.SEVERE, false);
        AlkOption high = indicated.get(16);
        indicated.set(16, new AlkOption(high.id(), true, high.column(), high.name(), high.referral(),
                high.reimbursement(), List.of(new Note("ALK-H1", new LocalizedText("vooral nu", "especially now"))),
                high.source()));
        Decision when = new Decision(KB, DATE, null, applicable(AlkSeverity.SEVERE, options(AlkSeverity.SEVERE, false)));
        Decision now = new Decision(KB, DATE, null, applicable(AlkSeverity.SEVERE, indicated));
        List<String> problems = new ArrayList<>();
        ScenarioChecks.alkOptionNotes(when, when, "other", true, problems);
        ScenarioChecks.alkOptionNotes(when, now, "other", false, problems);
        assertThat(problems).isEmpty();
        ScenarioChecks.alkOptionNotes(when, now, "other", true, problems);
        assertThat(problems).singleElement().asString().startsWith("alk.sameOptionNotesAs other: expected the same");
        problems.clear();
        ScenarioChecks.alkOptionNotes(when, when, "other", false, problems);
        assertThat(problems).singleElement().asString().startsWith("alk.otherOptionNotesThan other: expected some option");
        problems.clear();
        ScenarioChecks.alkOptionNotes(when, new Decision(KB, DATE, null, null), "other", true, problems);
        assertThat(problems).singleElement().asString().contains("both decisions need an ALK advice");
        // sameAs: the same option notes ids, so the same; another severity is not
        problems.clear();
        ScenarioChecks.same(when, now, "other", problems);
        assertThat(problems).isEmpty();
        ScenarioChecks.same(when, new Decision(KB, DATE, null, applicable(AlkSeverity.MODERATE,
                options(AlkSeverity.MODERATE, false))), "other", problems);
        assertThat(problems).singleElement().asString().contains("expected the same decision as scenario other");
        assertThat(ScenarioChecks.describe(when)).contains("APPLICABLE severity SEVERE")
                .contains("HOOGSPECIALISTISCHE_GGZ primary SEVERE notes [ALK-H1]");
    }

    /** CONTRACT.md §10: the banner's items follow the input; a missing or extra item is named. */
    @Test
    void theSafetyBannerFollowsTheInput() throws Exception {
        JsonNode conflict = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" },
                  "postCovid": { "otherPais": ["ME_CVS"], "currentCentre": "LUMC" },
                  "alk": { "meCvsOrPem": false } }""");
        Note item = new Note("SAFE-CONFLICT", TEXT, "000_b510353f4949bed4.txt — passage");
        Note meCvs = new Note("SAFE-MECVS", TEXT, "001_98799358f9d20035.txt — passage");
        Note treatment = new Note("SAFE-TREATMENT", TEXT, "000_b510353f4949bed4.txt — passage");
        List<String> ok = new ArrayList<>();
        DecisionChecks.safety(conflict, new Decision(KB, DATE, List.of(item, meCvs, treatment), null, null), ok);
        assertThat(ok).isEmpty();
        List<String> missing = new ArrayList<>();
        DecisionChecks.safety(conflict, new Decision(KB, DATE, List.of(meCvs, treatment), null, null), missing);
        assertThat(missing).anyMatch(p -> p.contains("SAFE-CONFLICT must be in the banner"));
        List<String> extra = new ArrayList<>();
        JsonNode plain = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" }, "postCovid": {} }""");
        DecisionChecks.safety(plain, new Decision(KB, DATE, List.of(treatment), null, null), extra);
        assertThat(extra).anyMatch(p -> p.contains("SAFE-TREATMENT must not be in the banner"));
        List<String> twice = new ArrayList<>();
        DecisionChecks.safety(conflict, new Decision(KB, DATE, List.of(item, item, meCvs, treatment), null, null), twice);
        assertThat(twice).anyMatch(p -> p.contains("listed twice"));
    }
}
