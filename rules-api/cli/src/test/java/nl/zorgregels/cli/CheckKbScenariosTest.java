package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.cli.scenario.ScenarioFiles;
import nl.zorgregels.cli.scenario.ScenarioVocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check-kb DIR} runs the author's expected decisions: the scenario files in
 * {@code DIR/scenarios} or in {@code --scenarios DIR}. It accepts a knowledge base whose scenarios
 * all decide as they expect, refuses one where any does not (exit 2, nothing on standard output,
 * each failing scenario with file, name and difference on standard error), refuses a scenario file
 * it cannot read (file and key), and without scenarios says what it always said.
 */
class CheckKbScenariosTest {
    private static final Path KB_SOURCES = Path.of("..", "..", "rules-kb", "src", "main", "resources");
    /** The project's own expected decisions (the scenario suite of rules-tests). */
    private static final Path PROJECT_SCENARIOS = Path.of("..", "..", "rules-tests", "src", "test", "resources", "scenarios");
    private static final String SHARED_DRL = "nl/zorgregels/kb/parameters.csv";

    @TempDir
    static Path work;
    /** A copy of the packaged sources, without scenarios. */
    private static Path plain;
    /** The number of scenarios in the project's files. */
    private static int projectScenarios;

    @BeforeAll
    static void setUp() throws IOException {
        plain = copy(KB_SOURCES, work.resolve("plain"));
        ScenarioVocabulary vocabulary = ScenarioVocabulary.of(ZorgregelsEngine.packaged());
        for (Path f : ScenarioFiles.files(PROJECT_SCENARIOS)) {
            projectScenarios += ScenarioFiles.load(PROJECT_SCENARIOS, f, vocabulary).scenarios().size();
        }
        assertThat(projectScenarios).as("the project's scenarios").isGreaterThan(100);
    }

    private static Path copy(Path from, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return target;
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path scenarioFile(Path dir, String name, String yaml) throws IOException {
        Path file = dir.resolve("scenarios").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, yaml);
    }

    private static final String GIVEN = """
            # PC-A3 — adults: Bell CFIDS score 60 or lower (the author's own expected decisions)
            title: PC-A3 — Bell CFIDS score 60 or lower (adults)
            given:
              assessmentDate: "2026-11-23"
              patient: { birthDate: "1980-04-02", umcRegion: UMCG, dutchGeneralPractitioner: true, dutchHealthInsurance: true }
              postCovid: { complaintsAttributedToCovid: true, otherCausesInvestigated: true, complaintOnsetDate: "2025-01-10",
                           bellScore: 50, complaintsFromPreExistingDisease: false, treatmentPathway: COMPLETED }
            scenarios:
            """;

    @Test
    void withoutScenariosTheOutputIsWhatItWas() {
        Result r = run("check-kb", plain.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).matches("ok: " + Pattern.quote(plain.toString()) + " compiles, its tables, requirements and"
                + " messages check, and it passes its proof \\(every expected criterion decided exactly once on its"
                + " covering set, the contract's invariants\\); checksum sha256:[0-9a-f]{64}\n");
    }

    @Test
    void theProjectsScenariosBesideACopyOfThePackagedSourcesAllDecideAsTheyExpect() throws IOException {
        Path kb = copy(KB_SOURCES, work.resolve("with-scenarios"));
        copy(PROJECT_SCENARIOS, kb.resolve(CheckKb.SCENARIOS));
        Result r = run("check-kb", kb.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("ok: " + kb + " compiles,");
        Matcher m = Pattern.compile("ok: the (\\d+) scenario\\(s\\) in (\\d+) file\\(s\\) under (.+) decide as they expect")
                .matcher(lines.get(1));
        assertThat(m.matches()).as(lines.get(1)).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(projectScenarios);
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(ScenarioFiles.files(PROJECT_SCENARIOS).size());
        assertThat(m.group(3)).isEqualTo(kb.resolve(CheckKb.SCENARIOS).toString());
        // the same files named with --scenarios
        Result named = run("check-kb", plain.toString(), "--scenarios", PROJECT_SCENARIOS.toString());
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(named.out()).contains("ok: the " + projectScenarios + " scenario(s)");
    }

    @Test
    void aThresholdChangeThatTheExpectedDecisionsContradictIsRefusedNamingEachScenarioAndDifference() throws IOException {
        Path kb = copy(KB_SOURCES, work.resolve("bell50"));
        Path shared = kb.resolve(SHARED_DRL);
        Matcher m = Pattern.compile("(?m)^adultMaximumBellScore,(\\d+),")
                .matcher(Files.readString(shared));
        assertThat(m.find()).isTrue();
        int threshold = Integer.parseInt(m.group(1));
        Files.writeString(shared, Files.readString(shared).replace(m.group(), m.group().replace("," + threshold + ",",
                "," + (threshold - 10) + ",")));
        Result r = run("check-kb", kb.toString(), "--scenarios", PROJECT_SCENARIOS.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).as("nothing on standard output when refused").isEmpty();
        assertThat(r.err()).startsWith("zorgregels: knowledge base unusable: ")
                .contains(" problem(s) in its expected decisions, the " + projectScenarios + " scenario(s) in ")
                .contains("\n  postcovid/pc-a3-adult-bell-score.yaml / adult-bell-" + threshold + "-eligible: ")
                .contains("\n    - outcome: expected ELIGIBLE but was NOT_ELIGIBLE\n")
                .contains("\n    - PC-A3: expected MET but was NOT_MET\n")
                .doesNotContain("\tat ");
        // every problem is a scenario named by file and name, with its count of differences
        for (String line : r.err().lines().skip(1).filter(l -> l.startsWith("  ") && !l.startsWith("   ")).toList()) {
            assertThat(line).matches("  \\S+\\.yaml / [a-z0-9-]+: \\d+ difference\\(s\\)");
        }
    }

    @Test
    void anAuthorsOwnScenariosBesideTheKnowledgeBaseOnePassingOneFailing() throws IOException {
        Path kb = copy(KB_SOURCES, work.resolve("own"));
        scenarioFile(kb, "pc-a3-bell.yaml", GIVEN + """
                  - name: adult-bell-60-eligible
                    with: { postCovid: { bellScore: 60 } }
                    expect: { postCovid: { outcome: ELIGIBLE, criteria: { PC-A3: MET } } }
                  - name: adult-bell-70-eligible-by-mistake
                    with: { postCovid: { bellScore: 70 } }
                    expect: { postCovid: { outcome: ELIGIBLE, notes: [PC-N1, PC-N2] } }
                """);
        Result r = run("check-kb", kb.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("zorgregels: knowledge base unusable: 1 problem(s) in its expected decisions, the 2"
                + " scenario(s) in 1 file(s) under " + kb.resolve("scenarios") + ":\n"
                + "  pc-a3-bell.yaml / adult-bell-70-eligible-by-mistake: 2 difference(s)\n"
                + "    - outcome: expected ELIGIBLE but was NOT_ELIGIBLE\n"
                + "    - notes: expected [PC-N1, PC-N2] but was [PC-N7]\n");
    }

    @Test
    void aScenarioFileItCannotReadIsAProblemNamingFileAndKey() throws IOException {
        Path kb = copy(KB_SOURCES, work.resolve("typo"));
        scenarioFile(kb, "a/typo.yaml", GIVEN + """
                  - name: adult-bell-60-eligible
                    expect: { postCovid: { outcome: ELIGIBLE, criteria: { PC-A6: MET } } }
                """);
        scenarioFile(kb, "b/fine.yaml", GIVEN + """
                  - name: adult-bell-50-eligible
                    expect: { postCovid: { outcome: ELIGIBLE, otherCriteria: MET } }
                """);
        Result r = run("check-kb", kb.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("1 problem(s) in its expected decisions, the 1 scenario(s) in 2 file(s)")
                .contains("\n  a/typo.yaml: scenarios[0].expect.postCovid.criteria.PC-A6: unknown criterion id; known: [");
    }

    @Test
    void usageErrors() throws IOException {
        Result noDir = run("check-kb", plain.toString(), "--scenarios", work.resolve("nowhere").toString());
        assertThat(noDir.code()).isEqualTo(2);
        assertThat(noDir.err()).contains("--scenarios " + work.resolve("nowhere") + ": not a directory");
        Path empty = Files.createDirectories(work.resolve("empty-scenarios"));
        Result none = run("check-kb", plain.toString(), "--scenarios", empty.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no scenario files (*.yaml, *.yml) under " + empty);
        assertThat(run("check-kb", plain.toString(), "--scenario", "x").err()).contains("check-kb: unknown option --scenario");
        assertThat(run("check-kb").err()).contains("check-kb takes one directory");
        assertThat(run("check-kb", plain.toString(), plain.toString()).err()).contains("check-kb takes one directory");
        assertThat(run("check-kb", "--help").out()).contains("zorgregels check-kb DIR [--scenarios DIR]");
    }
}
