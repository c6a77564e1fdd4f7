package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.Note;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parameters table ({@code parameters.csv}) is the one place of a threshold: a one-row edit changes
 * what the rules decide and every text that shows the value; a dated row applies from its date only; a
 * value off its domain is a warning of check-kb; a row a rule needs, a duplicate, a value that does not
 * parse and a text naming no parameter are refused with the file and line.
 */
class ParametersTableTest {
    private static final String PARAMETERS = "nl/zorgregels/kb/parameters.csv";
    private static final String ADULT_DRL = "nl/zorgregels/kb/postcovid-adult.drl";
    private static final String MESSAGES_EN = "nl/zorgregels/kb/messages_en.properties";
    private static final String THRESHOLD_ROW = "adultMaximumBellScore,60,bell,,PC-A3,0..100 step 10";

    /** An adult who meets every criterion but, perhaps, PC-A3. */
    private static String adult(String date, int bell) {
        return """
                {"assessmentDate":"%s",
                 "patient":{"birthDate":"1980-04-02","umcRegion":"UMCG","dutchGeneralPractitioner":true,"dutchHealthInsurance":true},
                 "postCovid":{"complaintsAttributedToCovid":true,"otherCausesInvestigated":true,"complaintOnsetDate":"2024-01-10",
                              "bellScore":%d,"complaintsFromPreExistingDisease":false,"treatmentPathway":"COMPLETED"}}
                """.formatted(date, bell);
    }

    /** A child three months before the 18th birthday, functioning reduced in the GP's judgement, Bell 60. */
    private static final String CHILD_NEAR_18 = """
            {"assessmentDate":"2026-03-01",
             "patient":{"birthDate":"2008-06-01","umcRegion":"UMCG","dutchGeneralPractitioner":true,"dutchHealthInsurance":true},
             "postCovid":{"complaintsAttributedToCovid":true,"otherCausesInvestigated":true,"complaintOnsetDate":"2024-01-10",
                          "bellScore":60,"reducedFunctioning":true,"complaintsFromPreExistingDisease":false,
                          "treatmentPathway":"COMPLETED"}}
            """;

    private static Path kb(Path tmp, String rowReplacement) throws IOException {
        Path dir = ImpactTest.copyKb(tmp.resolve("kb"));
        edit(dir.resolve(PARAMETERS), THRESHOLD_ROW, rowReplacement);
        return dir;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as("the text to edit in %s", file).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private static CriterionResult criterion(Decision d, String id) {
        return d.postCovid().criteria().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theBellThresholdIsOneRowThatTheRuleAndEveryTextFollow(@TempDir Path tmp) throws IOException {
        ZorgregelsEngine bell50 = ZorgregelsEngine.fromDirectory(kb(tmp, "adultMaximumBellScore,50,bell,,PC-A3,0..100 step 10"));

        CriterionResult met = criterion(bell50.evaluate(DecisionJson.readAssessment(adult("2026-03-01", 50))), "PC-A3");
        assertThat(met.status()).isEqualTo(CriterionStatus.MET);
        assertThat(met.message().en()).isEqualTo("Bell CFIDS score 50 is 50 or lower: functioning is reduced by at least 25%.");
        assertThat(met.message().nl()).contains("is 50 of lager");

        Decision sixty = bell50.evaluate(DecisionJson.readAssessment(adult("2026-03-01", 60)));
        CriterionResult notMet = criterion(sixty, "PC-A3");
        assertThat(notMet.status()).isEqualTo(CriterionStatus.NOT_MET);
        assertThat(notMet.message().en()).contains("is above 50").contains("(a score of 50 or lower)");
        assertThat(notMet.toMeet().message().en()).isEqualTo("Met with a Bell CFIDS score of 50 or lower (now 60).");

        // the label of PC-A3 (value.PC-A3), a text with no finding of its own, and the PC-N3 note
        assertThat(bell50.text("value.PC-A3").orElseThrow().en()).isEqualTo("PC-A3 (Bell CFIDS score 50 or lower)");
        assertThat(bell50.text("value.PC-A3").orElseThrow().nl()).isEqualTo("PC-A3 (Bell CFIDS-score 50 of lager)");
        Decision child = bell50.evaluate(DecisionJson.readAssessment(CHILD_NEAR_18));
        Note n3 = child.postCovid().notes().stream().filter(n -> n.id().equals("PC-N3")).findFirst().orElseThrow();
        assertThat(n3.message().en()).contains("a Bell CFIDS score of 50 or lower")
                .contains("PC-A3 (Bell CFIDS score 50 or lower)");
        for (Decision d : List.of(sixty, child)) {
            // the sources quote the guideline's passage, which says 60: only the decision's own texts are asked
            assertThat(DecisionJson.write(d).replaceAll("\"source\": \"[^\"]*\"", ""))
                    .as("no text of the decision says the old threshold")
                    .doesNotContain("60 or lower").doesNotContain("60 of lager");
        }
        // the packaged knowledge base, for contrast: the same texts say 60
        ZorgregelsEngine packaged = ZorgregelsEngine.packaged();
        assertThat(packaged.text("value.PC-A3").orElseThrow().en()).isEqualTo("PC-A3 (Bell CFIDS score 60 or lower)");
        assertThat(criterion(packaged.evaluate(DecisionJson.readAssessment(adult("2026-03-01", 60))), "PC-A3").status())
                .isEqualTo(CriterionStatus.MET);
    }

    @Test
    void aDatedRowAppliesFromItsDateOnly(@TempDir Path tmp) throws IOException {
        ZorgregelsEngine dated = ZorgregelsEngine.fromDirectory(kb(tmp,
                THRESHOLD_ROW + "\nadultMaximumBellScore,50,bell,2027-01-01,PC-A3,0..100 step 10"));
        CriterionResult before = criterion(dated.evaluate(DecisionJson.readAssessment(adult("2026-12-31", 60))), "PC-A3");
        assertThat(before.status()).isEqualTo(CriterionStatus.MET);
        assertThat(before.message().en()).contains("60 or lower");
        Decision on = dated.evaluate(DecisionJson.readAssessment(adult("2027-01-01", 60)));
        CriterionResult from = criterion(on, "PC-A3");
        assertThat(from.status()).isEqualTo(CriterionStatus.NOT_MET);
        assertThat(from.message().en()).contains("is above 50");
        assertThat(from.toMeet().message().en()).contains("50 or lower");
        assertThat(DecisionJson.write(on).replaceAll("\"source\": \"[^\"]*\"", "")).doesNotContain("60 or lower");
    }

    @Test
    void aValueOffItsDomainIsAWarningOfCheckKbWithFileAndLine(@TempDir Path tmp) throws IOException {
        Path dir = kb(tmp, "adultMaximumBellScore,65,bell,,PC-A3,0..100 step 10");
        int line = lineOf(dir.resolve(PARAMETERS), "adultMaximumBellScore,65,");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check-kb", dir.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("ok: ");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("warning: " + dir.resolve(PARAMETERS) + ":" + line
                + ": adultMaximumBellScore 65 is off its domain 0..100 step 10");
        // the packaged table is on its domains: no warning
        Path plain = ImpactTest.copyKb(tmp.resolve("plain"));
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"check-kb", plain.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(none, true, StandardCharsets.UTF_8))).isZero();
        assertThat(none.toString(StandardCharsets.UTF_8)).doesNotContain("warning:");
    }

    @Test
    void aDuplicateRowIsRefusedWithFileAndLine(@TempDir Path tmp) throws IOException {
        Path dir = kb(tmp, THRESHOLD_ROW + "\nadultMaximumBellScore,50,bell,,PC-A3,0..100 step 10");
        Path file = dir.resolve(PARAMETERS);
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(dir)).isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining(file + ":" + lineOf(file, "adultMaximumBellScore,50,")
                        + ": adultMaximumBellScore is listed twice with validFrom empty (also at " + file + ":"
                        + lineOf(file, THRESHOLD_ROW) + ")");
    }

    @Test
    void aValueThatDoesNotParseForItsUnitIsRefusedWithFileAndLine(@TempDir Path tmp) throws IOException {
        Path dir = kb(tmp, "adultMaximumBellScore,sixty,bell,,PC-A3,0..100 step 10");
        Path file = dir.resolve(PARAMETERS);
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(dir)).isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining(file + ":" + lineOf(file, "adultMaximumBellScore,sixty,")
                        + ": value \"sixty\" is not a Bell CFIDS score, a whole number");
        Path date = ImpactTest.copyKb(tmp.resolve("date"));
        edit(date.resolve(PARAMETERS), "nationwideAccessFrom,2025-05-01,", "nationwideAccessFrom,1 May 2025,");
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(date)).isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining(date.resolve(PARAMETERS) + ":" + lineOf(date.resolve(PARAMETERS), "nationwideAccessFrom,")
                        + ": value \"1 May 2025\" is not a date yyyy-mm-dd");
    }

    @Test
    void aParameterARuleReadsThatTheTableLacksIsRefusedWithFileAndLine(@TempDir Path tmp) throws IOException {
        Path dir = ImpactTest.copyKb(tmp.resolve("kb"));
        Path adult = dir.resolve(ADULT_DRL);
        int line = lineOf(adult, "Parameter(name == \"adultMaximumBellScore\"");
        edit(adult, "Parameter(name == \"adultMaximumBellScore\"", "Parameter(name == \"adultMaximumBellScor\"");
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(dir)).isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining(adult + ":" + line + ": rule \"PC-A3 adult Bell score at or below the threshold\""
                        + " reads the parameter adultMaximumBellScor, which parameters.csv does not list; add a row for it there");
    }

    @Test
    void aTextNamingNoParameterIsRefusedWithFileAndLine(@TempDir Path tmp) throws IOException {
        Path dir = ImpactTest.copyKb(tmp.resolve("kb"));
        Path en = dir.resolve(MESSAGES_EN);
        edit(en, "{param:adultMaximumBellScore}", "{param:adultMaximumBellScor}");
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(dir)).isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining(en + ":" + lineOf(en, "{param:adultMaximumBellScor}") + ": message value.PC-A3 uses"
                        + " {param:adultMaximumBellScor}, but parameters.csv has no parameter adultMaximumBellScor");
    }
}
