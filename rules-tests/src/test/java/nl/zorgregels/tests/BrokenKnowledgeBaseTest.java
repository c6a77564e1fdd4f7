package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.KnowledgeBaseInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A broken knowledge base never gives an engine, not even a partly working one: a syntax error,
 * an unknown fact type, an error in a rule's consequence, a rule without {@code @id}, a table
 * value that is not one of the model's constants, a criterion left without a result for some input
 * (found by the proof's covering set), a duplicated rule name, and a broken message bundle (a message in one
 * language only, different placeholders in the two languages, a malformed escape, bytes that are
 * not UTF-8). Each is refused with a {@link KnowledgeBaseException} naming the file and line:
 * <ul>
 *   <li>by {@link ReloadableEngine#reload}: the engine serving before keeps serving, with the
 *       same knowledge base and byte-identical decisions on a few hundred cases;</li>
 *   <li>by the command line, {@code check-kb DIR} and {@code evaluate - --kb DIR}: exit code 2,
 *       nothing on standard output, the file and line on standard error.</li>
 * </ul>
 * (That {@code ZorgregelsEngine.fromDirectory} refuses them directly is what {@code reload} calls
 * here; {@link DirectoryKnowledgeBaseTest} covers the direct call for some of them.)
 */
class BrokenKnowledgeBaseTest {
    private static final String KB = "nl/zorgregels/kb/";
    private static final String VALID_CASE = """
            {"assessmentDate":"2026-11-23","patient":{"birthDate":"1980-04-02","umcRegion":"UMCG",
             "dutchGeneralPractitioner":true,"dutchHealthInsurance":true},
             "postCovid":{"complaintsAttributedToCovid":true,"otherCausesInvestigated":true,
             "complaintOnsetDate":"2025-01-10","bellScore":50,"complaintsFromPreExistingDisease":false,
             "treatmentPathway":"COMPLETED"}}""";

    private static List<Assessment> cases;
    private static List<String> before;
    private static int refusals;

    @BeforeAll
    static void decideBefore() {
        cases = CaseArbitraries.sample(99, 300);
        before = decide(Engines.shared());
    }

    @AfterAll
    static void report() {
        Figures.report("broken knowledge bases: {} kinds of breakage refused by reload (old engine kept, {} cases "
                + "decided the same), check-kb and evaluate --kb", refusals, cases.size());
    }

    /**
     * A kind of breakage.
     *
     * @param name   what is broken
     * @param file   the file edited, below the knowledge base's root
     * @param edit   the edit: old text, new text (first occurrence), or a whole-file change
     * @param where  what the error must say: the file and line (and more), given the edited text
     */
    record Breakage(String name, String file, Edit edit, Where where) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Edit {
        byte[] apply(byte[] original) throws IOException;
    }

    @FunctionalInterface
    interface Where {
        /** @return fragments the error must contain, given the knowledge base directory and the edited file */
        List<String> in(Path dir, String edited);
    }

    static Stream<Arguments> breakages() {
        String common = KB + "postcovid-common.drl";
        String adult = KB + "postcovid-adult.drl";
        String nl = KB + "messages_nl.properties";
        String en = KB + "messages_en.properties";
        String g2Met = "rule \"PC-G2 other causes of the complaints investigated\"";
        return Stream.of(
                new Breakage("a syntax error (a missing parenthesis)", adult,
                        replace("PostCovidFacts($score : bellScore)", "PostCovidFacts($score : bellScore"),
                        // the parser notices on the next line ("then")
                        (dir, text) -> List.of(file(dir, adult) + ":" + (lineOf(text, "PostCovidFacts($score : bellScore\n") + 1) + ":")),
                new Breakage("an unknown fact type", adult, replace("PostCovidFacts(", "PostCovidFact("),
                        (dir, text) -> List.of(file(dir, adult) + ":" + lineOf(text, "PostCovidFact(") + ":",
                                "Unable to find class: PostCovidFact")),
                new Breakage("an error in a consequence", adult,
                        replace("\"complaintsAttributedToCovid\", $cause));", "\"complaintsAttributedToCovid\", $cause)) x;"),
                        (dir, text) -> List.of(file(dir, adult) + ":" + lineOf(text, ")) x;") + ":")),
                new Breakage("a rule without @id", common, removeLineAfter(g2Met, "    @id("),
                        (dir, text) -> List.of(g2Met.substring(5) + " has no @id")),
                new Breakage("a table value that is not one of the model's constants", KB + "alk-options.csv",
                        replace("PIJNPOLI,MODERATE,", "PIJNPOLI,MODERAT,"),
                        (dir, text) -> List.of(file(dir, KB + "alk-options.csv") + ":" + lineOf(text, "PIJNPOLI,")
                                + ": column \"MODERAT\" is not one of MILD, MODERATE, SEVERE, ALL")),
                new Breakage("a criterion left without a result for some input (a condition on the fact it decides)", adult,
                        replace("PostCovidFacts($score : bellScore)", "PostCovidFacts($score : bellScore != null)"),
                        (dir, text) -> List.of("criterion PC-A3 has no result", "nl/zorgregels/kb/postcovid-adult.drl",
                                "minimal case: {")),
                new Breakage("a rule name defined twice", adult, BrokenKnowledgeBaseTest::appendRuleG2,
                        (dir, text) -> List.of("Duplicate rule name: PC-G2 other causes of the complaints investigated",
                                file(dir, adult) + ":" + lineOf(text, g2Met), file(dir, common) + ":" + lineOf(read(dir, common), g2Met))),
                new Breakage("a message in one language only", en, removeLine("PC-A1.MET="),
                        (dir, text) -> List.of(file(dir, en) + ": has no message PC-A1.MET",
                                file(dir, nl) + ":" + lineOf(read(dir, nl), "PC-A1.MET="))),
                new Breakage("different placeholders in the two languages", nl, replace("{bellScore}", "{bellScor}"),
                        (dir, text) -> List.of(file(dir, nl) + ":" + lineOf(text, "{bellScor}") + " and " + file(dir, en) + ":",
                                "message PC-A3.MET fills in [bellScor, threshold] in Dutch but [bellScore, threshold] in English")),
                new Breakage("a brace that is not a placeholder", en, replace("{bellScore}", "{bellScore"),
                        (dir, text) -> List.of(file(dir, en) + ":" + lineOf(text, "{bellScore ") + ": message PC-A3.MET has a brace")),
                new Breakage("a malformed \\u escape in a bundle", nl, replace("PC-A1.MET=", "PC-A1.MET=\\u00g1"),
                        (dir, text) -> List.of(file(dir, nl) + ":" + lineOf(text, "\\u00g1") + ": cannot be read")),
                new Breakage("a bundle that is not UTF-8", nl, insertBytesAfter("PC-A1.MET=", new byte[] {(byte) 0xC0, (byte) 0xAF}),
                        (dir, text) -> List.of(file(dir, nl) + ":" + lineOf(text, "PC-A1.MET=") + ": not valid UTF-8")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void isRefusedWithFileAndLineAndTheOldEngineKeepsServing(Breakage b, @org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path dir = KbSources.copy(tmp.resolve("kb"));
        Path file = dir.resolve(b.file());
        byte[] original = Files.readAllBytes(file);
        byte[] edited = b.edit().apply(original);
        assertThat(edited).as("the edit changed %s", b.file()).isNotEqualTo(original);
        Files.write(file, edited);
        List<String> where = b.where().in(dir, new String(edited, StandardCharsets.UTF_8));

        // a ReloadableEngine refuses it and keeps serving the old engine, with the same answers
        ReloadableEngine engine = new ReloadableEngine(Engines.shared());
        KnowledgeBaseInfo serving = engine.knowledgeBase();
        KnowledgeBaseException e = catchThrowableOfType(KnowledgeBaseException.class,
                () -> engine.reload(() -> ZorgregelsEngine.fromDirectory(dir)));
        assertThat(e).as("the reload is refused").isNotNull();
        for (String fragment : where) {
            assertThat(e.getMessage()).contains(fragment);
        }
        assertThat(e.getMessage()).doesNotContain("\tat ").doesNotContain("Problem stacktrace");
        assertThat(engine.knowledgeBase()).isEqualTo(serving);
        List<String> after = new ArrayList<>();
        for (Assessment a : cases) {
            after.add(DecisionJson.write(engine.evaluate(a)));
        }
        assertThat(after).as("decisions of the engine still serving").isEqualTo(before);

        // the command line: check-kb and evaluate --kb exit 2 with the file and line
        for (CliRunner.Result r : List.of(CliRunner.run(new byte[0], "check-kb", dir.toString()),
                CliRunner.run(VALID_CASE.getBytes(StandardCharsets.UTF_8), "evaluate", "-", "--kb", dir.toString()))) {
            assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("zorgregels: knowledge base unusable: ");
            for (String fragment : where) {
                assertThat(r.err()).contains(fragment);
            }
        }
        refusals++;
    }

    // ---- edits ------------------------------------------------------------------------------------

    private static Edit replace(String old, String replacement) {
        return bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int at = text.indexOf(old);
            assertThat(at).as("\"%s\" in the file", old).isNotNegative();
            return (text.substring(0, at) + replacement + text.substring(at + old.length())).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static Edit removeLine(String start) {
        return bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int at = text.indexOf("\n" + start) + 1;
            assertThat(at).as("a line starting %s", start).isPositive();
            return (text.substring(0, at) + text.substring(text.indexOf('\n', at) + 1)).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Removes the first line starting with {@code start} after {@code anchor}. */
    private static Edit removeLineAfter(String anchor, String start) {
        return bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int at = text.indexOf("\n" + start, text.indexOf(anchor)) + 1;
            assertThat(at).as("a line starting %s after %s", start, anchor).isPositive();
            return (text.substring(0, at) + text.substring(text.indexOf('\n', at) + 1)).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static Edit insertBytesAfter(String anchor, byte[] inserted) {
        return bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int at = text.substring(0, text.indexOf(anchor) + anchor.length()).getBytes(StandardCharsets.UTF_8).length;
            byte[] out = new byte[bytes.length + inserted.length];
            System.arraycopy(bytes, 0, out, 0, at);
            System.arraycopy(inserted, 0, out, at, inserted.length);
            System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
            return out;
        };
    }

    /** A copy of the PC-G2 rule of postcovid-common.drl appended to another file of the same package. */
    private static byte[] appendRuleG2(byte[] bytes) throws IOException {
        String common = Files.readString(KbSources.DIR.resolve(KB + "postcovid-common.drl"));
        int start = common.indexOf("rule \"PC-G2 other causes of the complaints investigated\"");
        String rule = common.substring(start, common.indexOf("\nend\n", start) + 5);
        return (new String(bytes, StandardCharsets.UTF_8) + "\n" + rule).getBytes(StandardCharsets.UTF_8);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static List<String> decide(ZorgregelsEngine engine) {
        List<String> json = new ArrayList<>();
        for (Assessment a : cases) {
            json.add(DecisionJson.write(engine.evaluate(a)));
        }
        return json;
    }

    private static String file(Path dir, String file) {
        return dir.resolve(file).toString();
    }

    private static String read(Path dir, String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int lineOf(String text, String fragment) {
        int index = text.indexOf(fragment);
        assertThat(index).as("\"%s\" in the edited file", fragment).isNotNegative();
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
