package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.zorgregels.model.AgeGroup;
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
import org.junit.jupiter.api.Test;

/** The invariant checks catch broken decisions (built by hand here, no engine involved). */
class DecisionChecksTest {
    private static final KnowledgeBaseInfo KB = new KnowledgeBaseInfo("1", "sha256:" + "a".repeat(64));
    private static final LocalDate DATE = LocalDate.parse("2026-11-23");
    private static final String SOURCE = "000_b510353f4949bed4.txt — Wanneer kom ik in aanmerking";
    private static final LocalizedText TEXT = new LocalizedText("tekst", "text");
    private static final List<Note> NOTES = List.of(new Note("PC-N1", TEXT), new Note("PC-N2", TEXT));
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
        return new CriterionResult(id, status, TEXT, SOURCE, Map.of(), List.of(missing));
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
        DecisionChecks.invariants(input, new Decision(KB, DATE, pc), problems);
        return problems;
    }

    @Test
    void aConsistentDecisionPasses() {
        assertThat(problems(new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE, adultAll(CriterionStatus.MET),
                List.of(), OWN_CENTRE, NOTES))).isEmpty();
    }

    @Test
    void anOutcomeThatContradictsTheCriteriaIsCaught() {
        List<CriterionResult> criteria = adultAll(CriterionStatus.MET);
        criteria.set(2, c("PC-A3", CriterionStatus.NOT_MET));
        assertThat(problems(new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE, criteria, List.of(), OWN_CENTRE,
                NOTES)))
                .anyMatch(p -> p.contains("contradicts the criteria") && p.contains("NOT_ELIGIBLE"));
        assertThat(problems(new PostCovidDecision(AgeGroup.ADULT, Outcome.NOT_ELIGIBLE, criteria, List.of(), null,
                NOTES))).anyMatch(p -> p.contains("carries no notes"));
    }

    @Test
    void missingFactsMustBeTheUnionAndReallyAbsent() {
        List<CriterionResult> criteria = adultAll(CriterionStatus.MET);
        criteria.set(0, c("PC-A1", CriterionStatus.UNKNOWN, "postCovid.complaintsAttributedToCovid"));
        criteria.set(2, c("PC-A3", CriterionStatus.UNKNOWN, "postCovid.bellScore"));
        List<String> problems = problems(new PostCovidDecision(AgeGroup.ADULT, Outcome.INSUFFICIENT_DATA, criteria,
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
        List<String> problems = problems(new PostCovidDecision(AgeGroup.ADULT, Outcome.INSUFFICIENT_DATA, criteria,
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
        DecisionChecks.invariants(noSection, new Decision(KB, DATE, new PostCovidDecision(AgeGroup.ADULT,
                Outcome.ELIGIBLE, adultAll(CriterionStatus.MET), List.of(), OWN_CENTRE, NOTES)), problems);
        assertThat(problems).anyMatch(p -> p.contains("no postCovid section"));
    }

    // ---- centre part (SPEC §2 PC-R) ----

    private static CentreOffer offer(CentreStatus status, List<Centre> centres, String ruleId, LocalDate from,
                                     List<String> missing, List<Note> notes) {
        return new CentreOffer(status, centres, ruleId, TEXT, from, missing, notes);
    }

    private List<String> problemsWith(CentreOffer centre) {
        return problems(new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE, adultAll(CriterionStatus.MET),
                List.of(), centre, NOTES));
    }

    private static List<String> problems(JsonNode in, PostCovidDecision pc) {
        List<String> problems = new ArrayList<>();
        DecisionChecks.invariants(in, new Decision(KB, DATE, pc), problems);
        return problems;
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void aCentreOnANotEligibleDecisionAndNoneOnAnEligibleOneAreCaught() {
        List<CriterionResult> criteria = adultAll(CriterionStatus.MET);
        criteria.set(2, c("PC-A3", CriterionStatus.NOT_MET));
        assertThat(problems(new PostCovidDecision(AgeGroup.ADULT, Outcome.NOT_ELIGIBLE, criteria, List.of(),
                OWN_CENTRE, List.of()))).anyMatch(p -> p.contains("NOT_ELIGIBLE decision has no centre part"));
        assertThat(problems(new PostCovidDecision(AgeGroup.ADULT, Outcome.NOT_ELIGIBLE, criteria, List.of(),
                null, List.of()))).isEmpty();
        assertThat(problemsWith(null)).anyMatch(p -> p.contains("ELIGIBLE decision has a centre part"));
        List<CriterionResult> unknown = adultAll(CriterionStatus.MET);
        unknown.set(2, c("PC-A3", CriterionStatus.UNKNOWN, "postCovid.bellScore"));
        // the input has a bellScore, so that fact is flagged too; the centre problem is what counts here
        assertThat(problems(new PostCovidDecision(AgeGroup.ADULT, Outcome.INSUFFICIENT_DATA, unknown,
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
        PostCovidDecision ok = new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE, adultAll(CriterionStatus.MET),
                List.of(), unknown, NOTES);
        assertThat(problems(noRegion, ok)).isEmpty();
        // the region is in the input: UNKNOWN is wrong
        assertThat(problemsWith(unknown)).anyMatch(p -> p.contains("UNKNOWN iff the input has neither"));
        // no region and no currentCentre, yet a centre is offered
        assertThat(problems(noRegion, new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), OWN_CENTRE, NOTES)))
                .anyMatch(p -> p.contains("UNKNOWN iff the input has neither"));
        // currentCentre alone locates the patient (PC-R6)
        JsonNode current = json("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" },
                  "postCovid": { "currentCentre": "LUMC" } }""");
        assertThat(problems(current, new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), offer(CentreStatus.OFFERED, List.of(Centre.LUMC), "PC-R6",
                null, List.of(), List.of()), NOTES))).isEmpty();
        assertThat(problems(current, new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), unknown, NOTES)))
                .anyMatch(p -> p.contains("UNKNOWN iff the input has neither"));
        // UNKNOWN without the missing fact, or a known centre with one
        assertThat(problems(noRegion, new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE,
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
        assertThat(problems(noRegion, new PostCovidDecision(AgeGroup.ADULT, Outcome.NOT_ELIGIBLE, criteria,
                List.of("patient.umcRegion"), null, List.of())))
                .anyMatch(p -> p.contains("must not contain patient.umcRegion"));
        List<Note> withR7 = List.of(NOTES.get(0), NOTES.get(1), new Note("PC-R7", TEXT));
        assertThat(problems(new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE, adultAll(CriterionStatus.MET),
                List.of(), OWN_CENTRE, withR7))).anyMatch(p -> p.contains("PC-R7 belongs in centre.notes"));
        assertThat(problemsWith(offer(CentreStatus.NONE_YET, List.of(), "PC-R5", DATE.plusDays(1), List.of(),
                List.of(new Note("PC-R7", TEXT))))).anyMatch(p -> p.contains("only an offered place carries notes"));
    }

    @Test
    void centreExpectationsReportEachDifference() {
        CentreOffer actual = new CentreOffer(CentreStatus.OFFERED, List.of(Centre.AMSTERDAM_UMC), "PC-R4",
                new LocalizedText("tot 1 juli 2025", "until 2025-07-01"), null, List.of(),
                List.of(new Note("PC-R7", TEXT)));
        Decision decision = new Decision(KB, DATE, new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), actual, NOTES));
        List<String> problems = new ArrayList<>();
        DecisionChecks.expectations(expect(new Expectation.CentreExpectation(false, CentreStatus.OFFERED,
                List.of(Centre.AMSTERDAM_UMC), "PC-R4", null, List.of(), List.of("PC-R7"), List.of("until"))),
                decision, problems);
        assertThat(problems).containsExactly("centre: expected both messages to contain \"until\""
                + "\n      centre message en: until 2025-07-01\n      centre message nl: tot 1 juli 2025");
        problems.clear();
        DecisionChecks.expectations(expect(new Expectation.CentreExpectation(false, CentreStatus.NONE_YET,
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
        DecisionChecks.expectations(expect(Expectation.CentreExpectation.none()), decision, problems);
        assertThat(problems).anyMatch(p -> p.startsWith("centre: expected none but was OFFERED"));
        problems.clear();
        DecisionChecks.expectations(expect(new Expectation.CentreExpectation(false, CentreStatus.OFFERED, null, null,
                null, null, null, List.of())), new Decision(KB, DATE, new PostCovidDecision(AgeGroup.ADULT,
                Outcome.ELIGIBLE, adultAll(CriterionStatus.MET), List.of(), null, NOTES)), problems);
        assertThat(problems).containsExactly("centre: expected status OFFERED but there is no centre part");
    }

    @Test
    void sameAsComparesTheCentreToo() {
        Decision own = new Decision(KB, DATE, new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), OWN_CENTRE, NOTES));
        Decision interim = new Decision(KB, DATE, new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE,
                adultAll(CriterionStatus.MET), List.of(), offer(CentreStatus.OFFERED, List.of(Centre.AMSTERDAM_UMC),
                "PC-R4", null, List.of(), List.of(new Note("PC-R7", TEXT))), NOTES));
        List<String> problems = new ArrayList<>();
        DecisionChecks.same(own, own, "other", problems);
        assertThat(problems).isEmpty();
        DecisionChecks.same(own, interim, "other", problems);
        assertThat(problems).anyMatch(p -> p.contains("expected the same decision as scenario other"));
    }

    private static Expectation expect(Expectation.CentreExpectation centre) {
        return new Expectation(false, Outcome.ELIGIBLE, null, Map.of(), null, null, null, centre);
    }
}
