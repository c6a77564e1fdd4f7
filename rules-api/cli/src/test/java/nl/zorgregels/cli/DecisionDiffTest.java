package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.cli.DecisionDiff.Change;
import nl.zorgregels.model.Decision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What counts as a change between two decisions, shown on real decisions of the packaged rules.
 * The Bell scores used (0, 10, 20 eligible; 100 not) hold for any adult threshold from 20 to 90.
 */
class DecisionDiffTest {
    private static ZorgregelsEngine engine;

    private static final String ADULT = """
            {"assessmentDate":"2026-11-23",
             "patient":{"birthDate":"1980-04-02","umcRegion":"%s","dutchGeneralPractitioner":true,"dutchHealthInsurance":true},
             "postCovid":{"complaintsAttributedToCovid":true,"otherCausesInvestigated":true,
                          "complaintOnsetDate":"2025-01-10",%s"complaintsFromPreExistingDisease":false,"treatmentPathway":"COMPLETED"}}
            """;

    private static final String ALK = """
            {"assessmentDate":"2026-11-23","patient":{"birthDate":"1985-03-14"},
             "alk":{"complaintOnsetDate":"2026-05-01","limitsFunctioningOrCausesSuffering":true,
                    "complaintPattern":"%s","functionalLimitation":"LIGHT"}}
            """;

    @BeforeAll
    static void engine() {
        engine = ZorgregelsEngine.packaged();
    }

    private static Decision decide(String json) {
        return engine.evaluate(DecisionJson.readAssessment(json));
    }

    @Test
    void theSameDecisionHasNoChangesEvenWhenMessagesDiffer() {
        Decision a = decide(ADULT.formatted("UMCG", "\"bellScore\":10,"));
        Decision again = decide(ADULT.formatted("UMCG", "\"bellScore\":10,"));
        assertThat(DecisionDiff.compare(a, again)).isEmpty();
        assertThat(DecisionTexts.same(a, again)).isTrue();
        assertThat(DecisionTexts.changed(a, again)).isEmpty();
        // Bell 20 instead of 10: another message for PC-A3 (and another fact), the same decision
        Decision b = decide(ADULT.formatted("UMCG", "\"bellScore\":20,"));
        assertThat(b.postCovid().criterion("PC-A3").orElseThrow().message()).isNotEqualTo(a.postCovid().criterion("PC-A3").orElseThrow().message());
        assertThat(DecisionDiff.compare(a, b)).isEmpty();
        assertThat(CompactDecision.sameProjection(a, b)).isTrue();
        assertThat(DecisionDiff.sameBeyondProjection(a, b)).isTrue();
        // ... which the texts show, place by place
        assertThat(DecisionTexts.same(a, b)).isFalse();
        assertThat(DecisionTexts.changed(a, b)).containsExactly("postCovid.criterion.PC-A3.message",
                "postCovid.criterion.PC-A3.facts");
    }

    @Test
    void anOutcomeChangeListsOutcomeCriterionAndCentreInThatOrder() {
        Decision eligible = decide(ADULT.formatted("UMCG", "\"bellScore\":0,"));
        Decision notEligible = decide(ADULT.formatted("UMCG", "\"bellScore\":100,"));
        List<Change> changes = DecisionDiff.compare(eligible, notEligible);
        assertThat(changes.subList(0, 3)).extracting(Change::kind, Change::before, Change::after).containsExactly(
                tuple("postCovid.outcome", "ELIGIBLE", "NOT_ELIGIBLE"),
                tuple("postCovid.criterion.PC-A3", "MET", "NOT_MET"),
                tuple("postCovid.centre", "OFFERED UMCG (PC-R3)", null));
        // then the notes, one change per note id: those of an eligible decision go, the second opinion comes
        List<Change> notes = changes.subList(3, changes.size());
        assertThat(notes).allSatisfy(c -> assertThat(c.kind()).startsWith("postCovid.note."));
        assertThat(notes).filteredOn(c -> c.after() == null).extracting(Change::id)
                .containsExactlyElementsOf(eligible.postCovid().notes().stream().map(n -> n.id()).toList());
        assertThat(notes).filteredOn(c -> c.before() == null).extracting(Change::id, Change::after)
                .containsExactlyElementsOf(notEligible.postCovid().notes().stream()
                        .map(n -> tuple(n.id(), DecisionDiff.SHOWN)).toList());
        assertThat(DecisionDiff.compare(notEligible, eligible)).extracting(Change::kind, Change::before, Change::after)
                .contains(tuple("postCovid.centre", null, "OFFERED UMCG (PC-R3)"));
    }

    @Test
    void anUnknownFactGivesInsufficientDataAndAnotherCentreAnotherCentreChange() {
        Decision known = decide(ADULT.formatted("UMCG", "\"bellScore\":0,"));
        Decision unknown = decide(ADULT.formatted("UMCG", ""));
        assertThat(DecisionDiff.compare(known, unknown)).extracting(Change::kind, Change::before, Change::after)
                .containsExactly(tuple("postCovid.outcome", "ELIGIBLE", "INSUFFICIENT_DATA"),
                        tuple("postCovid.criterion.PC-A3", "MET", "UNKNOWN missing postCovid.bellScore"),
                        tuple("postCovid.missingFact.postCovid.bellScore", null, DecisionDiff.MISSING));
        Decision lumc = decide(ADULT.formatted("LUMC", "\"bellScore\":0,"));
        assertThat(DecisionDiff.compare(known, lumc)).extracting(Change::kind, Change::before, Change::after)
                .containsExactly(tuple("postCovid.centre", "OFFERED UMCG (PC-R3)", "OFFERED LUMC (PC-R3)"));
    }

    @Test
    void aCentreNotYetOpenShowsItsDate() {
        Decision early = decide(ADULT.formatted("UMCG", "\"bellScore\":0,").replace("2026-11-23", "2025-03-01")
                .replace("2025-01-10", "2024-01-10"));
        assertThat(DecisionDiff.centre(early.postCovid().centre())).isEqualTo("NONE_YET from 2025-05-01 (PC-R5)");
    }

    @Test
    void aSeverityChangeListsTheOptionsAddedAndThoseNoLongerPrimary() {
        Decision mild = decide(ALK.formatted("ONE_OR_FEW"));
        Decision moderate = decide(ALK.formatted("MULTIPLE"));
        List<Change> changes = DecisionDiff.compare(mild, moderate);
        assertThat(changes.get(0)).extracting(Change::kind, Change::before, Change::after)
                .containsExactly("alk.severity", "MILD", "MODERATE");
        assertThat(changes.subList(1, changes.size())).allSatisfy(c -> assertThat(c.what()).isEqualTo("option"));
        // the ten MILD options become lighter options, the four MODERATE ones are added
        assertThat(changes).filteredOn(c -> DecisionDiff.PRIMARY.equals(c.before()))
                .hasSize(10).allSatisfy(c -> assertThat(c.after()).isEqualTo(DecisionDiff.LIGHTER));
        assertThat(changes).filteredOn(c -> c.before() == null).extracting(Change::id)
                .containsExactly("BASIS_GGZ", "SPECIALISTISCHE_GGZ", "MEDISCHE_PSYCHOLOGIE", "PIJNPOLI");
        assertThat(changes).extracting(Change::id).doesNotContain("MEDISCH_SPECIALIST");
        assertThat(DecisionDiff.compare(moderate, mild)).filteredOn(c -> c.after() == null).hasSize(4);
    }

    @Test
    void theSafetyItemsWarningsCentreNotesAndOptionNotesAreComparedById() {
        // a patient already treated at a centre: a safety item (and PC-R6 continuity)
        Decision free = decide(ADULT.formatted("UMCG", "\"bellScore\":0,"));
        Decision treated = decide(ADULT.formatted("UMCG", "\"bellScore\":0,\"currentCentre\":\"LUMC\","));
        assertThat(treated.safety()).isNotEmpty();
        List<Change> changes = DecisionDiff.compare(free, treated);
        assertThat(changes.get(0).part()).isEqualTo(DecisionDiff.SAFETY);
        assertThat(changes).filteredOn(c -> c.part().equals(DecisionDiff.SAFETY)).extracting(Change::kind, Change::before, Change::after)
                .containsExactlyElementsOf(treated.safety().stream().map(n -> tuple("safety." + n.id(), null, DecisionDiff.SHOWN)).toList());
        assertThat(CompactDecision.sameProjection(free, treated)).isFalse();

        // an interim centre carries a note: part of the centre's value
        Decision interim = decide(ADULT.formatted("UMCG", "\"bellScore\":0,").replace("2026-11-23", "2025-06-15")
                .replace("2025-01-10", "2024-01-10"));
        assertThat(interim.postCovid().centre().notes()).isNotEmpty();
        assertThat(DecisionDiff.centre(interim.postCovid().centre())).endsWith(" notes "
                + interim.postCovid().centre().notes().get(0).id());

        // ALK: ME/CVS or PEM gives a warning and notes on the options that ask for exertion
        Decision plain = decide(ALK.formatted("ONE_OR_FEW"));
        Decision meCvs = decide(ALK.formatted("ONE_OR_FEW").replace("\"functionalLimitation\"", "\"meCvsOrPem\":true,\"functionalLimitation\""));
        List<Change> alk = DecisionDiff.compare(plain, meCvs);
        assertThat(alk).extracting(Change::kind).contains("alk.warning." + meCvs.alk().warnings().get(0).id());
        assertThat(alk).filteredOn(c -> c.what().equals("option")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.after()).startsWith(c.before() + " notes "));
        assertThat(CompactDecision.sameProjection(plain, meCvs)).isFalse();
        // the texts of what both have are the same
        assertThat(DecisionTexts.changed(plain, meCvs)).isEmpty();
    }

    @Test
    void whatTheProjectionLeavesOutIsComparedBeyondIt() {
        Decision a = decide(ADULT.formatted("UMCG", ""));
        nl.zorgregels.model.PostCovidDecision pc = a.postCovid();
        List<nl.zorgregels.model.CriterionResult> criteria = new java.util.ArrayList<>(pc.criteria());
        nl.zorgregels.model.CriterionResult c = pc.criterion("PC-A3").orElseThrow();
        criteria.set(criteria.indexOf(c), new nl.zorgregels.model.CriterionResult(c.id(), c.status(), c.message(), c.source(),
                c.facts(), List.of("postCovid.somethingElse"), c.toMeet()));
        Decision b = new Decision(a.knowledgeBase(), a.assessmentDate(), a.safety(), new nl.zorgregels.model.PostCovidDecision(
                pc.ageGroup(), pc.outcome(), criteria, pc.missingFacts(), pc.questions(), pc.reassessFrom(), pc.centre(),
                pc.warnings(), pc.notes()), a.alk());
        assertThat(CompactDecision.sameProjection(a, b)).isTrue();
        assertThat(DecisionDiff.sameBeyondProjection(a, b)).isFalse();
        assertThat(DecisionDiff.compare(a, b)).extracting(Change::kind, Change::before, Change::after).containsExactly(
                tuple("postCovid.criterion.PC-A3", "UNKNOWN missing postCovid.bellScore", "UNKNOWN missing postCovid.somethingElse"));
    }

    @Test
    void aChangeMustChangeSomething() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Change("alk", "severity", null, "MILD", "MILD"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Change("postCovid", "criterion", "PC-A3", "MET", null).kind()).isEqualTo("postCovid.criterion.PC-A3");
        assertThat(new Change(DecisionDiff.SAFETY, "item", "SAFE-X", null, "shown").kind()).isEqualTo("safety.SAFE-X");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Change("postCovid", "colour", null, "a", "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
