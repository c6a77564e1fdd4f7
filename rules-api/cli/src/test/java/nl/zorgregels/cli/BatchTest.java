package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch command: order, one output line per input line, error records, progress, exit codes. */
class BatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ZorgregelsEngine engine;

    @BeforeAll
    static void engine() {
        engine = ZorgregelsEngine.packaged();
    }

    /** A valid case whose Bell score is {@code bell} (so consecutive lines have different decisions). */
    private static String caseLine(int bell) {
        return "{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\","
                + "\"dutchGeneralPractitioner\":true,\"dutchHealthInsurance\":true,\"umcRegion\":\"UMCG\"},"
                + "\"postCovid\":{\"complaintsAttributedToCovid\":true,\"otherCausesInvestigated\":true,"
                + "\"complaintOnsetDate\":\"2025-01-10\",\"bellScore\":" + bell + ","
                + "\"complaintsFromPreExistingDisease\":false,\"treatmentPathway\":\"COMPLETED\"}}";
    }

    private static String expected(String line) {
        return DecisionJson.writeLine(engine.evaluate(DecisionJson.readAssessment(line)));
    }

    private record Run(Batch.Summary summary, List<String> lines, String progress) {
    }

    private static Run batch(byte[] input, int threads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Batch.Summary summary = new Batch(engine, threads, new PrintStream(err, true, StandardCharsets.UTF_8), System::nanoTime)
                .run(new ByteArrayInputStream(input), out, input.length);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        return new Run(summary, List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void decidesEveryLineInInputOrderOnManyThreads() {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            cases.add(caseLine((i * 7 % 11) * 10));
        }
        byte[] input = (String.join("\n", cases) + "\n").getBytes(StandardCharsets.UTF_8);

        Run run = batch(input, 4);

        assertThat(run.summary().lines()).isEqualTo(2_000);
        assertThat(run.summary().invalid()).isZero();
        assertThat(run.lines()).hasSize(2_000);
        for (int i = 0; i < cases.size(); i++) {
            assertThat(run.lines().get(i)).as("line %d", i + 1).isEqualTo(expected(cases.get(i)));
        }
        assertThat(run.progress()).contains("batch: 2,000 cases (0 invalid) in");
    }

    @Test
    void anInvalidLineGetsAnErrorRecordNamingTheFieldAndTheRestStillRun() throws Exception {
        String tooLong = "{\"assessmentDate\":\"" + "x".repeat(Batch.MAX_LINE_BYTES) + "\"}";
        byte[] badUtf8 = {'{', '"', (byte) 0xC3, '"', '}'};
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes((caseLine(50) + "\n").getBytes(StandardCharsets.UTF_8));                    // 1 ok
        input.writeBytes((caseLine(55) + "\n").getBytes(StandardCharsets.UTF_8));                    // 2 Bell 55
        input.writeBytes("{\"assessmentDate\": \n".getBytes(StandardCharsets.UTF_8));               // 3 malformed
        input.writeBytes("\n".getBytes(StandardCharsets.UTF_8));                                    // 4 empty
        input.writeBytes((tooLong + "\n").getBytes(StandardCharsets.UTF_8));                        // 5 too long
        input.writeBytes(badUtf8);                                                                  // 6 not UTF-8
        input.write('\n');
        input.writeBytes((caseLine(70) + "\r\n").getBytes(StandardCharsets.UTF_8));                 // 7 ok, CRLF
        input.writeBytes(caseLine(40).getBytes(StandardCharsets.UTF_8));                            // 8 ok, no final newline

        Run run = batch(input.toByteArray(), 2);

        assertThat(run.lines()).hasSize(8);
        assertThat(run.summary().invalid()).isEqualTo(5);
        assertThat(run.lines().get(0)).isEqualTo(expected(caseLine(50)));
        assertError(run.lines().get(1), 2, "postCovid.bellScore", "55");
        assertError(run.lines().get(2), 3, "$", "malformed JSON");
        assertError(run.lines().get(3), 4, "$", "empty line");
        assertError(run.lines().get(4), 5, "$", "longer than 1 MiB");
        assertError(run.lines().get(5), 6, "$", "UTF-8");
        assertThat(run.lines().get(6)).isEqualTo(expected(caseLine(70)));
        assertThat(run.lines().get(7)).isEqualTo(expected(caseLine(40)));
        assertThat(run.progress()).contains("8 cases (5 invalid)");
    }

    private static void assertError(String line, int number, String field, String ruleContains) {
        JsonNode record;
        try {
            record = JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
        assertThat(record.get("line").asLong()).isEqualTo(number);
        assertThat(record.at("/error/field").asText()).isEqualTo(field);
        assertThat(record.at("/error/rule").asText()).contains(ruleContains);
    }

    @Test
    void anEmptyInputGivesAnEmptyOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Batch.Summary summary = new Batch(engine, 2, new PrintStream(new ByteArrayOutputStream()), System::nanoTime)
                .run(new ByteArrayInputStream(new byte[0]), out, 0);
        assertThat(summary.lines()).isZero();
        assertThat(out.size()).isZero();
    }

    @Test
    void printsProgressWithRateAndTimeLeftWhenTheInputSizeIsKnown() {
        StringBuilder cases = new StringBuilder();
        for (int i = 0; i < 1_500; i++) {
            cases.append(caseLine(60)).append('\n');
        }
        byte[] input = cases.toString().getBytes(StandardCharsets.UTF_8);
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // A clock that moves 3 s every time it is read: every chunk written reports progress.
        new Batch(engine, 1, new PrintStream(err, true, StandardCharsets.UTF_8), () -> now.getAndAdd(3_000_000_000L))
                .run(new ByteArrayInputStream(input), new ByteArrayOutputStream(), input.length);
        String progress = err.toString(StandardCharsets.UTF_8);
        assertThat(progress).containsPattern("batch: [0-9,]+ cases, [0-9,]+ cases/s, about [0-9]+ s left");
        assertThat(progress).contains("batch: 1,500 cases (0 invalid)");
    }

    @Test
    void theCommandLineWritesTheOutputFileAndExitsTwoWhenALineWasInvalid(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("cases.ndjson");
        Path out = dir.resolve("decisions.ndjson");
        Files.writeString(in, caseLine(50) + "\n" + caseLine(51) + "\n" + caseLine(80) + "\n");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int code = Main.run(new String[] {"batch", in.toString(), out.toString(), "--threads", "2"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(Main.INVALID);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(expected(caseLine(50)));
        assertError(lines.get(1), 2, "postCovid.bellScore", "51");
        assertThat(lines.get(2)).isEqualTo(expected(caseLine(80)));
        assertThat(stdout.size()).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("3 cases (1 invalid)");
    }

    @Test
    void theCommandLineReadsStandardInputAndWritesStandardOutputAndExitsZeroWhenAllLinesAreValid() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        byte[] input = (caseLine(10) + "\n" + caseLine(90) + "\n").getBytes(StandardCharsets.UTF_8);

        int code = Main.run(new String[] {"batch", "-", "-"}, new ByteArrayInputStream(input),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        assertThat(code).isEqualTo(Main.OK);
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .isEqualTo(expected(caseLine(10)) + "\n" + expected(caseLine(90)) + "\n");
    }

    @Test
    void badUsageExitsTwo(@TempDir Path dir) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        ByteArrayInputStream none = new ByteArrayInputStream(new byte[0]);
        assertThat(Main.run(new String[] {"batch", "only-one"}, none, sink, sink)).isEqualTo(Main.INVALID);
        assertThat(Main.run(new String[] {"batch", "-", "-", "--threads", "0"}, none, sink, sink)).isEqualTo(Main.INVALID);
        assertThat(Main.run(new String[] {"batch", dir.resolve("missing.ndjson").toString(), "-"}, none, sink, sink))
                .isEqualTo(Main.INVALID);
    }
}
