package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ZorgregelsEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch} with a knowledge base that refuses a decision at run time (CONTRACT.md: exit 2, unusable
 * knowledge base, naming the criterion): not an internal-error record and exit 1, but exit 2 with
 * the refusal on stderr, the run stopped at that line, the lines before it written.
 *
 * <p>The knowledge base is a copy whose PC-A3 rule also asks that the complaints did not start
 * on the 13th of a month. Its proof does not build such a date, so it passes the proof (asserted
 * below), but a case with an onset on the 13th leaves PC-A3 without a result.
 */
class BatchKnowledgeBaseRefusalTest {
    private static final String ADULT = "nl/zorgregels/kb/postcovid-adult.drl";

    @TempDir
    Path tmp;

    private static String caseLine(String onset) {
        return "{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\","
                + "\"dutchGeneralPractitioner\":true,\"dutchHealthInsurance\":true,\"umcRegion\":\"UMCG\"},"
                + "\"postCovid\":{\"complaintsAttributedToCovid\":true,\"otherCausesInvestigated\":true,"
                + "\"complaintOnsetDate\":\"" + onset + "\",\"bellScore\":40,"
                + "\"complaintsFromPreExistingDisease\":false,\"treatmentPathway\":\"COMPLETED\"}}";
    }

    @Test
    void aDecisionTheKnowledgeBaseRefusesStopsTheBatchWithExitTwoNamingTheCriterion() throws IOException {
        Path kb = KbSources.copy(tmp.resolve("kb"));
        Path adult = kb.resolve(ADULT);
        String rules = Files.readString(adult);
        String met = "PostCovidFacts($score : bellScore)";
        assertThat(rules).contains(met);
        Files.writeString(adult, rules.replace(met, "PostCovidFacts($score : bellScore,"
                + " complaintOnsetDate == null || complaintOnsetDate.getDayOfMonth() != 13)"));
        ZorgregelsEngine engine = ZorgregelsEngine.fromDirectory(kb); // passes its proof: the gap is outside it
        String good = caseLine("2025-01-10");
        String refused = caseLine("2025-01-13");
        assertThatThrownBy(() -> engine.evaluate(DecisionJson.readAssessment(refused)))
                .isInstanceOf(KnowledgeBaseException.class).hasMessageContaining("criterion PC-A3 has no result");

        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, String.join("\n", good, good, refused, good) + "\n");
        for (String threads : List.of("1", "3")) {
            Path out = tmp.resolve("out-" + threads + ".ndjson");
            CliRunner.Result r = CliRunner.run(new byte[0], "batch", in.toString(), out.toString(), "--threads", threads,
                    "--kb", kb.toString());
            assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
            assertThat(r.err()).contains("zorgregels: knowledge base unusable: line 3: criterion PC-A3 has no result")
                    .contains(ADULT).doesNotContain("internal error").doesNotContain("\tat ");
            String decision = DecisionJson.writeLine(engine.evaluate(DecisionJson.readAssessment(good)));
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).as("the lines before the refused one, nothing after")
                    .isEqualTo(decision + "\n" + decision + "\n");
        }
    }
}
