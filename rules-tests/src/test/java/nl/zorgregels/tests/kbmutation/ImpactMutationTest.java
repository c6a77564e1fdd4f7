package nl.zorgregels.tests.kbmutation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.zorgregels.tests.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The six author mistakes an independent trial found accepted by {@code check-kb} and invisible to
 * {@code impact} over 10,000 cases (issue 22): each made in a copy of the knowledge base as an
 * author would make it, by editing the {@code .drl} text. Five are still accepted by {@code check-kb}
 * (a mistake it learns to refuse belongs in {@link KbMutationTest}: the sixth, PC-A1's UNKNOWN
 * naming a fact that is present, is refused by the proof since one rule per criterion names its
 * inputs, "PC-A1 names the wrong input path" there); {@code impact} over the first
 * 2,000 generated cases must report it, naming exactly what changed (the kind of change, the
 * transition, and the line of the text report such as {@code ALK warnings: +ALK-W1}), and the cases
 * it names must be the ones the mistake concerns, told from the case file. And {@code check-kb} with
 * the expected decisions kept beside the knowledge base (here the project's scenario files) must
 * refuse it. A text-only edit must be reported as text-only.
 */
class ImpactMutationTest {
    private static final Path SOURCES = Path.of("..", "rules-kb", "src", "main", "resources");
    private static final String KB = "nl/zorgregels/kb/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The generated cases used: the first of the shipped 10,000 (generator seed 42). */
    private static final int CASES = 2000;
    /** The project's expected decisions. */
    private static final Path SCENARIOS = Path.of("src", "test", "resources", "scenarios");

    @TempDir
    static Path work;
    private static Path cases;
    private static List<JsonNode> inputs;

    @BeforeAll
    static void cases() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "examples", "cases-10k.ndjson")).subList(0, CASES);
        cases = Files.write(work.resolve("cases.ndjson"), lines);
        inputs = new ArrayList<>();
        for (String line : lines) {
            inputs.add(JSON.readTree(line));
        }
    }

    /**
     * One mistake and what impact must say about it.
     *
     * @param name        what the author did
     * @param file        the file edited
     * @param edit        the edit, on the file's text
     * @param transitions every transition impact must report (kind, before, after; {@code -} for absent),
     *                    and no other
     * @param textLine    a line the text report must hold for a changed case
     * @param concerned   given a changed case's input and one of its changes ({@code kind before -> after}),
     *                    whether that change is one the mistake explains for this input
     * @param counts      how many cases a transition must have, from the baseline's distribution in the
     *                    report's totals: checked by the function (given the totals and the transitions)
     */
    record Mistake(String name, String file, Function<String, String> edit, Set<String> transitions, String textLine,
                   CaseCheck concerned, Counts counts) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface CaseCheck {
        boolean explains(JsonNode input, String change);
    }

    @FunctionalInterface
    interface Counts {
        void check(JsonNode totals, Map<String, Long> transitions);
    }

    /** The number of baseline decisions with that value, e.g. {@code postCovid.outcome}, {@code ELIGIBLE}. */
    private static long baseline(JsonNode totals, String dimension, String value) {
        return totals.path("distribution").path("baseline").path(dimension).path(value).asLong();
    }

    static Stream<Mistake> mistakes() {
        return Stream.of(
                new Mistake("the ALK-W1 ME/CVS caution inverted: patients with ME/CVS or PEM lose it, everyone else gets it",
                        KB + "alk-advice.drl",
                        replace("    AlkFacts()\n    exists RecordedCondition()\nthen", "    AlkFacts(meCvsOrPem != true)\nthen"),
                        Set.of("alk.warning.ALK-W1 shown -> -", "alk.warning.ALK-W1 - -> shown"),
                        "  ALK warnings: +ALK-W1\n",
                        (in, c) -> c.endsWith("shown -> -") == in.at("/alk/meCvsOrPem").asBoolean(false),
                        (totals, tr) -> assertThat(tr.get("alk.warning.ALK-W1 shown -> -")).isEqualTo(
                                inputs.stream().filter(in -> in.at("/alk/meCvsOrPem").asBoolean(false)).count())),
                new Mistake("PC-W1 switched to adults", KB + "postcovid-next.drl",
                        replaceAll("    PatientAge(ageGroup == AgeGroup.CHILD)\n    Assessment($date : assessmentDate)\n    Parameter(",
                                "    PatientAge(ageGroup == AgeGroup.ADULT)\n    Assessment($date : assessmentDate)\n    Parameter(", 2),
                        Set.of("postCovid.warning.PC-W1 shown -> -", "postCovid.warning.PC-W1 - -> shown",
                                "safety.SAFE-DATA shown -> -", "safety.SAFE-DATA - -> shown"),
                        "  post-COVID warnings: +PC-W1\n",
                        // the children lose the warning (and the safety item it raises), the adults get it
                        (in, c) -> c.endsWith("shown -> -") != adult(in),
                        (totals, tr) -> assertThat(tr.get("safety.SAFE-DATA - -> shown"))
                                .isEqualTo(tr.get("postCovid.warning.PC-W1 - -> shown"))),
                new Mistake("the PC-N2 note deleted", KB + "postcovid-outcome.drl",
                        deleteRule("PC-N2 the GP registers via ZorgDomein; confirmation by e-mail"),
                        Set.of("postCovid.note.PC-N2 shown -> -"),
                        "  post-COVID notes: -PC-N2\n",
                        (in, c) -> in.has("postCovid"),
                        // the note of an ELIGIBLE decision (INSUFFICIENT_DATA has a rule of its own)
                        (totals, tr) -> assertThat(tr.get("postCovid.note.PC-N2 shown -> -"))
                                .isEqualTo(baseline(totals, "postCovid.outcome", "ELIGIBLE"))),
                new Mistake("PC-N7 gated the wrong way round", KB + "postcovid-next.drl",
                        replace("    EligibilityOutcome(outcome == Outcome.NOT_ELIGIBLE)\nthen\n    insert(NoteFinding.of(drools));",
                                "    EligibilityOutcome(outcome != Outcome.NOT_ELIGIBLE)\nthen\n    insert(NoteFinding.of(drools));"),
                        Set.of("postCovid.note.PC-N7 shown -> -", "postCovid.note.PC-N7 - -> shown"),
                        "  post-COVID notes: +PC-N7\n",
                        (in, c) -> in.has("postCovid"),
                        (totals, tr) -> {
                            assertThat(tr.get("postCovid.note.PC-N7 shown -> -"))
                                    .isEqualTo(baseline(totals, "postCovid.outcome", "NOT_ELIGIBLE"));
                            assertThat(tr.get("postCovid.note.PC-N7 - -> shown"))
                                    .isEqualTo(baseline(totals, "postCovid.outcome", "ELIGIBLE")
                                            + baseline(totals, "postCovid.outcome", "INSUFFICIENT_DATA"));
                        }),
                new Mistake("the interim offer attaching PC-R8 instead of PC-R7", KB + "postcovid-centre.drl",
                        replace("List.of($to), List.of(\"PC-R7\")", "List.of($to), List.of(\"PC-R8\")"),
                        null, // one transition per interim centre, checked below
                        " (PC-R4) notes PC-R7 → OFFERED ",
                        (in, c) -> c.startsWith("postCovid.centre OFFERED ") && c.contains(" (PC-R4) notes PC-R7 -> ")
                                && c.endsWith(" (PC-R4) notes PC-R8"),
                        // every interim offer
                        (totals, tr) -> assertThat(totals.get("changed").asLong())
                                .isEqualTo(baseline(totals, "postCovid.centre.ruleId", "PC-R4"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void isAcceptedByCheckKbButImpactReportsWhatChanged(Mistake m) throws IOException {
        Path dir = copy(work.resolve("kb-" + m.file().replaceAll("\\W", "-") + "-" + Math.abs(m.name().hashCode())));
        Path file = dir.resolve(m.file());
        String original = Files.readString(file);
        String edited = m.edit().apply(original);
        assertThat(edited).isNotEqualTo(original);
        Files.writeString(file, edited);

        // impact builds the candidate as check-kb does (the same checks and proof): exit 0 means it was accepted
        CliRunner.Result r = CliRunner.run(new byte[0], "impact", "--candidate", dir.toString(), "--format", "json",
                cases.toString());
        assertThat(r.exitCode()).as("check-kb's checks accept the mistake (if they now refuse it, move it to"
                + " KbMutationTest): %s", r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        JsonNode totals = report.get("totals");
        assertThat(totals.get("changed").asLong()).as("cases impact reports as changed").isPositive();
        assertThat(totals.get("textsOnly").asLong()).as("a mistake in the rules changes no wording").isZero();

        Map<String, Long> transitions = new TreeMap<>();
        for (JsonNode t : totals.get("transitions")) {
            transitions.put(transition(t), t.get("cases").asLong());
        }
        if (m.transitions() != null) {
            assertThat(transitions.keySet()).as("the transitions impact reports").containsExactlyInAnyOrderElementsOf(
                    m.transitions());
        } else {
            assertThat(transitions.keySet()).as("the transitions impact reports").isNotEmpty()
                    .allSatisfy(t -> assertThat(t).matches("postCovid\\.centre OFFERED (\\S+) \\(PC-R4\\) notes PC-R7"
                            + " -> OFFERED \\1 \\(PC-R4\\) notes PC-R8"));
        }
        // every change of every case is one the mistake explains, told from that case's input
        long changedCases = 0;
        for (JsonNode c : report.get("cases")) {
            assertThat(c.has("changes")).as("line %s is decided", c.get("line")).isTrue();
            JsonNode input = inputs.get(c.get("line").asInt() - 1);
            for (JsonNode change : c.get("changes")) {
                assertThat(m.concerned().explains(input, transition(change)))
                        .as("line %s: %s is explained by the mistake; input %s", c.get("line"), transition(change), input)
                        .isTrue();
            }
            changedCases++;
        }
        assertThat(changedCases).isEqualTo(totals.get("changed").asLong());
        m.counts().check(totals, transitions);

        CliRunner.Result text = CliRunner.run(new byte[0], "impact", "--candidate", dir.toString(), cases.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains(m.textLine()).contains("\nTotals\n");

        // the other net: check-kb with the expected decisions beside it (here the project's scenarios) refuses it
        CliRunner.Result check = CliRunner.run(new byte[0], "check-kb", dir.toString(), "--scenarios", SCENARIOS.toString());
        assertThat(check.exitCode()).as("check-kb with the project's scenarios").isEqualTo(2);
        assertThat(check.out()).isEmpty();
        assertThat(check.err()).startsWith("zorgregels: knowledge base unusable: ")
                .contains(" problem(s) in its expected decisions").containsPattern("\n  \\S+\\.yaml / [a-z0-9-]+: \\d+ difference");
    }

    /** The other half of the safety net: a text edited and nothing else is reported as wording only. */
    @Test
    void aTextOnlyEditIsReportedAsTextOnly() throws IOException {
        Path dir = copy(work.resolve("kb-text-only"));
        Path bundle = dir.resolve(KB + "messages_en.properties");
        String text = Files.readString(bundle);
        String line = text.lines().filter(l -> l.startsWith("PC-N2=")).findFirst().orElseThrow();
        Files.writeString(bundle, text.replace(line, line + " Ask the practice assistant."));

        CliRunner.Result r = CliRunner.run(new byte[0], "impact", "--candidate", dir.toString(), "--format", "json",
                cases.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        JsonNode totals = report.get("totals");
        assertThat(totals.get("changed").asLong()).as("no decision changes").isZero();
        assertThat(report.get("cases")).as("no case listed as changed").isEmpty();
        // the note's main text goes with an ELIGIBLE decision (INSUFFICIENT_DATA has its own)
        long eligible = totals.at("/distribution/baseline/postCovid.outcome/ELIGIBLE").asLong();
        assertThat(eligible).isPositive();
        assertThat(totals.get("textsOnly").asLong()).isEqualTo(eligible);
        List<String> places = new ArrayList<>();
        totals.get("texts").fieldNames().forEachRemaining(places::add);
        assertThat(places).containsExactly("postCovid.note.PC-N2.message");
        assertThat(totals.at("/texts/postCovid.note.PC-N2.message/cases").asLong()).isEqualTo(eligible);

        CliRunner.Result textReport = CliRunner.run(new byte[0], "impact", "--candidate", dir.toString(), cases.toString());
        assertThat(textReport.out()).containsPattern("  texts changed only +" + eligible + "\n")
                .containsPattern("  changed +0\n")
                .containsPattern("\n  postCovid\\.note\\.PC-N2\\.message +" + eligible + " +\\d+\n");
        // a rewording the expected decisions do not contradict passes check-kb with them
        CliRunner.Result check = CliRunner.run(new byte[0], "check-kb", dir.toString(), "--scenarios", SCENARIOS.toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).contains(" decide as they expect");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static String transition(JsonNode t) {
        return t.get("change").asText() + " " + t.get("before").asText("-") + " -> " + t.get("after").asText("-");
    }

    /** Whether the patient is 18 or older on the assessment date (PC-G1, counted here independently). */
    private static boolean adult(JsonNode input) {
        LocalDate date = LocalDate.parse(input.get("assessmentDate").asText());
        LocalDate birth = LocalDate.parse(input.at("/patient/birthDate").asText());
        return ChronoUnit.YEARS.between(birth, date) >= 18;
    }

    private static Function<String, String> replace(String old, String replacement) {
        return replaceAll(old, replacement, 1);
    }

    /** Replaces {@code count} occurrences (and asserts there are that many). */
    private static Function<String, String> replaceAll(String old, String replacement, int count) {
        return text -> {
            int found = (text.length() - text.replace(old, "").length()) / old.length();
            assertThat(found).as("occurrences of %s", old).isEqualTo(count);
            return text.replace(old, replacement);
        };
    }

    private static Function<String, String> deleteRule(String name) {
        return text -> {
            int start = text.indexOf("rule \"" + name + "\"");
            assertThat(start).as(name).isNotNegative();
            int end = text.indexOf("\nend\n", start) + 5;
            return text.substring(0, start) + text.substring(end);
        };
    }

    private static Path copy(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(SOURCES.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return target;
    }
}
