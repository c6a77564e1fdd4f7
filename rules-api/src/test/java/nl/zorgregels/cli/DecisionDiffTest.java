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
        assertThat(DecisionDiff.compare(a, decide(ADULT.formatted("UMCG", "\"bellScore\":10,")))).isEmpty();
        // Bell 20 instead of 10: another message for PC-A3, the same decision
        Decision b = decide(ADULT.formatted("UMCG", "\"bellScore\":20,"));
        assertThat(b.postCovid().criterion("PC-A3").orElseThrow().message()).isNotEqualTo(a.postCovid().criterion("PC-A3").orElseThrow().message());
        assertThat(DecisionDiff.compare(a, b)).isEmpty();
    }

    @Test
    void anOutcomeChangeListsOutcomeCriterionAndCentreInThatOrder() {
        Decision eligible = decide(ADULT.formatted("UMCG", "\"bellScore\":0,"));
        Decision notEligible = decide(ADULT.formatted("UMCG", "\"bellScore\":100,"));
        List<Change> changes = DecisionDiff.compare(eligible, notEligible);
        assertThat(changes).extracting(Change::kind, Change::before, Change::after).containsExactly(
                tuple("postCovid.outcome", "ELIGIBLE", "NOT_ELIGIBLE"),
                tuple("postCovid.criterion.PC-A3", "MET", "NOT_MET"),
                tuple("postCovid.centre", "OFFERED UMCG (PC-R3)", null));
        assertThat(DecisionDiff.compare(notEligible, eligible)).extracting(Change::kind, Change::before, Change::after)
                .contains(tuple("postCovid.centre", null, "OFFERED UMCG (PC-R3)"));
    }

    @Test
    void anUnknownFactGivesInsufficientDataAndAnotherCentreAnotherCentreChange() {
        Decision known = decide(ADULT.formatted("UMCG", "\"bellScore\":0,"));
        Decision unknown = decide(ADULT.formatted("UMCG", ""));
        assertThat(DecisionDiff.compare(known, unknown)).extracting(Change::kind, Change::before, Change::after)
                .containsExactly(tuple("postCovid.outcome", "ELIGIBLE", "INSUFFICIENT_DATA"),
                        tuple("postCovid.criterion.PC-A3", "MET", "UNKNOWN"));
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
    void aChangeMustChangeSomething() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Change("alk", "severity", null, "MILD", "MILD"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Change("postCovid", "criterion", "PC-A3", "MET", null).kind()).isEqualTo("postCovid.criterion.PC-A3");
    }
}
