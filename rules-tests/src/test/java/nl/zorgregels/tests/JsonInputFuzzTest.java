package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the JSON input through the command line ({@code evaluate -}, in this JVM through
 * {@code Main.run}, and a handful through a real {@code java -jar zorgregels.jar} process): random
 * mutations of valid cases, truncation, huge and odd numbers, deep nesting, long strings, wrong
 * types, nulls everywhere, duplicate keys, invalid UTF-8, empty input and input over 1 MiB.
 *
 * <p>Every input must be either evaluated (exit 0, a decision on standard output, nothing on
 * standard error) or refused (exit 2 and exactly one line {@code zorgregels: invalid input:
 * FIELD: RULE} naming the field as a path, or {@code $} for the document); never exit 1, never a
 * stack trace, never a hang. An evaluated input must really be valid: an independent strict
 * reader accepts its bytes (UTF-8, one JSON object, no duplicate key), the library gives the same
 * decision for it, and the decision satisfies every invariant of the scenario suite. A refusal
 * whose input is readable JSON must name a field the input has (or a required one it lacks).
 *
 * <p>Seeded and reproducible: {@code -Dzorgregels.fuzz.seed=N} (default 20261123) and
 * {@code -Dzorgregels.fuzz.factor=F} (multiplies the number of random inputs; default 1).
 */
class JsonInputFuzzTest {
    private static final long SEED = Long.getLong("zorgregels.fuzz.seed", 20261123L);
    private static final double FACTOR = Double.parseDouble(System.getProperty("zorgregels.fuzz.factor", "1"));
    /**
     * Hang detector, not a speed assertion: an input that has not given an answer after this long
     * is taken to hang (the slowest input takes well under a second).
     */
    private static final long HANG_GUARD_SECONDS = 60;
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path JAR = Path.of("..", "rules-api", "cli", "target", "zorgregels.jar");
    private static final int MIB = 1 << 20;

    private static final String REFUSAL = "zorgregels: invalid input: ";
    /** A path as the library writes it: names joined by dots, [index], ["odd name"]; or $. */
    private static final Pattern FIELD = Pattern.compile(
            "(\\$|(?:[A-Za-z_][A-Za-z0-9_]*|\\[\\d+]|\\[\"(?:[^\"\\\\]|\\\\.)*\"])(?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+]"
                    + "|\\[\"(?:[^\"\\\\]|\\\\.)*\"])*): (\\S.*)");
    /** A number as JSON writes it (RFC 8259); anything else in a value's place is malformed JSON. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Set<String> REQUIRED = Set.of("assessmentDate", "patient", "patient.birthDate");

    /** A complete case: every field of CONTRACT.md §4 present. */
    private static final String FULL = """
            { "assessmentDate": "2026-11-23",
              "patient": { "birthDate": "1980-04-02", "umcRegion": "UMCG",
                           "dutchGeneralPractitioner": true, "dutchHealthInsurance": true },
              "postCovid": { "complaintsAttributedToCovid": true, "otherCausesInvestigated": true,
                             "positiveTest": false, "complaintOnsetDate": "2025-01-10", "bellScore": 50,
                             "reducedFunctioning": true, "complaintsFromPreExistingDisease": false,
                             "treatmentPathway": "COMPLETED", "otherPais": ["LYME", "Q_FEVER"],
                             "currentCentre": "AMSTERDAM_UMC" },
              "alk": { "complaintOnsetDate": "2026-05-01", "limitsFunctioningOrCausesSuffering": true,
                       "complaintPattern": "MULTIPLE", "functionalLimitation": "MODERATE",
                       "previousGgzTreatmentWithoutEffect": false, "comorbidityToAccountFor": false,
                       "meCvsOrPem": false } }
            """;

    /** The JSON type of each field of {@link #FULL}. */
    private static final Map<String, String> TYPES = types();

    private static ExecutorService runner;
    private static List<byte[]> seeds;
    private static final Map<String, int[]> FIGURES = new LinkedHashMap<>();

    @BeforeAll
    static void setUp() throws IOException {
        runner = Executors.newSingleThreadExecutor();
        seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                seeds.add(Files.readAllBytes(f));
            }
        }
        assertThat(seeds).as("example cases in %s", EXAMPLES).hasSizeGreaterThanOrEqualTo(8);
        seeds.add(FULL.getBytes(StandardCharsets.UTF_8));
        for (Assessment a : CaseArbitraries.sample(SEED, 300)) {
            seeds.add(CaseArbitraries.json(a).getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void tearDown() throws InterruptedException {
        runner.shutdownNow();
        runner.awaitTermination(1, TimeUnit.MINUTES);
        int total = FIGURES.values().stream().mapToInt(f -> f[0]).sum();
        StringBuilder b = new StringBuilder();
        FIGURES.forEach((category, f) -> b.append("\n  ").append(category).append(": ").append(f[0])
                .append(" inputs, ").append(f[1]).append(" evaluated (exit 0), ").append(f[2]).append(" refused (exit 2)"));
        Figures.report("fuzz: {} inputs through the command line (seed {}, factor {}), none with exit 1, a stack trace "
                + "or a hang:{}", total, SEED, FACTOR, b);
    }

    // ---- categories ----------------------------------------------------------------------------

    @Test
    void randomByteMutationsOfValidCases() {
        Campaign c = new Campaign("byte mutations of valid cases");
        Random random = new Random(SEED);
        for (int i = 0; i < scaled(10_000); i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            c.run("#" + i, FuzzJson.mutateBytes(seed, random));
        }
        c.finish(5_000);
        assertThat(c.accepted).as("mutations still valid (e.g. a changed date digit)").isPositive();
        assertThat(c.refused).as("mutations refused").isPositive();
    }

    @Test
    void randomStructuralMutationsOfValidCases() {
        Campaign c = new Campaign("structural mutations of valid cases");
        Random random = new Random(SEED + 1);
        for (int i = 0; i < scaled(10_000); i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            ObjectNode tree = FuzzJson.tree(new String(seed, StandardCharsets.UTF_8));
            c.run("#" + i, FuzzJson.mutateStructure(tree, random).getBytes(StandardCharsets.UTF_8));
        }
        c.finish(5_000);
        assertThat(c.accepted).as("mutations still valid").isPositive();
        assertThat(c.refused).as("mutations refused").isPositive();
    }

    /** Every prefix of every example case (and of some generated ones) that ends before the closing brace. */
    @Test
    void everyTruncationIsRefusedAsMalformed() {
        Campaign c = new Campaign("truncations");
        List<byte[]> cases = new ArrayList<>(seeds.subList(0, 9));
        cases.addAll(seeds.subList(9, 9 + Math.min(20, seeds.size() - 9)));
        for (byte[] whole : cases) {
            int end = new String(whole, StandardCharsets.UTF_8).lastIndexOf('}');
            int endByte = new String(whole, StandardCharsets.UTF_8).substring(0, end).getBytes(StandardCharsets.UTF_8).length;
            for (int length = 0; length <= endByte; length++) {
                byte[] prefix = java.util.Arrays.copyOf(whole, length);
                String field = c.run("prefix of " + length + " bytes", prefix);
                c.expect(field != null && field.equals("$"), "a truncated input is refused as a whole ($)", prefix);
            }
        }
        c.finish(3_000);
        assertThat(c.accepted).isZero();
    }

    /**
     * Numbers of every shape in every field: only a whole Bell score 0, 10, ..., 100 is accepted;
     * every other JSON number is refused naming the field, and what is not a JSON number at all
     * ({@code NaN}, {@code 0x10}, {@code 01}) is refused as malformed JSON ({@code $}).
     */
    @Test
    void hugeAndOddNumbersAreRefusedNamingTheField() {
        Campaign c = new Campaign("huge and odd numbers");
        List<String> numbers = FuzzJson.LITERALS.stream().filter(l -> l.matches("[-+.0-9].*|NaN|-?Infinity|1e.*")).toList();
        List<String> more = new ArrayList<>(numbers);
        more.addAll(List.of("1" + "0".repeat(39), "1" + "0".repeat(40), "9".repeat(5000), "-" + "9".repeat(100),
                "0." + "0".repeat(38) + "1", "1e" + "9".repeat(30), "-1e-2147483648", "6E1", "60e0", "6.0e1"));
        Set<String> validBell = Set.of("0", "-0", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100");
        for (String path : TYPES.keySet()) {
            for (String number : more) {
                ObjectNode tree = FuzzJson.tree(FULL);
                FuzzJson.Place place = place(tree, path);
                place.set(FuzzJson.raw(number));
                byte[] input = FuzzJson.write(tree).getBytes(StandardCharsets.UTF_8);
                String field = c.run(path + " = " + abbreviate(number), input);
                if (path.equals("postCovid.bellScore") && validBell.contains(number)) {
                    c.expect(field == null, "a whole Bell score in steps of 10 is accepted", input);
                } else {
                    String expected = JSON_NUMBER.matcher(number).matches() ? path : "$";
                    c.expect(expected.equals(field), "refused naming " + expected + " (was " + field + ")", input);
                }
            }
            if (TYPES.get(path).equals("array")) {
                for (String number : more) {
                    ObjectNode tree = FuzzJson.tree(FULL);
                    ((com.fasterxml.jackson.databind.node.ArrayNode) place(tree, path).value()).set(0, FuzzJson.raw(number));
                    byte[] input = FuzzJson.write(tree).getBytes(StandardCharsets.UTF_8);
                    String field = c.run(path + "[0] = " + abbreviate(number), input);
                    String expected = JSON_NUMBER.matcher(number).matches() ? path + "[0]" : "$";
                    c.expect(expected.equals(field), "refused naming " + expected + " (was " + field + ")", input);
                }
            }
        }
        c.finish(600);
    }

    @Test
    void deepNestingIsRefused() {
        Campaign c = new Campaign("deep nesting");
        int[] depths = {31, 32, 33, 100, 1_000, 10_000, 100_000, 500_000};
        for (int depth : depths) {
            c.run("[ x " + depth, "[".repeat(depth).getBytes(StandardCharsets.US_ASCII));
            c.run("[ x " + depth + " closed", ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII));
            c.run("{\"a\": x " + depth, "{\"a\":".repeat(depth).getBytes(StandardCharsets.US_ASCII));
            c.run("{\"a\": x " + depth + " closed", ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth))
                    .getBytes(StandardCharsets.US_ASCII));
            for (String path : List.of("postCovid.otherPais", "postCovid", "patient.umcRegion", "alk.meCvsOrPem")) {
                ObjectNode tree = FuzzJson.tree(FULL);
                place(tree, path).set(FuzzJson.raw("[".repeat(depth) + "]".repeat(depth)));
                String field = c.run(path + " nested " + depth, FuzzJson.write(tree).getBytes(StandardCharsets.UTF_8));
                c.expect(field != null && (field.equals(path) || field.startsWith(path + "[")),
                        "refused naming " + path + " or a place inside it (was " + field + ")", null);
            }
        }
        c.finish(depths.length * 8);
        assertThat(c.accepted).isZero();
    }

    @Test
    void longStringsAreRefusedNamingTheField() {
        Campaign c = new Campaign("long strings");
        for (String path : TYPES.keySet()) {
            for (int length : new int[] {10_000, 10_001, 200_000, 1_000_000}) {
                ObjectNode tree = FuzzJson.tree(FULL);
                place(tree, path).set(JsonNodeFactory.instance.textNode("9".repeat(length)));
                String field = c.run(path + " string of " + length, FuzzJson.write(tree).getBytes(StandardCharsets.UTF_8));
                if (length <= MIB - 2_000) {
                    c.expect(path.equals(field), "refused naming " + path + " (was " + field + ")", null);
                } else {
                    c.expect("$".equals(field), "input over 1 MiB refused as a whole (was " + field + ")", null);
                }
            }
        }
        for (String parent : List.of("", "patient", "postCovid", "alk")) {
            for (int length : new int[] {10_000, 10_001, 500_000}) {
                ObjectNode tree = FuzzJson.tree(FULL);
                ObjectNode object = parent.isEmpty() ? tree : (ObjectNode) tree.get(parent);
                object.put("n".repeat(length), 1);
                String field = c.run("field name of " + length + " in " + parent,
                        FuzzJson.write(tree).getBytes(StandardCharsets.UTF_8));
                c.expect(field != null, "refused", null);
            }
        }
        c.finish(TYPES.size() * 4);
        assertThat(c.accepted).isZero();
    }

    /** Each field replaced by a value of each other JSON type: refused naming the field. */
    @Test
    void wrongTypesAreRefusedNamingTheField() {
        Campaign c = new Campaign("wrong types");
        Map<String, List<String>> byType = Map.of(
                "string", List.of("\"x\"", "\"true\"", "\"50\"", "\"\""),
                "number", List.of("1", "1.5", "60", "-7"),
                "boolean", List.of("true", "false"),
                "object", List.of("{}", "{\"a\":1}"),
                "array", List.of("[]", "[\"x\"]", "[1]", "[true]"));
        List<String> paths = new ArrayList<>(TYPES.keySet());
        paths.addAll(List.of("patient", "postCovid", "alk"));
        for (String path : paths) {
            String type = TYPES.getOrDefault(path, "object");
            for (Map.Entry<String, List<String>> e : byType.entrySet()) {
                for (String literal : e.getValue()) {
                    if (rightTypeAndValid(path, type, e.getKey(), literal)) {
                        continue;
                    }
                    ObjectNode tree = FuzzJson.tree(FULL);
                    place(tree, path).set(FuzzJson.raw(literal));
                    byte[] input = FuzzJson.write(tree).getBytes(StandardCharsets.UTF_8);
                    String field = c.run(path + " = " + literal, input);
                    String expected = expectedField(path, type, literal);
                    c.expect(expected.equals(field), "refused naming " + expected + " (was " + field + ")", input);
                }
            }
        }
        c.finish(200);
        assertThat(c.accepted).isZero();
    }

    /**
     * {@code null} in every field: the same decision as without the field, except for the
     * required ones, which are refused naming the field; a null list element is refused naming it.
     * Then random cases with many fields set to null, absent ones included.
     */
    @Test
    void nullsAreAbsentOrRefusedNamingTheField() throws IOException {
        Campaign c = new Campaign("nulls");
        List<String> paths = new ArrayList<>(TYPES.keySet());
        paths.addAll(List.of("patient", "postCovid", "alk", "postCovid.otherPais[0]", "postCovid.otherPais[1]"));
        for (String path : paths) {
            ObjectNode tree = FuzzJson.tree(FULL);
            place(tree, path).set(JsonNodeFactory.instance.nullNode());
            byte[] input = FuzzJson.write(tree).getBytes(StandardCharsets.UTF_8);
            String field = c.run(path + " = null", input);
            if (REQUIRED.contains(path) || path.startsWith("postCovid.otherPais[")) {
                c.expect(path.equals(field), "refused naming " + path + " (was " + field + ")", input);
            } else {
                ObjectNode without = FuzzJson.tree(FULL);
                place(without, path).remove();
                c.expectSameDecision(input, FuzzJson.write(without), "null is the same as absent: " + path);
            }
        }
        Random random = new Random(SEED + 7);
        List<String> optional = TYPES.keySet().stream().filter(p -> !REQUIRED.contains(p)).toList();
        for (int i = 0; i < scaled(1_000); i++) {
            byte[] seed = seeds.get(9 + random.nextInt(seeds.size() - 9));
            ObjectNode withNulls = FuzzJson.tree(new String(seed, StandardCharsets.UTF_8));
            ObjectNode without = withNulls.deepCopy();
            for (String path : optional) {
                if (random.nextInt(3) == 0) {
                    String parent = path.contains(".") ? path.substring(0, path.indexOf('.')) : "";
                    if (!parent.isEmpty() && !withNulls.has(parent)) {
                        continue;
                    }
                    ObjectNode object = parent.isEmpty() ? withNulls : (ObjectNode) withNulls.get(parent);
                    object.putNull(path.substring(path.indexOf('.') + 1));
                    ObjectNode o2 = parent.isEmpty() ? without : (ObjectNode) without.get(parent);
                    o2.remove(path.substring(path.indexOf('.') + 1));
                }
            }
            byte[] input = FuzzJson.write(withNulls).getBytes(StandardCharsets.UTF_8);
            c.run("random nulls #" + i, input);
            c.expectSameDecision(input, FuzzJson.write(without), "nulls are the same as absent fields");
        }
        c.finish(1_000);
    }

    /** Every key given twice (same value and another value), at every level: refused naming the key. */
    @Test
    void duplicateKeysAreRefusedNamingTheKey() {
        Campaign c = new Campaign("duplicate keys");
        List<String> paths = new ArrayList<>(TYPES.keySet());
        paths.addAll(List.of("patient", "postCovid", "alk"));
        for (String path : paths) {
            for (boolean sameValue : new boolean[] {true, false}) {
                ObjectNode tree = FuzzJson.tree(FULL);
                FuzzJson.Place place = place(tree, path);
                FuzzJson.duplicate((ObjectNode) place.parent(), place.key(),
                        sameValue ? place.value().deepCopy() : FuzzJson.raw("null"));
                byte[] input = FuzzJson.write(tree).getBytes(StandardCharsets.UTF_8);
                String field = c.run(path + " twice", input);
                c.expect(path.equals(field), "refused naming " + path + " (was " + field + ")", input);
            }
        }
        Random random = new Random(SEED + 11);
        for (int i = 0; i < scaled(1_000); i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            ObjectNode tree = FuzzJson.tree(new String(seed, StandardCharsets.UTF_8));
            List<FuzzJson.Place> fields = FuzzJson.places(tree).stream().filter(p -> p.index() < 0).toList();
            FuzzJson.Place place = fields.get(random.nextInt(fields.size()));
            FuzzJson.duplicate((ObjectNode) place.parent(), place.key(), place.value().deepCopy());
            byte[] input = FuzzJson.write(tree, random).getBytes(StandardCharsets.UTF_8);
            String field = c.run("random duplicate #" + i + " " + place.path(), input);
            c.expect(place.path().equals(field), "refused naming " + place.path() + " (was " + field + ")", input);
        }
        c.finish(1_000);
        assertThat(c.accepted).isZero();
    }

    /** Invalid UTF-8 anywhere in a valid case: always refused, never decoded into something accepted. */
    @Test
    void invalidUtf8IsRefused() {
        Campaign c = new Campaign("invalid UTF-8");
        byte[][] invalid = {
                {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xBF},
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFE}, {(byte) 0xFF},
                {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
        Random random = new Random(SEED + 13);
        for (int i = 0; i < scaled(3_000); i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] bad = invalid[random.nextInt(invalid.length)];
            int at = random.nextInt(seed.length + 1);
            if (random.nextBoolean()) {
                // inside a string: just after an opening quote
                int quote = indexOf(seed, (byte) '"', at);
                at = quote < 0 ? at : quote + 1;
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(seed, 0, at);
            b.writeBytes(bad);
            b.write(seed, at, seed.length - at);
            String field = c.run("#" + i + " at byte " + at, b.toByteArray());
            c.expect(field != null, "refused", b.toByteArray());
        }
        byte[] full = FULL.getBytes(StandardCharsets.UTF_8);
        c.run("UTF-16BE", FULL.getBytes(StandardCharsets.UTF_16BE));
        c.run("UTF-16LE", FULL.getBytes(StandardCharsets.UTF_16LE));
        c.run("UTF-16 with BOM", FULL.getBytes(StandardCharsets.UTF_16));
        c.run("UTF-32", FULL.getBytes(java.nio.charset.Charset.forName("UTF-32")));
        c.run("ISO-8859-1 é in a name", "{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"},\"\u00e9\":1}"
                .getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bom.writeBytes(full);
        c.run("UTF-8 with a byte order mark", bom.toByteArray());
        c.finish(3_000);
    }

    @Test
    void emptyAndNonObjectInputsAreRefusedAsAWhole() {
        Campaign c = new Campaign("empty and non-object input");
        for (String text : List.of("", " ", "\n", "\r\n\t ", "\u0000", "null", "[]", "[{}]", "1", "\"x\"", "true",
                "}", "{", "]", "{}{}", "{} x", "/* */ {}", "// x\n{}", "\ufeff")) {
            byte[] input = text.getBytes(StandardCharsets.UTF_8);
            String field = c.run(abbreviate(text), input);
            c.expect("$".equals(field), "refused as a whole ($) (was " + field + ")", input);
        }
        String field = c.run("{}", "{}".getBytes(StandardCharsets.UTF_8));
        c.expect("assessmentDate".equals(field), "{} is refused naming assessmentDate (was " + field + ")", null);
        c.finish(20);
        assertThat(c.accepted).isZero();
    }

    /** Over 1 MiB is refused as a whole; a valid case padded to exactly 1 MiB is still decided. */
    @Test
    void inputOverOneMebibyteIsRefused() {
        Campaign c = new Campaign("input over 1 MiB");
        byte[] full = FULL.strip().getBytes(StandardCharsets.UTF_8);
        String field = c.run("valid case padded to 1 MiB", pad(full, MIB));
        c.expect(field == null, "a valid case of exactly 1 MiB is decided", null);
        for (int size : new int[] {MIB + 1, MIB + 8192, 2 * MIB, 8 * MIB}) {
            field = c.run("valid case padded to " + size + " bytes", pad(full, size));
            c.expect("$".equals(field), "refused as a whole ($) (was " + field + ")", null);
        }
        field = c.run("1.5 MiB of [", "[".repeat(MIB + MIB / 2).getBytes(StandardCharsets.US_ASCII));
        c.expect("$".equals(field), "refused as a whole ($) (was " + field + ")", null);
        StringBuilder many = new StringBuilder("{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"},"
                + "\"postCovid\":{\"otherPais\":[");
        while (many.length() < MIB + 100) {
            many.append("\"LYME\",");
        }
        many.append("\"LYME\"]}}");
        field = c.run("otherPais of over 1 MiB", many.toString().getBytes(StandardCharsets.US_ASCII));
        c.expect("$".equals(field), "refused as a whole ($) (was " + field + ")", null);
        String justUnder = many.substring(0, many.lastIndexOf("\"LYME\",", MIB - 100)) + "\"LYME\"]}}";
        field = c.run("otherPais of just under 1 MiB", justUnder.getBytes(StandardCharsets.US_ASCII));
        c.expect(field == null, "a list of " + (justUnder.length() / 7) + " syndromes under 1 MiB is decided", null);
        Random random = new Random(SEED + 17);
        byte[] noise = new byte[3 * MIB];
        random.nextBytes(noise);
        field = c.run("3 MiB of random bytes", noise);
        c.expect("$".equals(field), "refused as a whole ($) (was " + field + ")", null);
        c.finish(8);
    }

    /**
     * A handful of inputs through a real {@code java -jar zorgregels.jar evaluate -} process: the
     * same exit codes and messages, no stack trace or log noise, and for a valid case the same
     * bytes as in this JVM.
     */
    @Test
    void aHandfulThroughARealProcess(@TempDir Path tmp) throws Exception {
        assertThat(JAR).as("the command line jar (built by rules-api/cli)").exists();
        Campaign c = new Campaign("real java -jar processes");
        byte[] valid = Files.readAllBytes(EXAMPLES.resolve("adult-eligible.json"));
        ObjectNode dup = FuzzJson.tree(FULL);
        FuzzJson.duplicate((ObjectNode) dup.get("postCovid"), "bellScore", FuzzJson.raw("70"));
        ByteArrayOutputStream badUtf8 = new ByteArrayOutputStream();
        badUtf8.writeBytes("{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"},\"postCovid\":{\"treatmentPathway\":\"COMP"
                .getBytes(StandardCharsets.US_ASCII));
        badUtf8.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
        badUtf8.writeBytes("LETED\"}}".getBytes(StandardCharsets.US_ASCII));
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("valid example", valid);
        inputs.put("empty", new byte[0]);
        inputs.put("100k [", "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
        inputs.put("invalid UTF-8", badUtf8.toByteArray());
        inputs.put("wrong type", FULL.replace("\"bellScore\": 50", "\"bellScore\": \"50\"").getBytes(StandardCharsets.UTF_8));
        inputs.put("duplicate key", FuzzJson.write(dup).getBytes(StandardCharsets.UTF_8));
        inputs.put("over 1 MiB", pad(FULL.strip().getBytes(StandardCharsets.UTF_8), MIB + 1));
        int i = 0;
        for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
            CliRunner.Result inJvm = CliRunner.run(e.getValue(), "evaluate", "-");
            CliRunner.Result process = runProcess(tmp.resolve("input-" + i++), e.getValue());
            String field = c.check(e.getKey(), e.getValue(), process);
            c.expect(process.exitCode() == inJvm.exitCode() && process.out().equals(inJvm.out())
                            && process.err().equals(inJvm.err()),
                    "the process gives what Main.run gives in this JVM: exit " + inJvm.exitCode() + " / " + process.exitCode()
                            + "\n      in JVM stderr:  " + inJvm.err().strip() + "\n      process stderr: " + process.err().strip(),
                    null);
            if (e.getKey().equals("valid example")) {
                c.expect(field == null, "the valid example is decided", null);
            }
        }
        c.finish(inputs.size());
    }

    // ---- the oracle --------------------------------------------------------------------------------

    /** Runs inputs of one category, judges each and keeps the figures. */
    private static final class Campaign {
        final String category;
        int inputs;
        int accepted;
        int refused;
        final List<String> problems = new ArrayList<>();
        private String currentLabel;
        private byte[] currentInput;

        Campaign(String category) {
            this.category = category;
        }

        /**
         * Runs one input through {@code evaluate -} and judges it.
         *
         * @return the field the refusal names, or null if the input was evaluated
         */
        String run(String label, byte[] input) {
            currentLabel = label;
            currentInput = input;
            Future<CliRunner.Result> result = runner.submit(() -> CliRunner.run(input, "evaluate", "-"));
            CliRunner.Result r;
            try {
                r = result.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                result.cancel(true);
                runner.shutdownNow();
                runner = Executors.newSingleThreadExecutor();
                throw new AssertionError(category + " " + label + ": no answer after " + HANG_GUARD_SECONDS
                        + " s (hung?); input " + preview(input));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (ExecutionException e) {
                throw new AssertionError(category + " " + label + ": Main.run threw " + e.getCause()
                        + "; input " + preview(input), e.getCause());
            }
            return check(label, input, r);
        }

        /** Judges what one input gave; returns the field named by a refusal, or null. */
        String check(String label, byte[] input, CliRunner.Result r) {
            currentLabel = label;
            currentInput = input;
            inputs++;
            if (r.err().contains("Exception") || r.err().contains("\tat ") || r.err().matches("(?s).*\\n\\s+at .*")) {
                problem("a stack trace or exception on stderr: " + r.err());
            }
            if (r.exitCode() == 0) {
                accepted++;
                judgeAccepted(input, r);
                return null;
            }
            if (r.exitCode() != 2) {
                problem("exit code " + r.exitCode() + " (only 0 and 2 are allowed); stderr: " + r.err());
                return null;
            }
            refused++;
            if (!r.out().isEmpty()) {
                problem("a refused input printed to stdout: " + abbreviate(r.out()));
            }
            String err = r.err();
            if (!err.startsWith(REFUSAL) || !err.endsWith("\n") || err.indexOf('\n') != err.length() - 1) {
                problem("stderr must be one line \"" + REFUSAL + "FIELD: RULE\" but was: " + abbreviate(err));
                return "";
            }
            Matcher m = FIELD.matcher(err.substring(REFUSAL.length(), err.length() - 1));
            if (!m.matches()) {
                problem("the refusal does not name a field path ($ or a.b[0]) and a rule: " + abbreviate(err));
                return "";
            }
            String field = m.group(1);
            JsonNode tree = strictTree(input);
            if (tree != null && !field.equals("$")) {
                JsonNode named = FuzzJson.resolve(tree, field);
                boolean requiredAndAbsent = REQUIRED.contains(field) && (named == null || named.isNull());
                if (named == null && !requiredAndAbsent) {
                    problem("the refusal names " + field + ", which the input does not have: " + abbreviate(err));
                }
            }
            return field;
        }

        private void judgeAccepted(byte[] input, CliRunner.Result r) {
            if (!r.err().isEmpty()) {
                problem("an evaluated input wrote to stderr: " + abbreviate(r.err()));
            }
            JsonNode tree = strictTree(input);
            if (tree == null || !tree.isObject()) {
                problem("evaluated an input that an independent strict reader refuses (not UTF-8, not one JSON "
                        + "object, or a duplicate key)");
                return;
            }
            Decision decision;
            try {
                decision = Engines.shared().evaluate(DecisionJson.readAssessment(new String(input, StandardCharsets.UTF_8)));
            } catch (InvalidInputException e) {
                problem("the command line evaluated an input the library refuses: " + e.getMessage());
                return;
            }
            if (!r.out().equals(DecisionJson.write(decision) + "\n")) {
                problem("the command line's decision differs from the library's");
            }
            List<String> broken = new ArrayList<>();
            DecisionChecks.invariants(tree, decision, broken);
            if (!broken.isEmpty()) {
                problem("the decision breaks contract invariants: " + broken);
            }
        }

        void expect(boolean condition, String what, byte[] input) {
            if (!condition) {
                problem("expected: " + what);
            }
        }

        /** The input (already run) must give the same decision as {@code without}. */
        void expectSameDecision(byte[] input, String without, String what) {
            CliRunner.Result a = CliRunner.run(input, "evaluate", "-");
            CliRunner.Result b = CliRunner.run(without.getBytes(StandardCharsets.UTF_8), "evaluate", "-");
            if (a.exitCode() != 0 || b.exitCode() != 0 || !a.out().equals(b.out())) {
                problem(what + ": exit " + a.exitCode() + " vs " + b.exitCode() + ", stderr " + abbreviate(a.err())
                        + " / " + abbreviate(b.err()) + (a.out().equals(b.out()) ? "" : ", different decisions"));
            }
        }

        private void problem(String what) {
            if (problems.size() < 20) {
                problems.add(category + " " + currentLabel + ": " + what + "\n      input: " + preview(currentInput));
            } else if (problems.size() == 20) {
                problems.add("... more");
            }
        }

        void finish(int minimumInputs) {
            FIGURES.put(category, new int[] {inputs, accepted, refused});
            assertThat(problems).as("%s: %d inputs, %d evaluated, %d refused; problems", category, inputs, accepted,
                    refused).isEmpty();
            assertThat(inputs).as("inputs tried in %s", category).isGreaterThanOrEqualTo(
                    Math.min(minimumInputs, scaled(minimumInputs)));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static CliRunner.Result runProcess(Path base, byte[] input) throws IOException, InterruptedException {
        Path in = Files.write(base.resolveSibling(base.getFileName() + ".in"), input);
        Path out = base.resolveSibling(base.getFileName() + ".out");
        Path err = base.resolveSibling(base.getFileName() + ".err");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "evaluate", "-")
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // a hang detector, not a speed assertion: start-up and one decision take a few seconds
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("java -jar zorgregels.jar evaluate - did not finish within 5 minutes (hung?)");
        }
        return new CliRunner.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** @return the bytes read by the independent strict reader, or null if it refuses them */
    private static JsonNode strictTree(byte[] input) {
        return FuzzJson.strictRead(input);
    }

    private static Map<String, String> types() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("assessmentDate", "date");
        t.put("patient.birthDate", "date");
        t.put("patient.umcRegion", "enum");
        t.put("patient.dutchGeneralPractitioner", "boolean");
        t.put("patient.dutchHealthInsurance", "boolean");
        for (String b : List.of("complaintsAttributedToCovid", "otherCausesInvestigated", "positiveTest",
                "reducedFunctioning", "complaintsFromPreExistingDisease")) {
            t.put("postCovid." + b, "boolean");
        }
        t.put("postCovid.complaintOnsetDate", "date");
        t.put("postCovid.bellScore", "number");
        t.put("postCovid.treatmentPathway", "enum");
        t.put("postCovid.otherPais", "array");
        t.put("postCovid.currentCentre", "enum");
        t.put("alk.complaintOnsetDate", "date");
        t.put("alk.limitsFunctioningOrCausesSuffering", "boolean");
        t.put("alk.complaintPattern", "enum");
        t.put("alk.functionalLimitation", "enum");
        for (String b : List.of("previousGgzTreatmentWithoutEffect", "comorbidityToAccountFor", "meCvsOrPem")) {
            t.put("alk." + b, "boolean");
        }
        return t;
    }

    /** Whether {@code literal} (of JSON type {@code literalType}) is a valid value for the field. */
    private static boolean rightTypeAndValid(String path, String type, String literalType, String literal) {
        return switch (type) {
            case "boolean" -> literalType.equals("boolean");
            case "number" -> literal.equals("60");
            case "array" -> literal.equals("[]");
            case "object" -> literal.equals("{}") && !path.equals("patient");
            default -> false;
        };
    }

    /** The field a refusal of {@code literal} in {@code path} names. */
    private static String expectedField(String path, String type, String literal) {
        if (type.equals("array") && literal.startsWith("[")) {
            return path + "[0]";
        }
        if (type.equals("object") && literal.equals("{}")) {
            return path + ".birthDate";
        }
        if (type.equals("object") && literal.equals("{\"a\":1}")) {
            return path + ".a";
        }
        return path;
    }

    private static FuzzJson.Place place(ObjectNode tree, String path) {
        for (FuzzJson.Place p : FuzzJson.places(tree)) {
            if (p.path().equals(path)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no " + path + " in the case");
    }

    private static byte[] pad(byte[] json, int size) {
        byte[] padded = new byte[size];
        System.arraycopy(json, 0, padded, 0, json.length);
        java.util.Arrays.fill(padded, json.length, size, (byte) ' ');
        return padded;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int scaled(int count) {
        return Math.max(1, (int) Math.round(count * FACTOR));
    }

    private static String preview(byte[] input) {
        if (input == null) {
            return "(none)";
        }
        String text = new String(input, 0, Math.min(input.length, 300), StandardCharsets.ISO_8859_1)
                .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return input.length + " bytes: " + text.replaceAll("[^\\x20-\\x7e]", "?") + (input.length > 300 ? "..." : "");
    }

    private static String abbreviate(String text) {
        String t = text.replace("\n", "\\n");
        return t.length() > 300 ? t.substring(0, 300) + "... (" + t.length() + " characters)" : t;
    }
}
