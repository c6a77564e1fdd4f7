package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.fhir.FhirAssessments;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the FHIR input through the command line ({@code evaluate - --date 2026-11-23}, in this
 * JVM through {@code Main.run}), as {@link JsonInputFuzzTest} fuzzes the JSON input: random byte and
 * structural mutations of valid Bundles (the example Bundle and Bundles {@link FhirCases} writes for
 * generated cases), FHIR-aware mutations (value[x] of another type, other linkIds, codes, statuses,
 * dates and resource types, removed and repeated entries and keys), and odd inputs (empty, huge,
 * deep, invalid UTF-8).
 *
 * <p>Every input must be evaluated (exit 0, the library's decision for the same text on standard
 * output, nothing on standard error; the decision satisfies the scenario suite's invariants for
 * the case the Bundle reads as) or refused (exit 2, one line {@code zorgregels: invalid input:
 * PATH: RULE} whose path is a FHIR path into the input, {@code $}, {@code resourceType} or
 * {@code assessmentDate}; or a usage line when a mutation made the input no FHIR at all); never
 * exit 1, never a stack trace, never a hang.
 *
 * <p>Seeded: {@code -Dzorgregels.fuzz.seed=N} (default 20261123), {@code -Dzorgregels.fuzz.factor=F}.
 */
class FhirInputFuzzTest {
    private static final long SEED = Long.getLong("zorgregels.fuzz.seed", 20261123L);
    private static final double FACTOR = Double.parseDouble(System.getProperty("zorgregels.fuzz.factor", "1"));
    /** Hang detector, not a speed assertion. */
    private static final long HANG_GUARD_SECONDS = 60;
    private static final String DATE = "2026-11-23";
    private static final String REFUSAL = "zorgregels: invalid input: ";
    /** A FHIR path as the reader writes it: Bundle.entry[2].resource.item[0].answer[0].valueInteger. */
    private static final Pattern FIELD = Pattern.compile(
            "(\\$|resourceType|assessmentDate|Bundle(?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+]|\\[\"(?:[^\"\\\\]|\\\\.)*\"])*): (\\S.*)");
    private static final List<String> VALUE_TYPES = List.of("valueBoolean", "valueInteger", "valueDate", "valueDateTime",
            "valueString", "valueCoding", "valueDecimal", "valueQuantity", "valueCode");
    private static final List<String> STATUSES = List.of("final", "amended", "preliminary", "completed", "in-progress",
            "entered-in-error", "not-done", "active", "refuted", "resolved", "bogus");
    private static final List<String> LINK_IDS = List.of("patient", "postCovid", "alk", "patient.birthDate",
            "postCovid.bellScore", "postCovid.otherPais", "postCovid.treatmentPathway", "alk.complaintPattern",
            "postCovid.belScore", "", "assessmentDate");
    private static final List<String> CODES = List.of("1119303003", "1119304009", "52702003", "91251008", "84478008",
            "bell-cfids-score", "UMCG", "ME_CVS", "COMPLETED", "SEVERE", "nonsense");
    private static final List<String> DATES = List.of("1980-04-02", "2025-01-10", "2026-11-23", "2026-11-24", "1980",
            "1980-04", "2026-02-30", "2025-01-10T10:00:00+01:00", "10-01-2025", "");
    private static final List<String> TYPES = List.of("Patient", "QuestionnaireResponse", "Condition", "Observation",
            "Procedure", "Bundle", "Encounter", "patient");

    private static ExecutorService runner;
    private static List<byte[]> seeds;
    private static final Map<String, int[]> FIGURES = new LinkedHashMap<>();

    @BeforeAll
    static void setUp() throws IOException {
        runner = Executors.newSingleThreadExecutor();
        seeds = new ArrayList<>();
        seeds.add(Files.readAllBytes(Path.of("..", "examples", "fhir", "adult-eligible-bundle.json")));
        SplittableRandom r = new SplittableRandom(SEED);
        for (Assessment a : CaseArbitraries.sample(SEED, 150)) {
            // as FHIR with this date: generated cases of other dates are rewritten to it
            ObjectNode input = FuzzJson.tree(CaseArbitraries.json(a));
            input.put("assessmentDate", DATE);
            try {
                DecisionJson.readAssessment(input.toString());
            } catch (InvalidInputException e) {
                continue; // an onset after the new date: no valid seed
            }
            seeds.add(FhirCases.json(FhirCases.bundle(FhirCases.normalised(input), r.split())).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(seeds).hasSizeGreaterThan(50);
    }

    @AfterAll
    static void tearDown() throws InterruptedException {
        runner.shutdownNow();
        runner.awaitTermination(1, TimeUnit.MINUTES);
        int total = FIGURES.values().stream().mapToInt(f -> f[0]).sum();
        StringBuilder b = new StringBuilder();
        FIGURES.forEach((category, f) -> b.append("\n  ").append(category).append(": ").append(f[0])
                .append(" inputs, ").append(f[1]).append(" evaluated (exit 0), ").append(f[2]).append(" refused (exit 2)"));
        Figures.report("fhir fuzz: {} inputs through the command line (seed {}, factor {}), none with exit 1, a stack "
                + "trace or a hang:{}", total, SEED, FACTOR, b);
    }

    @Test
    void byteMutationsOfValidBundles() {
        Campaign c = new Campaign("byte mutations of Bundles");
        Random random = new Random(SEED);
        for (int i = 0; i < scaled(3_000); i++) {
            c.run("#" + i, FuzzJson.mutateBytes(seeds.get(random.nextInt(seeds.size())), random));
        }
        c.finish();
        assertThat(c.accepted).isPositive();
        assertThat(c.refused).isPositive();
    }

    @Test
    void structuralMutationsOfValidBundles() {
        Campaign c = new Campaign("structural mutations of Bundles");
        Random random = new Random(SEED + 1);
        for (int i = 0; i < scaled(3_000); i++) {
            ObjectNode tree = FuzzJson.tree(new String(seeds.get(random.nextInt(seeds.size())), StandardCharsets.UTF_8));
            c.run("#" + i, FuzzJson.mutateStructure(tree, random).getBytes(StandardCharsets.UTF_8));
        }
        c.finish();
        assertThat(c.refused).isPositive();
    }

    @Test
    void fhirAwareMutationsOfValidBundles() {
        Campaign c = new Campaign("FHIR-aware mutations of Bundles");
        Random random = new Random(SEED + 2);
        for (int i = 0; i < scaled(4_000); i++) {
            ObjectNode tree = FuzzJson.tree(new String(seeds.get(random.nextInt(seeds.size())), StandardCharsets.UTF_8));
            int n = 1 + random.nextInt(3);
            for (int k = 0; k < n; k++) {
                mutateFhir(tree, random);
            }
            c.run("#" + i, FuzzJson.write(tree, random).getBytes(StandardCharsets.UTF_8));
        }
        c.finish();
        assertThat(c.accepted).isPositive();
        assertThat(c.refused).isPositive();
    }

    @Test
    void oddInputs() {
        Campaign c = new Campaign("odd inputs");
        String valid = new String(seeds.get(0), StandardCharsets.UTF_8);
        List<String> odd = List.of("", " ", "{}", "[]", "null", "{\"resourceType\":1}", "{\"resourceType\":\"Bundle\"}",
                "{\"resourceType\":\"Bundle\",\"entry\":{}}", "{\"resourceType\":\"Bundle\",\"entry\":[1]}",
                "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":[]}]}",
                "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"birthDate\":1980}}]}",
                "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"birthDate\":\"1980-04-02\"}},"
                        + "{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",\"valueInteger\":1e400}}]}",
                "{\"resourceType\":\"Bundle\"," + "\"entry\":[{\"resource\":".repeat(40) + "{}" + "}]".repeat(40) + "}",
                "{\"resourceType\":\"Bundle\",\"id\":\"" + "x".repeat(2_000_000) + "\"}",
                valid + valid, valid.substring(0, valid.length() / 2), "\uFEFF" + valid);
        for (int i = 0; i < odd.size(); i++) {
            c.run("odd #" + i, odd.get(i).getBytes(StandardCharsets.UTF_8));
        }
        byte[] invalidUtf8 = seeds.get(0).clone();
        invalidUtf8[invalidUtf8.length / 2] = (byte) 0xC3;
        c.run("invalid UTF-8", invalidUtf8);
        c.finish();
        assertThat(c.refused).isGreaterThanOrEqualTo(odd.size());
    }

    /** One FHIR-aware change at a random place of the Bundle. */
    private static void mutateFhir(ObjectNode tree, Random random) {
        List<ObjectNode> objects = FuzzJson.objects(tree);
        ObjectNode o = objects.get(random.nextInt(objects.size()));
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        String key = keys.isEmpty() ? "x" : keys.get(random.nextInt(keys.size()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (random.nextInt(12)) {
            case 0 -> { // value[x] of another type, same value
                for (String k : keys) {
                    if (k.startsWith("value")) {
                        o.set(VALUE_TYPES.get(random.nextInt(VALUE_TYPES.size())), o.remove(k));
                        return;
                    }
                }
                o.set(VALUE_TYPES.get(random.nextInt(VALUE_TYPES.size())), FuzzJson.randomValue(new Random(random.nextLong())));
            }
            case 1 -> o.put("linkId", LINK_IDS.get(random.nextInt(LINK_IDS.size())));
            case 2 -> o.put("status", STATUSES.get(random.nextInt(STATUSES.size())));
            case 3 -> o.put("code", CODES.get(random.nextInt(CODES.size())));
            case 4 -> o.put(List.of("birthDate", "valueDate", "onsetDateTime", "effectiveDateTime").get(random.nextInt(4)),
                    DATES.get(random.nextInt(DATES.size())));
            case 5 -> o.put("resourceType", TYPES.get(random.nextInt(TYPES.size())));
            case 6 -> o.remove(key);
            case 7 -> { // repeat an entry or an array element
                JsonNode v = o.get(key);
                if (v instanceof ArrayNode a && a.size() > 0) {
                    a.add(a.get(random.nextInt(a.size())).deepCopy());
                }
            }
            case 8 -> o.put(key, List.of(0, 10, 55, -10, 110, 2147483647).get(random.nextInt(6)));
            case 9 -> o.set(key, f.booleanNode(random.nextBoolean()));
            case 10 -> o.set("subject", FuzzJson.tree("{\"reference\":\"" + List.of("Patient/p1", "Patient/x", "Group/1",
                    "urn:uuid:1", "#c").get(random.nextInt(5)) + "\"}"));
            default -> o.put("system", List.of("http://snomed.info/sct", "http://zorgregels.nl/fhir/CodeSystem/Centre",
                    "http://zorgregels.nl/fhir/CodeSystem/observation", "urn:x").get(random.nextInt(4)));
        }
    }

    private static int scaled(int n) {
        return Math.max(1, (int) Math.round(n * FACTOR));
    }

    private static final class Campaign {
        final String category;
        int inputs;
        int accepted;
        int refused;
        final List<String> problems = new ArrayList<>();

        Campaign(String category) {
            this.category = category;
        }

        void run(String label, byte[] input) {
            Future<CliRunner.Result> result = runner.submit(() -> CliRunner.run(input, "evaluate", "-", "--date", DATE));
            CliRunner.Result r;
            try {
                r = result.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                result.cancel(true);
                runner.shutdownNow();
                runner = Executors.newSingleThreadExecutor();
                throw new AssertionError(category + " " + label + ": no answer after " + HANG_GUARD_SECONDS + " s (hung?)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (ExecutionException e) {
                throw new AssertionError(category + " " + label + ": Main.run threw " + e.getCause(), e.getCause());
            }
            check(label, input, r);
        }

        private void check(String label, byte[] input, CliRunner.Result r) {
            inputs++;
            String err = r.err();
            if (err.contains("Exception") || err.contains("\tat ") || err.matches("(?s).*\\n\\s+at .*")) {
                problem(label, "a stack trace or exception on stderr: " + abbreviate(err));
            }
            if (r.exitCode() == 0) {
                accepted++;
                judgeAccepted(label, input, r);
                return;
            }
            if (r.exitCode() != 2) {
                problem(label, "exit code " + r.exitCode() + "; stderr: " + abbreviate(err) + where(input));
                return;
            }
            refused++;
            if (!r.out().isEmpty()) {
                problem(label, "a refused input printed to stdout");
            }
            if (err.startsWith("zorgregels: --date is for FHIR input only")) {
                return; // the mutation made it no FHIR input (no top-level resourceType): a usage error
            }
            if (!err.startsWith(REFUSAL) || err.indexOf('\n') != err.length() - 1) {
                problem(label, "stderr must be one line \"" + REFUSAL + "PATH: RULE\" but was: " + abbreviate(err));
                return;
            }
            Matcher m = FIELD.matcher(err.substring(REFUSAL.length(), err.length() - 1));
            if (!m.matches()) {
                problem(label, "the refusal does not name a FHIR path and a rule: " + abbreviate(err));
                return;
            }
            String field = m.group(1);
            JsonNode tree = FuzzJson.strictRead(input);
            if (tree != null && field.startsWith("Bundle.")) {
                // the element named, or the object that lacks it, is in the input
                String inside = field.substring("Bundle.".length());
                String parent = inside.substring(0, lastSegment(inside));
                if (FuzzJson.resolve(tree, inside) == null && (!parent.isEmpty() && FuzzJson.resolve(tree, parent) == null)) {
                    problem(label, "the refusal names " + field + ", which is not in the input: " + abbreviate(err));
                }
            }
        }

        private void judgeAccepted(String label, byte[] input, CliRunner.Result r) {
            if (!r.err().isEmpty()) {
                problem(label, "an evaluated input wrote to stderr: " + abbreviate(r.err()));
            }
            if (FuzzJson.strictRead(input) == null) {
                problem(label, "evaluated an input an independent strict reader refuses");
                return;
            }
            Assessment a;
            try {
                a = FhirAssessments.read(new String(input, StandardCharsets.UTF_8), LocalDate.parse(DATE));
            } catch (InvalidInputException e) {
                problem(label, "the command line evaluated a Bundle the library refuses: " + e.getMessage());
                return;
            }
            Decision decision = Engines.shared().evaluate(a);
            if (!r.out().equals(DecisionJson.write(decision) + "\n")) {
                problem(label, "the command line's decision differs from the library's");
            }
            // the case the Bundle reads as: the same decision from its JSON, and the suite's invariants
            String json = CaseArbitraries.json(a);
            Decision fromJson = Engines.shared().evaluate(DecisionJson.readAssessment(json));
            if (!DecisionJson.write(fromJson).equals(DecisionJson.write(decision))) {
                problem(label, "the decision differs from that of the JSON case it reads as");
            }
            List<String> broken = new ArrayList<>();
            DecisionChecks.invariants(FuzzJson.tree(json), decision, broken);
            if (!broken.isEmpty()) {
                problem(label, "the decision breaks contract invariants: " + broken);
            }
        }

        /** For an internal error: where the library fails on the same input (the first frames). */
        private static String where(byte[] input) {
            try {
                Engines.shared().evaluate(FhirAssessments.read(new String(input, StandardCharsets.UTF_8), LocalDate.parse(DATE)));
                return "";
            } catch (InvalidInputException e) {
                return "";
            } catch (RuntimeException e) {
                StringBuilder b = new StringBuilder("; library: ").append(e);
                StackTraceElement[] frames = e.getStackTrace();
                for (int i = 0; i < Math.min(8, frames.length); i++) {
                    b.append(" <- ").append(frames[i]);
                }
                return b.toString();
            }
        }

        private void problem(String label, String what) {
            if (problems.size() < 20) {
                problems.add(label + ": " + what);
            }
        }

        void finish() {
            FIGURES.put(category, new int[] {inputs, accepted, refused});
            assertThat(problems).as(category).isEmpty();
        }
    }

    /** Where the last segment of a path starts ({@code .name}, {@code [i]} or {@code ["odd"]}), outside quotes. */
    private static int lastSegment(String path) {
        int last = 0;
        boolean quoted = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '.' || c == '[') {
                last = i;
            }
        }
        return last;
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
