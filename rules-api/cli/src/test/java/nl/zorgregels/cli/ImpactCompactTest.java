package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.api.internal.session.ScreeningDecisions;
import nl.zorgregels.cli.DecisionDiff.Change;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code impact} compares decisions by their compact projection and makes the detailed diff only
 * where the projections differ: over the 10,000 shipped cases its report is the report of the
 * detailed diff made on every case (what impact did before), for an edit that changes decisions
 * (Bell threshold 60 to 50) and for an edit of a message text only (no case changes).
 */
class ImpactCompactTest {
    private static final Path CASES = Path.of("..", "..", "examples", "cases-10k.ndjson");
    private static final String SHARED_DRL = "nl/zorgregels/kb/parameters.csv";
    private static final String MESSAGES_EN = "nl/zorgregels/kb/messages_en.properties";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static ZorgregelsEngine packaged;
    private static ZorgregelsEngine bell50;
    private static ZorgregelsEngine textOnly;

    @BeforeAll
    static void setUp() throws IOException {
        work = Files.createTempDirectory("zorgregels-impact-compact-test");
        packaged = ZorgregelsEngine.packaged();
        Path bell = ImpactTest.copyKb(work.resolve("bell50"));
        String shared = Files.readString(bell.resolve(SHARED_DRL));
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^adultMaximumBellScore,(\\d+),").matcher(shared);
        assertThat(m.find()).as("parameters.csv lists adultMaximumBellScore").isTrue();
        int threshold = Integer.parseInt(m.group(1));
        Files.writeString(bell.resolve(SHARED_DRL),
                shared.replace(m.group(), m.group().replace("," + threshold + ",", "," + (threshold - 10) + ",")));
        bell50 = ZorgregelsEngine.fromDirectory(bell);
        Path text = ImpactTest.copyKb(work.resolve("text-only"));
        String messages = Files.readString(text.resolve(MESSAGES_EN));
        String line = messages.lines().filter(l -> l.startsWith("PC-A3.MET=")).findFirst().orElseThrow();
        Files.writeString(text.resolve(MESSAGES_EN), messages.replace(line, line + " (Wording edited.)"));
        textOnly = ZorgregelsEngine.fromDirectory(text);
    }

    @AfterAll
    static void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The report as impact makes it: compact projections first, detailed diff where they differ. */
    private static String report(ZorgregelsEngine candidate, int threads, boolean laterDates, Path cases)
            throws IOException {
        StringWriter out = new StringWriter();
        ImpactReport report = ImpactReport.of("json", out);
        report.start(packaged.knowledgeBase(), candidate.knowledgeBase(), "cases-10k.ndjson", laterDates);
        try (NdjsonCases lines = new NdjsonCases(Files.newInputStream(cases))) {
            report.end(Impact.compare(lines, packaged, candidate, threads, laterDates, report));
        }
        return out.toString();
    }

    /**
     * What a reference run over every case found.
     *
     * @param wordingDiffers        cases whose full decisions (their knowledge base aside) differ as JSON
     * @param projectionDiffers     cases whose compact projections (or what they leave out) differ
     * @param diffWithoutProjection cases with equal projections but a detailed change
     * @param jsonUnseen            cases whose JSON differs though impact finds no change and no text changed,
     *                              or the reverse: what impact would miss (or invent)
     * @param fastTextsWrong        cases where the fast text comparison disagrees with the detailed one
     */
    private record Reference(String report, long wordingDiffers, long projectionDiffers, long diffWithoutProjection,
                             long jsonUnseen, long fastTextsWrong) {
    }

    /**
     * The report made the slow way: the detailed diff and the detailed text comparison of every case,
     * on one thread; and per case whether the full decisions (their knowledge base aside) and the
     * compact projections differ.
     */
    private static Reference reference(ZorgregelsEngine candidate, boolean laterDates, Path cases) throws IOException {
        StringWriter out = new StringWriter();
        ImpactReport report = ImpactReport.of("json", out);
        report.start(packaged.knowledgeBase(), candidate.knowledgeBase(), "cases-10k.ndjson", laterDates);
        ImpactTotals totals = new ImpactTotals();
        long wording = 0;
        long projection = 0;
        long diffWithoutProjection = 0;
        long jsonUnseen = 0;
        long fastTextsWrong = 0;
        try (NdjsonCases lines = new NdjsonCases(Files.newInputStream(cases))) {
            for (NdjsonCases.Line line = lines.next(); line != null; line = lines.next()) {
                Decision before;
                try {
                    before = decide(packaged, line.assessment(), laterDates);
                } catch (InvalidInputException e) {
                    totals.addInvalid();
                    report.invalid(line.number(), e);
                    continue;
                }
                Decision after = decide(candidate, line.assessment(), laterDates);
                List<Change> changes = DecisionDiff.compare(before, after);
                List<String> texts = DecisionTexts.changed(before, after);
                totals.addDecided(line.number(), before, after, changes, texts);
                if (!changes.isEmpty()) {
                    report.changed(line.number(), changes, texts);
                }
                Decision afterSameKb = new Decision(before.knowledgeBase(), after.assessmentDate(), after.safety(),
                        after.postCovid(), after.alk());
                boolean jsonDiffers = !DecisionJson.writeLine(afterSameKb).equals(DecisionJson.writeLine(before));
                if (jsonDiffers) {
                    wording++;
                }
                if (jsonDiffers == (changes.isEmpty() && texts.isEmpty())) {
                    jsonUnseen++;
                }
                if (DecisionTexts.same(before, after) != texts.isEmpty()) {
                    fastTextsWrong++;
                }
                boolean same = CompactDecision.sameProjection(before, after) && DecisionDiff.sameBeyondProjection(before, after);
                if (!same) {
                    projection++;
                } else if (!changes.isEmpty()) {
                    diffWithoutProjection++;
                }
            }
        }
        report.end(totals);
        return new Reference(out.toString(), wording, projection, diffWithoutProjection, jsonUnseen, fastTextsWrong);
    }

    private static Decision decide(ZorgregelsEngine engine, nl.zorgregels.model.Assessment a, boolean laterDates) {
        return laterDates ? engine.evaluate(a) : ScreeningDecisions.decide(engine, a);
    }

    @Test
    void anEditThatChangesDecisionsCountsWhatTheDetailedDiffOfEveryCaseCounts() throws IOException {
        Reference reference = reference(bell50, false, CASES);
        String report = report(bell50, 2, false, CASES);
        assertThat(report).isEqualTo(reference.report());
        JsonNode totals = JSON.readTree(report).get("totals");
        assertThat(totals.get("casesRead").asLong()).isEqualTo(10_000);
        assertThat(totals.get("changed").asLong()).as("the Bell edit changes cases").isPositive();
        // the adults with Bell 60, and the children with Bell 60 whose warning names the adult threshold
        assertThat(totals.at("/changes/postCovid.criterion.PC-A3").asLong() + totals.at("/changes/postCovid.warning.PC-W1").asLong())
                .isEqualTo(totals.get("changed").asLong());
        assertThat(reference.diffWithoutProjection()).as("cases with equal projections but a detailed change").isZero();
        assertThat(reference.projectionDiffers()).isGreaterThanOrEqualTo(totals.get("changed").asLong());
        assertThat(reference.jsonUnseen()).as("cases whose JSON differs where impact sees nothing, or the reverse").isZero();
        assertThat(reference.fastTextsWrong()).as("cases where the fast text comparison is wrong").isZero();
        assertThat(totals.get("textsOnly").asLong()).as("adults whose PC-A3 message quotes the threshold").isPositive();
        assertThat(report(bell50, 1, false, CASES)).isEqualTo(report);
    }

    @Test
    void withTheLaterDatesTheReportIsTheDetailedDiffOfEveryCaseToo() throws IOException {
        Path few = work.resolve("first-2000.ndjson");
        try (Stream<String> lines = Files.lines(CASES)) {
            Files.write(few, lines.limit(2000).toList());
        }
        Reference reference = reference(bell50, true, few);
        String report = report(bell50, 2, true, few);
        assertThat(report).isEqualTo(reference.report());
        JsonNode json = JSON.readTree(report);
        assertThat(json.get("laterDates").asBoolean()).isTrue();
        assertThat(reference.jsonUnseen()).isZero();
        assertThat(reference.fastTextsWrong()).isZero();
        // an adult with Bell 60 whose only other failing criterion was the duration had a reassessFrom;
        // with PC-A3 NOT_MET too no later date helps
        assertThat(json.at("/totals/changes/postCovid.reassessFrom").asLong()).isPositive();
        assertThat(report(bell50, 2, false, few)).doesNotContain("reassessFrom\"");
    }

    @Test
    void anEditOfAMessageTextAloneChangesNoDecisionButItsTextsAreCounted() throws IOException {
        Reference reference = reference(textOnly, false, CASES);
        String report = report(textOnly, 2, false, CASES);
        assertThat(report).isEqualTo(reference.report());
        JsonNode json = JSON.readTree(report);
        assertThat(json.at("/candidate/checksum").asText()).isNotEqualTo(json.at("/baseline/checksum").asText());
        assertThat(reference.wordingDiffers()).as("the full decisions of the cases PC-A3 meets differ in wording").isPositive();
        assertThat(reference.projectionDiffers()).isZero();
        assertThat(reference.jsonUnseen()).isZero();
        assertThat(reference.fastTextsWrong()).isZero();
        assertThat(json.get("cases")).isEmpty();
        assertThat(json.at("/totals/changed").asLong()).isZero();
        assertThat(json.at("/totals/textsOnly").asLong()).as("every case whose wording differs")
                .isEqualTo(reference.wordingDiffers());
        assertThat(json.at("/totals/unchanged").asLong()).isEqualTo(10_000 - reference.wordingDiffers());
        List<String> places = new java.util.ArrayList<>();
        json.at("/totals/texts").fieldNames().forEachRemaining(places::add);
        assertThat(places).containsExactly("postCovid.criterion.PC-A3.message");
        assertThat(json.at("/totals/texts/postCovid.criterion.PC-A3.message/cases").asLong())
                .isEqualTo(reference.wordingDiffers());
    }
}
