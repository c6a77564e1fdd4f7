package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.cli.Main;
import nl.zorgregels.cli.Trace;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.service.internal.Cards;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java engine names no requirement (issue 22): a copy of the knowledge base in which the
 * requirements the engine gives a meaning to are renamed everywhere in the knowledge base (rules,
 * register, bundles, tables) decides, reports, writes letters and cards and traces exactly as the
 * original does, once the new ids are read back as the old ones. The renamed ids break every way
 * Java used to find them: an id compared by equality (the age-transition note, the continuity rule,
 * the age notice, the severity and options texts), a prefix (the warnings, a note's part) and the
 * adult/child arithmetic (a child criterion whose id is no longer its adult twin's with C for A).
 */
class RenamedRequirementsTest {
    /** Old id → new id; criteria keep the prefix of their part, which a case's later dates still read. */
    private static final Map<String, String> RENAMED = new LinkedHashMap<>();

    static {
        RENAMED.put("PC-N3", "PC-N3A");          // age-transition note (was named by equality)
        RENAMED.put("PC-W1", "PC-Q1");           // a warning without the W prefix
        RENAMED.put("ALK-W1", "ALK-Q1");
        RENAMED.put("PC-N8", "PCN-N8");          // a post-COVID note without the PC- prefix
        RENAMED.put("PC-C3", "PC-C3B");          // no longer PC-A3 with C for A
        RENAMED.put("PC-R6", "PC-CONT");         // continuity
        RENAMED.put("SAFE-AGE", "SAFE-BDAY");    // the age notice
        RENAMED.put("PC-G1", "PC-AGE");          // the age group
        RENAMED.put("PC-G3", "PC-NOTEST");       // the constraint the proof checks
        RENAMED.put("PC-OUTCOME", "PC-RESULT");
        RENAMED.put("ALK-D1", "ALK-APPLIES");
        RENAMED.put("ALK-S1", "ALK-SEV");        // the severity's texts
        RENAMED.put("ALK-T", "ALK-OPTIONS");     // the options table's requirement (kind options)
        RENAMED.put("PC-R4", "PC-INTERIM");      // the interim table's requirement (its own column)
        RENAMED.put("ALK-Y", "ALK-YOUTH");
        RENAMED.put("ALK-H1", "ALK-HSG");        // the option note the trace reads
    }

    private static final Path SCENARIOS = Path.of("src", "test", "resources", "scenarios");

    @TempDir
    static Path work;
    private static ZorgregelsEngine original;
    private static ZorgregelsEngine renamed;
    private static Path originalScenarios;
    private static Path renamedScenarios;

    @BeforeAll
    static void build() throws IOException {
        Path a = KbSources.copy(Files.createDirectories(work.resolve("original")));
        Path b = KbSources.copy(Files.createDirectories(work.resolve("renamed")));
        rename(b, ids());
        original = ZorgregelsEngine.fromDirectory(a);
        renamed = ZorgregelsEngine.fromDirectory(b);
        originalScenarios = KbSources.copy(SCENARIOS, work.resolve("scenarios-original"));
        renamedScenarios = KbSources.copy(SCENARIOS, work.resolve("scenarios-renamed"));
        rename(renamedScenarios, ids());
    }

    @Test
    void theRenamedIdsAreTheOnlyIdsOfTheirRequirements() {
        List<String> ids = renamed.requirements().stream().map(r -> r.id()).toList();
        assertThat(ids).containsAll(RENAMED.values()).doesNotContainAnyElementsOf(RENAMED.keySet());
    }

    @Test
    void decisionsTextReportsLettersAndCardsAreTheSameOnceTheIdsAreReadBack() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "examples", "cases-10k.ndjson")).subList(0, 600);
        int compared = 0;
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (String line : lines) {
            Assessment assessment = DecisionJson.readAssessment(line);
            Decision before = original.evaluate(assessment);
            Decision after = renamed.evaluate(assessment);
            String json = normal(DecisionJson.writeLine(before));
            assertThat(readBack(normal(DecisionJson.writeLine(after))))
                    .as("decision of %s", line).isEqualTo(json);
            RENAMED.keySet().forEach(id -> {
                if (json.contains("\"" + id + "\"")) {
                    seen.merge(id, 1, Integer::sum);
                }
            });
            for (String lang : List.of("nl", "en")) {
                for (String format : List.of("text", "letter")) {
                    assertThat(readBack(output(renamed, assessment, format, lang)))
                            .as("%s (%s) of %s", format, lang, line).isEqualTo(output(original, assessment, format, lang));
                }
                String cardsBefore = normal(new String(new Cards(lang, original::text, original::requirements)
                        .decision("hook", before, "p1", "https://cds.example.org"), StandardCharsets.UTF_8));
                String cardsAfter = normal(new String(new Cards(lang, renamed::text, renamed::requirements)
                        .decision("hook", after, "p1", "https://cds.example.org"), StandardCharsets.UTF_8));
                assertThat(readBack(cardsAfter)).as("cards (%s) of %s", lang, line).isEqualTo(cardsBefore);
            }
            compared++;
        }
        assertThat(compared).isEqualTo(600);
        // the cases reach the renamed requirements, so the comparison says something about each
        assertThat(seen).containsKeys("PC-N3", "PC-W1", "ALK-W1", "PC-N8", "PC-C3", "PC-R6", "SAFE-AGE",
                "ALK-D1");
    }

    @Test
    void theTraceCoversTheSameSidesWithTheSameScenarios() {
        Trace.Report before = Trace.trace(original, originalScenarios);
        Trace.Report after = Trace.trace(renamed, renamedScenarios);
        Map<String, Map<String, List<String>>> coveredBefore = new LinkedHashMap<>();
        before.requirements().forEach(t -> coveredBefore.put(t.requirement().id(), t.scenarios()));
        Map<String, Map<String, List<String>>> coveredAfter = new LinkedHashMap<>();
        after.requirements().forEach(t -> coveredAfter.put(readBack(t.requirement().id()), readBack(t.scenarios())));
        assertThat(coveredAfter).isEqualTo(coveredBefore);
        assertThat(coveredBefore.get("ALK-H1").get("INDICATED")).isNotEmpty();
        assertThat(coveredBefore.get("ALK-H1").get("WHEN")).isNotEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String output(ZorgregelsEngine engine, Assessment assessment, String format, String lang) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.evaluate(engine, assessment, format, lang, true, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return normal(out.toString(StandardCharsets.UTF_8) + "\n--\n" + err.toString(StandardCharsets.UTF_8));
    }

    /** Without what differs between the two copies by construction: their location and checksum. */
    private static String normal(String s) {
        return s.replace(work.resolve("original").toAbsolutePath().normalize().toString(), "KB")
                .replace(work.resolve("renamed").toAbsolutePath().normalize().toString(), "KB")
                .replaceAll("sha256:[0-9a-f]{64}", "sha256:…");
    }

    private static Pattern ids() {
        return Pattern.compile("(?<![A-Za-z0-9-])(" + String.join("|", RENAMED.keySet().stream()
                .sorted((x, y) -> y.length() - x.length()).map(Pattern::quote).toList()) + ")(?![A-Za-z0-9])");
    }

    private static String readBack(String s) {
        Map<String, String> back = new LinkedHashMap<>();
        RENAMED.forEach((old, now) -> back.put(now, old));
        Matcher m = Pattern.compile("(?<![A-Za-z0-9-])(" + String.join("|", back.keySet().stream()
                .sorted((x, y) -> y.length() - x.length()).map(Pattern::quote).toList()) + ")(?![A-Za-z0-9])").matcher(s);
        return m.replaceAll(r -> Matcher.quoteReplacement(back.get(r.group(1))));
    }

    private static Map<String, List<String>> readBack(Map<String, List<String>> covered) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        covered.forEach((side, scenarios) -> m.put(side, scenarios.stream().map(RenamedRequirementsTest::readBack).toList()));
        return m;
    }

    /** Renames every old id in every file below {@code dir}. */
    private static void rename(Path dir, Pattern ids) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            String changed = ids.matcher(text).replaceAll(r -> Matcher.quoteReplacement(RENAMED.get(r.group(1))));
            if (!changed.equals(text)) {
                Files.writeString(f, changed, StandardCharsets.UTF_8);
            }
        }
    }
}
