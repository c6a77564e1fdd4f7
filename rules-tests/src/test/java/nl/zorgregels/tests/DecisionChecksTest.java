package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.zorgregels.model.AgeGroup;
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

    private final JsonNode input;

    DecisionChecksTest() throws Exception {
        input = new ObjectMapper().readTree("""
                { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1980-04-02" },
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
                List.of(), null, NOTES))).isEmpty();
    }

    @Test
    void anOutcomeThatContradictsTheCriteriaIsCaught() {
        List<CriterionResult> criteria = adultAll(CriterionStatus.MET);
        criteria.set(2, c("PC-A3", CriterionStatus.NOT_MET));
        assertThat(problems(new PostCovidDecision(AgeGroup.ADULT, Outcome.ELIGIBLE, criteria, List.of(), null, NOTES)))
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
                List.of("postCovid.complaintsAttributedToCovid"), null, NOTES));
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
                List.of(), null, NOTES));
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
                Outcome.ELIGIBLE, adultAll(CriterionStatus.MET), List.of(), null, NOTES)), problems);
        assertThat(problems).anyMatch(p -> p.contains("no postCovid section"));
    }
}
