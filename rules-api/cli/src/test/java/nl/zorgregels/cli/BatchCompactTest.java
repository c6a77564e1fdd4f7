package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.zorgregels.api.ZorgregelsEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch --format compact}: each line is the projection of the full decision (CONTRACT.md
 * §6.1), built here independently from the full JSON of the same run, for every example and the
 * 10,000 shipped cases; invalid lines as in the full format; the usage errors; the same bytes on
 * every run and thread count.
 */
class BatchCompactTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "..", "examples");
    private static ZorgregelsEngine engine;
    /** Every example (one line each, as read by Jackson) then the 10k cases. */
    private static byte[] input;
    private static int exampleCount;
    private static int lineCount;

    @BeforeAll
    static void setUp() throws IOException {
        engine = ZorgregelsEngine.packaged();
        StringBuilder lines = new StringBuilder();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                lines.append(JSON.readTree(f.toFile()).toString()).append('\n');
                exampleCount++;
            }
        }
        List<String> cases = Files.readAllLines(EXAMPLES.resolve("cases-10k.ndjson"));
        assertThat(cases).hasSize(10_000);
        cases.forEach(c -> lines.append(c).append('\n'));
        lineCount = exampleCount + cases.size();
        input = lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] runBytes(byte[] in, Batch.Format format, int threads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Batch(engine, format, threads, new PrintStream(new ByteArrayOutputStream()), System::nanoTime)
                .run(new ByteArrayInputStream(in), out, in.length);
        return out.toByteArray();
    }

    private static List<String> run(byte[] in, Batch.Format format, int threads) {
        String text = new String(runBytes(in, format, threads), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /**
     * The compact line CONTRACT.md §6.1 specifies, made from the full decision's JSON: the same
     * values under the same names, criteria as id → status, options split by {@code primary}, notes,
     * warnings and safety items by id, the options' note ids by option.
     */
    static String projection(long line, JsonNode full) {
        ObjectNode p = JSON.createObjectNode();
        p.put("line", line);
        p.putObject("kb").put("version", full.at("/knowledgeBase/version").textValue())
                .put("checksum", full.at("/knowledgeBase/checksum").textValue());
        p.set("safety", ids(full.get("safety")));
        JsonNode pc = full.get("postCovid");
        if (pc != null) {
            ObjectNode o = p.putObject("postCovid");
            o.set("ageGroup", pc.get("ageGroup"));
            o.set("outcome", pc.get("outcome"));
            o.set("criteria", criteria(pc.get("criteria")));
            o.set("missingFacts", pc.get("missingFacts"));
            JsonNode centre = pc.get("centre");
            if (centre != null) {
                ObjectNode c = o.putObject("centre");
                c.set("status", centre.get("status"));
                c.set("centres", centre.get("centres"));
                c.set("ruleId", centre.get("ruleId"));
                if (centre.has("availableFrom")) {
                    c.set("availableFrom", centre.get("availableFrom"));
                }
                c.set("missingFacts", centre.get("missingFacts"));
                c.set("notes", ids(centre.get("notes")));
            }
            o.set("warnings", ids(pc.get("warnings")));
            o.set("notes", ids(pc.get("notes")));
        }
        JsonNode alk = full.get("alk");
        if (alk != null) {
            ObjectNode o = p.putObject("alk");
            o.set("outcome", alk.get("outcome"));
            if (alk.has("severity")) {
                o.set("severity", alk.get("severity"));
            }
            o.set("criteria", criteria(alk.get("criteria")));
            o.set("missingFacts", alk.get("missingFacts"));
            ObjectNode options = o.putObject("options");
            ArrayNode primary = options.putArray("primary");
            ArrayNode lighter = options.putArray("lighter");
            ObjectNode notes = options.putObject("notes");
            for (JsonNode option : alk.get("options")) {
                (option.get("primary").booleanValue() ? primary : lighter).add(option.get("id"));
                if (!option.get("notes").isEmpty()) {
                    notes.set(option.get("id").textValue(), ids(option.get("notes")));
                }
            }
            o.set("warnings", ids(alk.get("warnings")));
            o.set("notes", ids(alk.get("notes")));
        }
        return p.toString();
    }

    private static ArrayNode ids(JsonNode notes) {
        ArrayNode a = JSON.createArrayNode();
        for (JsonNode n : notes) {
            a.add(n.get("id"));
        }
        return a;
    }

    private static ObjectNode criteria(JsonNode criteria) {
        ObjectNode m = JSON.createObjectNode();
        for (JsonNode c : criteria) {
            m.set(c.get("id").textValue(), c.get("status"));
        }
        return m;
    }

    @Test
    void everyCompactLineIsTheProjectionOfTheFullDecisionForEveryExampleAndThe10kCases() throws IOException {
        // the full output (about 100 MB) is read line by line, not held as strings
        byte[] fullBytes = runBytes(input, Batch.Format.FULL, 2);
        List<String> compact = run(input, Batch.Format.COMPACT, 2);
        assertThat(compact).hasSize(lineCount);
        java.io.BufferedReader fullLines = new java.io.BufferedReader(new java.io.InputStreamReader(
                new ByteArrayInputStream(fullBytes), StandardCharsets.UTF_8));
        int decided = 0;
        int invalid = 0;
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < lineCount; i++) {
            String fullLine = fullLines.readLine();
            assertThat(fullLine).as("full output line %d", i + 1).isNotNull();
            JsonNode f = JSON.readTree(fullLine);
            if (f.has("error")) {
                invalid++;
                assertThat(compact.get(i)).as("line %d: an invalid line's record is the full format's", i + 1)
                        .isEqualTo(fullLine);
                continue;
            }
            decided++;
            assertThat(compact.get(i)).as("line %d", i + 1).isEqualTo(projection(i + 1, f));
            JsonNode c = JSON.readTree(compact.get(i));
            kinds.add(c.path("postCovid").path("outcome").asText("-") + "/" + c.path("postCovid").path("centre")
                    .path("status").asText("-") + "/" + c.path("alk").path("severity").asText("-"));
        }
        assertThat(invalid).as("the examples include invalid cases (e.g. adult-typo.json)").isPositive();
        assertThat(decided).isGreaterThan(10_000 - 1);
        // the comparison covered every outcome, centre status and severity, with and without options
        assertThat(kinds).anyMatch(k -> k.startsWith("ELIGIBLE/OFFERED/")).anyMatch(k -> k.startsWith("NOT_ELIGIBLE/-/"))
                .anyMatch(k -> k.contains("/NONE_YET/")).anyMatch(k -> k.contains("/UNKNOWN/"))
                .anyMatch(k -> k.endsWith("/MILD")).anyMatch(k -> k.endsWith("/SEVERE")).anyMatch(k -> k.endsWith("/UNKNOWN"));
        assertThat(compact).anyMatch(l -> l.contains("\"lighter\":[\"")).anyMatch(l -> l.contains("\"availableFrom\":\""))
                .anyMatch(l -> l.contains("\"safety\":[\"")).anyMatch(l -> l.contains("\"warnings\":[\"ALK-"))
                .anyMatch(l -> l.contains("\"notes\":{\"")).anyMatch(l -> l.contains("\"notes\":[\"PC-R"));
        assertThat(fullLines.readLine()).as("nothing after the last line of the full output").isNull();
        long compactBytes = compact.stream().mapToLong(l -> l.length() + 1).sum();
        assertThat(compactBytes).as("compact output is much smaller than full").isLessThan(fullBytes.length / 10);
    }

    @Test
    void theSameBytesOnEveryRunAndThreadCount() {
        List<String> one = run(input, Batch.Format.COMPACT, 1);
        assertThat(one).hasSize(lineCount);
        assertThat(run(input, Batch.Format.COMPACT, 3)).isEqualTo(one);
        assertThat(run(input, Batch.Format.COMPACT, 2)).isEqualTo(one);
        assertThat(run(input, Batch.Format.COMPACT, 2)).isEqualTo(one);
    }

    @Test
    void invalidLinesGetTheErrorRecordOfTheFullFormat() {
        String valid = "{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"},\"alk\":{}}";
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes((valid + "\n").getBytes(StandardCharsets.UTF_8));
        in.writeBytes("{\"assessmentDate\": \n".getBytes(StandardCharsets.UTF_8));
        in.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        in.writeBytes(new byte[] {'{', '"', (byte) 0xC3, '"', '}', '\n'});
        in.writeBytes("{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"},\"postCovid\":{\"bellScore\":55}}\n"
                .getBytes(StandardCharsets.UTF_8));
        in.writeBytes(valid.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = in.toByteArray();

        List<String> compact = run(bytes, Batch.Format.COMPACT, 2);
        List<String> full = run(bytes, Batch.Format.FULL, 2);

        assertThat(compact).hasSize(6);
        for (int i : new int[] {1, 2, 3, 4}) {
            assertThat(compact.get(i)).startsWith("{\"line\":" + (i + 1) + ",\"error\":{\"field\":").isEqualTo(full.get(i));
        }
        assertThat(compact.get(4)).contains("\"field\":\"postCovid.bellScore\"").contains("55");
        assertThat(compact.get(0)).startsWith("{\"line\":1,\"kb\":{\"version\":\"");
        assertThat(compact.get(5)).startsWith("{\"line\":6,\"kb\":");
        assertThat(compact.get(5).substring(compact.get(5).indexOf(",\"kb\"")))
                .isEqualTo(compact.get(0).substring(compact.get(0).indexOf(",\"kb\"")));
    }

    @Test
    void theCommandLineWritesCompactLinesAndExitsAsForTheFullFormat(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("cases.ndjson");
        Path out = dir.resolve("compact.ndjson");
        List<String> cases = Files.readAllLines(EXAMPLES.resolve("cases-10k.ndjson")).subList(0, 50);
        Files.write(in, cases);

        CliCall.Result ok = CliCall.run("", "batch", in.toString(), out.toString(), "--format", "compact", "--threads", "2");

        assertThat(ok.code()).as(ok.err()).isEqualTo(Main.OK);
        assertThat(ok.out()).isEmpty();
        assertThat(ok.err()).contains("batch: 50 cases (0 invalid) in");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(50);
        for (int i = 0; i < 50; i++) {
            String fullLine = nl.zorgregels.api.DecisionJson.writeLine(
                    engine.evaluate(nl.zorgregels.api.DecisionJson.readAssessment(cases.get(i))));
            assertThat(lines.get(i)).isEqualTo(projection(i + 1, JSON.readTree(fullLine)));
        }

        CliCall.Result bad = CliCall.run(cases.get(0) + "\n{}\n", "batch", "-", "-", "--format", "compact");
        assertThat(bad.code()).isEqualTo(Main.INVALID);
        assertThat(bad.out().split("\n")[1]).startsWith("{\"line\":2,\"error\":{\"field\":");
    }

    @Test
    void anUnknownFormatIsAUsageErrorNamingTheValue() {
        CliCall.Result text = CliCall.run("", "batch", "-", "-", "--format", "text");
        assertThat(text.code()).isEqualTo(Main.INVALID);
        assertThat(text.out()).isEmpty();
        assertThat(text.err()).startsWith("zorgregels: --format must be one of json, compact but was text\n")
                .contains("zorgregels batch IN.ndjson|- OUT.ndjson|- [--format json|compact]");
        CliCall.Result xml = CliCall.run("", "batch", "-", "-", "--format", "xml");
        assertThat(xml.code()).isEqualTo(Main.INVALID);
        assertThat(xml.err()).contains("but was xml");
        CliCall.Result missing = CliCall.run("", "batch", "-", "-", "--format");
        assertThat(missing.code()).isEqualTo(Main.INVALID);
        assertThat(missing.err()).contains("--format needs a value");
        CliCall.Result evaluate = CliCall.run("{}", "evaluate", "-", "--format", "compact");
        assertThat(evaluate.code()).isEqualTo(Main.INVALID);
        assertThat(evaluate.err()).contains("--format must be one of json, text, letter, referral, fhir but was compact");
    }
}
