package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.api.ZorgregelsEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The impact of a guideline change: the packaged knowledge base against a copy of its sources,
 * unchanged, edited (Bell threshold 60 to 50), broken, or failing on some cases.
 */
class ImpactTest {
    private static final Path KB_SOURCES = Path.of("..", "..", "rules-kb", "src", "main", "resources");
    private static final String SHARED_DRL = "nl/zorgregels/kb/parameters.csv";
    private static final String ADULT_DRL = "nl/zorgregels/kb/postcovid-adult.drl";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The first cases of the shipped set (the generator's seed 42). */
    private static final int CASES = 2000;
    /** A shorter file, for the tests that run the comparison more than once. */
    private static final int FEW_CASES = 400;

    private static Path work;
    private static Path casesFile;
    private static Path fewCasesFile;
    /** The JSON report of packaged against Bell 50 on {@link #casesFile}, two threads. */
    private static JsonNode bell50Json;
    private static List<String> cases;
    private static ZorgregelsEngine packaged;
    /**
     * The packaged rules with the adult Bell threshold ten lower: 50 instead of 60 (read from
     * parameters.csv, so the test holds whatever the packaged threshold is).
     */
    private static ZorgregelsEngine bell50;
    /** The packaged threshold: 60. */
    private static int threshold;
    private static final java.util.regex.Pattern THRESHOLD =
            java.util.regex.Pattern.compile("(?m)^adultMaximumBellScore,(\\d+),");

    @BeforeAll
    static void setUp() throws Exception {
        work = Files.createTempDirectory("zorgregels-impact-test");
        StringWriter w = new StringWriter();
        CaseGenerator.generate(42, CASES, w);
        casesFile = Files.writeString(work.resolve("cases.ndjson"), w.toString());
        cases = Files.readAllLines(casesFile);
        fewCasesFile = Files.writeString(work.resolve("few-cases.ndjson"), String.join("\n", cases.subList(0, FEW_CASES)) + "\n");
        packaged = ZorgregelsEngine.packaged();
        Path dir = copyKb(work.resolve("bell50"));
        java.util.regex.Matcher m = THRESHOLD.matcher(Files.readString(dir.resolve(SHARED_DRL)));
        assertThat(m.find()).as("parameters.csv lists adultMaximumBellScore").isTrue();
        threshold = Integer.parseInt(m.group(1));
        assertThat(threshold).as("a threshold that can be lowered by 10").isBetween(10, 100);
        edit(dir.resolve(SHARED_DRL), m.group(), m.group().replace("," + threshold + ",", "," + (threshold - 10) + ","));
        bell50 = ZorgregelsEngine.fromDirectory(dir);
        bell50Json = JSON.readTree(bell50Report(casesFile, "json", 2));
    }

    @AfterAll
    static void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static Path copyKb(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(KB_SOURCES)) {
            for (Path f : files.sorted().toList()) {
                Path to = target.resolve(KB_SOURCES.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return target;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as("the text to edit in %s", file).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private record Result(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The report of {@link Impact#compare} on a cases file, packaged against Bell 50. */
    private static String bell50Report(Path file, String format, int threads) throws IOException {
        StringWriter out = new StringWriter();
        ImpactReport report = ImpactReport.of(format, out);
        report.start(packaged.knowledgeBase(), bell50.knowledgeBase(), file.getFileName().toString(), false);
        try (NdjsonCases lines = new NdjsonCases(Files.newInputStream(file))) {
            report.end(Impact.compare(lines, packaged, bell50, threads, false, report));
        }
        return out.toString();
    }

    private static Map<String, Long> transitions(JsonNode report) {
        Map<String, Long> m = new TreeMap<>();
        for (JsonNode t : report.at("/totals/transitions")) {
            m.put(t.get("change").asText() + " " + t.get("before").asText("-") + " -> " + t.get("after").asText("-"),
                    t.get("cases").asLong());
        }
        return m;
    }

    @Test
    void anIdenticalCandidateChangesNothing() throws Exception {
        Path copy = copyKb(work.resolve("identical"));
        Result r = run("", "impact", "--candidate", copy.toString(), "--format", "json", fewCasesFile.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode report = r.json();
        assertThat(report.at("/candidate/version").asText()).startsWith("local:");
        assertThat(report.at("/candidate/checksum").asText()).isEqualTo(report.at("/baseline/checksum").asText());
        assertThat(report.get("cases")).isEmpty();
        assertThat(report.at("/totals/casesRead").asLong()).isEqualTo(FEW_CASES);
        assertThat(report.at("/totals/unchanged").asLong()).isEqualTo(FEW_CASES);
        assertThat(report.at("/totals/changed").asLong()).isZero();
        assertThat(report.at("/totals/changes")).isEmpty();
        assertThat(report.at("/totals/transitions")).isEmpty();
        assertThat(report.at("/totals/distribution/candidate")).isEqualTo(report.at("/totals/distribution/baseline"));
    }

    /**
     * Bell 60 to 50 changes PC-A3 for exactly the adults with Bell 60 (the packaged threshold),
     * counted here from the case file itself; their outcome changes only where the baseline did not already find them not
     * eligible, and with it their centre and notes. The children with Bell 60 whose functioning is not reduced in the
     * GP's judgement lose their data-consistency warning (PC-W1 names the adult threshold) and with it the safety item
     * it raises; nothing else changes.
     */
    @Test
    void loweringTheBellThresholdChangesExactlyTheAdultsWithBell60AndTheWarningOfChildrenWithBell60() throws Exception {
        List<Long> bell60Adults = new ArrayList<>();
        List<Long> bell60ChildrenNotReduced = new ArrayList<>();
        long wereEligible = 0;
        long wereInsufficient = 0;
        long keepTheirCentre = 0;
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = JSON.readTree(cases.get(i));
            LocalDate date = LocalDate.parse(c.get("assessmentDate").asText());
            LocalDate birth = LocalDate.parse(c.at("/patient/birthDate").asText());
            boolean adult = ChronoUnit.YEARS.between(birth, date) >= 18;
            if (!adult && c.at("/postCovid/bellScore").asInt(-1) == threshold
                    && c.at("/postCovid/reducedFunctioning").isBoolean() && !c.at("/postCovid/reducedFunctioning").asBoolean()) {
                bell60ChildrenNotReduced.add(i + 1L);
            }
            if (adult && c.at("/postCovid/bellScore").asInt(-1) == threshold) {
                bell60Adults.add(i + 1L);
                Outcome before = packaged.evaluate(DecisionJson.readAssessment(cases.get(i))).postCovid().outcome();
                switch (before) {
                    case ELIGIBLE -> wereEligible++;
                    case INSUFFICIENT_DATA -> wereInsufficient++;
                    case NOT_ELIGIBLE -> { }
                }
                if (before != Outcome.NOT_ELIGIBLE && c.at("/postCovid/currentCentre").isTextual()) {
                    keepTheirCentre++; // PC-R6: the current centre is given whatever the outcome
                }
            }
        }
        assertThat(bell60Adults).as("the case set has enough adults with Bell 60").hasSizeGreaterThan(100);
        assertThat(wereEligible).isPositive();
        assertThat(wereInsufficient).isPositive();

        assertThat(bell60ChildrenNotReduced).as("the case set has children with Bell 60 not reduced").isNotEmpty();

        JsonNode report = bell50Json;
        List<Long> changedLines = new ArrayList<>();
        report.get("cases").forEach(c -> changedLines.add(c.get("line").asLong()));
        List<Long> expectedLines = new ArrayList<>(bell60Adults);
        expectedLines.addAll(bell60ChildrenNotReduced);
        expectedLines.sort(null);
        assertThat(changedLines).isEqualTo(expectedLines);
        assertThat(report.at("/totals/changed").asLong()).isEqualTo(expectedLines.size());
        for (JsonNode c : report.get("cases")) {
            if (bell60ChildrenNotReduced.contains(c.get("line").asLong())) {
                List<String> childChanges = new ArrayList<>();
                c.get("changes").forEach(ch -> childChanges.add(ch.get("change").asText() + " " + ch.get("before").asText("-")
                        + " -> " + ch.get("after").asText("-")));
                assertThat(childChanges).as("line %s", c.get("line")).containsExactly(
                        "safety.SAFE-DATA shown -> -", "postCovid.warning.PC-W1 shown -> -");
            }
        }
        assertThat(report.at("/totals/casesRead").asLong()).isEqualTo(CASES);
        assertThat(report.at("/totals/invalid").asLong()).isZero();

        Map<String, Long> transitions = transitions(report);
        long centreChanges = transitions.entrySet().stream().filter(e -> e.getKey().startsWith("postCovid.centre "))
                .peek(e -> assertThat(e.getKey()).endsWith(" -> -")).mapToLong(Map.Entry::getValue).sum();
        transitions.keySet().removeIf(k -> k.startsWith("postCovid.centre "));
        // the notes follow the outcome: each note that changes changes in exactly the cases whose outcome changed
        Map<String, Long> notes = new TreeMap<>(transitions);
        notes.keySet().removeIf(k -> !k.startsWith("postCovid.note."));
        transitions.keySet().removeIf(k -> k.startsWith("postCovid.note."));
        assertThat(transitions.remove("safety.SAFE-DATA shown -> -")).isEqualTo(bell60ChildrenNotReduced.size());
        assertThat(transitions.remove("postCovid.warning.PC-W1 shown -> -")).isEqualTo(bell60ChildrenNotReduced.size());
        long outcomeChanges = wereEligible + wereInsufficient;
        assertThat(notes).as("note transitions").isNotEmpty()
                .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(outcomeChanges));
        assertThat(notes.keySet()).anyMatch(k -> k.endsWith(" - -> shown")).anyMatch(k -> k.endsWith(" shown -> -"));
        assertThat(transitions).containsExactlyInAnyOrderEntriesOf(Map.of(
                "postCovid.outcome ELIGIBLE -> NOT_ELIGIBLE", wereEligible,
                "postCovid.outcome INSUFFICIENT_DATA -> NOT_ELIGIBLE", wereInsufficient,
                "postCovid.criterion.PC-A3 MET -> NOT_MET", (long) bell60Adults.size()));
        assertThat(keepTheirCentre).as("the case set has patients already treated at a centre").isPositive();
        assertThat(centreChanges).as("a centre is withdrawn wherever the outcome becomes NOT_ELIGIBLE,"
                + " except the centre already treating the patient (PC-R6)")
                .isEqualTo(wereEligible + wereInsufficient - keepTheirCentre);
        JsonNode changes = report.at("/totals/changes");
        assertThat(changes.get("postCovid.outcome").asLong()).isEqualTo(wereEligible + wereInsufficient);
        assertThat(changes.get("postCovid.criterion.PC-A3").asLong()).isEqualTo(bell60Adults.size());
        assertThat(changes.get("postCovid.centre").asLong()).isEqualTo(wereEligible + wereInsufficient - keepTheirCentre);
        List<String> kinds = new ArrayList<>();
        changes.fieldNames().forEachRemaining(kinds::add);
        kinds.removeIf(k -> k.startsWith("postCovid.note."));
        assertThat(kinds).containsExactly("safety.SAFE-DATA", "postCovid.outcome", "postCovid.criterion.PC-A3",
                "postCovid.centre", "postCovid.warning.PC-W1");
        // the message of PC-A3 quotes the threshold: reworded for every adult with a Bell score, changed or not
        assertThat(report.at("/totals/texts/postCovid.criterion.PC-A3.message/cases").asLong())
                .isGreaterThan(bell60Adults.size());
        assertThat(report.at("/totals/textsOnly").asLong()).isPositive();
        assertThat(report.at("/totals/unchanged").asLong() + report.at("/totals/textsOnly").asLong()
                + report.at("/totals/changed").asLong()).isEqualTo(CASES);
        JsonNode before = report.at("/totals/distribution/baseline/postCovid.outcome");
        JsonNode after = report.at("/totals/distribution/candidate/postCovid.outcome");
        assertThat(after.get("ELIGIBLE").asLong()).isEqualTo(before.get("ELIGIBLE").asLong() - wereEligible);
        assertThat(after.get("NOT_ELIGIBLE").asLong())
                .isEqualTo(before.get("NOT_ELIGIBLE").asLong() + wereEligible + wereInsufficient);
    }

    @Test
    void theReportIsTheSameWhateverTheThreadCountAndInInputOrder() throws Exception {
        String one = bell50Report(fewCasesFile, "json", 1);
        assertThat(bell50Report(fewCasesFile, "json", 3)).isEqualTo(one);
        assertThat(bell50Report(fewCasesFile, "text", 2)).isEqualTo(bell50Report(fewCasesFile, "text", 1));
        JsonNode cases = JSON.readTree(one).get("cases");
        assertThat(cases).as("some cases change").isNotEmpty();
        long previous = 0;
        for (JsonNode c : cases) {
            assertThat(c.get("line").asLong()).isGreaterThan(previous);
            previous = c.get("line").asLong();
        }
    }

    @Test
    void theTextReportListsEachChangedCaseThenTheTotals() throws Exception {
        String text = bell50Report(casesFile, "text", 2);
        JsonNode json = bell50Json;
        long firstLine = json.get("cases").get(0).get("line").asLong();
        assertThat(text).startsWith("Impact of a knowledge-base change on cases.ndjson\n  baseline:  "
                        + packaged.knowledgeBase().version())
                .contains("\nline " + firstLine + ":\n")
                .contains("  PC-A3: MET → NOT_MET\n")
                .contains("  post-COVID outcome: ELIGIBLE → NOT_ELIGIBLE\n");
        assertThat(text.indexOf("\nTotals\n")).isGreaterThan(text.lastIndexOf("\nline "));
        String totals = text.substring(text.indexOf("\nTotals\n"));
        assertThat(totals).containsPattern("  changed +" + json.at("/totals/changed").asLong() + "\n")
                .containsPattern("  PC-A3: MET → NOT_MET +" + json.at("/totals/changes/postCovid.criterion.PC-A3").asLong() + "\n")
                .containsPattern("  cases read +" + CASES + "\n");
    }

    @Test
    void aBrokenCandidateExitsTwoNamingFileAndLine() throws Exception {
        Path broken = copyKb(work.resolve("broken"));
        edit(broken.resolve(ADULT_DRL), "PostCovidFacts($score : bellScore)", "PostCovidFacts($score : bellScore");
        Result r = run("", "impact", "--candidate", broken.toString(), casesFile.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("knowledge base unusable: candidate: ")
                .containsPattern(java.util.regex.Pattern.quote(broken.resolve(ADULT_DRL).toString()) + ":\\d+:\\d+: ")
                .doesNotContain("\tat ");
    }

    @Test
    void anInvalidLineIsReportedWithItsNumberAndTheRunGoesOn() throws Exception {
        String valid = cases.get(0);
        String input = String.join("\n", valid,
                "{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\",\"x\":1},\"alk\":{}}",
                "",
                "{\"assessmentDate\": ",
                "{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"},\"postCovid\":{\"bellScore\":55}}",
                valid) + "\n";
        Path file = Files.writeString(work.resolve("some-invalid.ndjson"), input);
        Result r = run("", "impact", "--baseline", "packaged", "--candidate", "packaged", "--format", "json", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode report = r.json();
        assertThat(report.get("cases")).hasSize(3);
        assertThat(report.at("/cases/0/line").asLong()).isEqualTo(2);
        assertThat(report.at("/cases/0/invalid/field").asText()).isEqualTo("patient.x");
        assertThat(report.at("/cases/1/line").asLong()).isEqualTo(4);
        assertThat(report.at("/cases/1/invalid/field").asText()).isEqualTo("$");
        assertThat(report.at("/cases/1/invalid/rule").asText()).contains("malformed JSON");
        assertThat(report.at("/cases/2/line").asLong()).isEqualTo(5);
        assertThat(report.at("/cases/2/invalid/field").asText()).isEqualTo("postCovid.bellScore");
        assertThat(report.at("/totals/casesRead").asLong()).isEqualTo(5);
        assertThat(report.at("/totals/invalid").asLong()).isEqualTo(3);
        assertThat(report.at("/totals/unchanged").asLong()).as("lines 1 and 6 decided").isEqualTo(2);

        Result text = run(input, "impact", "--candidate", "packaged", "-");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("\nline 5: invalid input: postCovid.bellScore: must be one of 0, 10, 20")
                .containsPattern("  invalid lines +3\n");
    }

    @Test
    void aCandidateThatDecidesACriterionTwiceIsRefusedBeforeAnyCaseIsDecided() throws Exception {
        // Before the proof this defect showed only on the cases it hit (Bell 0); now check-kb's covering set
        // finds it when the candidate is built, names the criterion and gives a minimal case, and no case is
        // decided with it.
        Path defect = copyKb(work.resolve("defect"));
        Files.writeString(defect.resolve(ADULT_DRL), Files.readString(defect.resolve(ADULT_DRL)) + """

                rule "PC-A3 test defect: a second result for Bell 0"
                    @id("PC-A3")
                    @source("000_b510353f4949bed4.txt — a defect made by ImpactTest")
                    @message("PC-A3.TEST_DEFECT")
                when
                    PatientAge(ageGroup == AgeGroup.ADULT)
                    PostCovidFacts(bellScore == 0)
                then
                    insert(Finding.met(drools, "bellScore", 0, "threshold", 0));
                end
                """);
        // Its own message key (both bundles), so the metadata checks accept the rule and only the proof can refuse it.
        for (String bundle : new String[] {"messages_nl.properties", "messages_en.properties"}) {
            Path file = defect.resolve(ADULT_DRL).resolveSibling(bundle);
            Files.writeString(file, Files.readString(file) + "\nPC-A3.TEST_DEFECT=Bell {bellScore}\n");
        }
        String bell0 = "{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"},\"postCovid\":{\"bellScore\":0}}";
        Result r = run(bell0 + "\n", "impact", "--candidate", defect.toString(), "--format", "json", "-");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("knowledge base unusable: candidate: the knowledge base fails its proof")
                .contains("criterion PC-A3 has 2 results")
                .contains("rules of PC-A3 in nl/zorgregels/kb/parameters.csv, nl/zorgregels/kb/postcovid-adult.drl")
                .contains("minimal case: {").contains("\"bellScore\":0");
    }

    @Test
    void usageErrorsExitTwo() {
        Result noCandidate = run("", "impact", casesFile.toString());
        assertThat(noCandidate.code()).isEqualTo(2);
        assertThat(noCandidate.err()).contains("impact needs --candidate DIR");
        Result noFile = run("", "impact", "--candidate", "packaged");
        assertThat(noFile.code()).isEqualTo(2);
        assertThat(noFile.err()).contains("impact needs a case file");
        Result missing = run("", "impact", "--candidate", "packaged", work.resolve("nope.ndjson").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read").contains("no such file");
        assertThat(run("", "impact", "--candidate", "packaged", "--threads", "0", "-").err())
                .contains("--threads must be a whole number from 1 to 256 but was 0");
        assertThat(run("", "impact", "--candidate", "packaged", "--format", "xml", "-").err())
                .contains("--format must be one of text, json but was xml");
        assertThat(run("", "impact", "--candidate", "packaged", "--kb", "x", "-").err()).contains("unknown option --kb");
        Result noDir = run("", "impact", "--candidate", work.resolve("no-such-kb").toString(), casesFile.toString());
        assertThat(noDir.code()).isEqualTo(2);
        assertThat(noDir.err()).contains("knowledge base unusable: candidate: ").contains("not a directory");
        assertThat(run("", "impact", "--help").out()).contains("zorgregels impact [--baseline DIR|packaged]");
    }
}
