package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rules-api/CONTRACT.md} against the code: every input field the JSON binding knows, every
 * output field {@code DecisionJson} writes, every fact name a criterion reports, every enum of the
 * model with its constants, every requirement id of {@code requirements.json} with its source, and
 * the command line's commands and exit codes; each in its table, and no row the code does not have.
 *
 * <p>The input fields are the components of the input records ({@link Assessment} and the records
 * it holds), which is what the JSON binding accepts ({@code JsonKnownFields}). The output fields are
 * the components of {@link Decision} and the records it holds, together with every field found by
 * walking the JSON of real decisions (the examples and every scenario of the suite), so a field the
 * writer adds or renames is seen even if no record declares it. A failure names each missing or
 * surplus row; the type column is checked too.
 */
class ContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|(.*)\\|\\s*$");

    private static List<JsonNode> decisions;
    /** The compact lines ({@code batch --format compact}) of every example and every scenario. */
    private static List<JsonNode> compactLines;
    /** The compact line of {@code examples/adult-eligible.json}, as written. */
    private static String adultEligibleCompact;
    private static Map<String, List<List<String>>> sections;

    @BeforeAll
    static void decide() {
        List<JsonNode> all = new ArrayList<>();
        for (var example : Golden.examples()) {
            CliRunner.Result r = CliRunner.run(new byte[0], "evaluate", example.toString());
            if (r.exitCode() == 0) {
                all.add(tree(r.out()));
            }
        }
        for (Scenario s : ScenarioLoader.allScenarios()) {
            Decision d = Engines.shared().evaluate(DecisionJson.readAssessment(s.inputJson()));
            all.add(tree(DecisionJson.write(d)));
        }
        decisions = all;
        StringBuilder ndjson = new StringBuilder();
        List<java.nio.file.Path> examples = Golden.examples();
        for (var example : examples) {
            ndjson.append(tree(Golden.read(example)).toString()).append('\n');
        }
        for (Scenario s : ScenarioLoader.allScenarios()) {
            ndjson.append(tree(s.inputJson()).toString()).append('\n');
        }
        CliRunner.Result batch = CliRunner.run(ndjson.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "batch", "-", "-", "--format", "compact");
        assertThat(batch.exitCode()).as(batch.err()).isIn(0, 2); // 2: an example is invalid on purpose
        List<JsonNode> compact = new ArrayList<>();
        String[] lines = batch.out().split("\n");
        for (int i = 0; i < lines.length; i++) {
            JsonNode line = tree(lines[i]);
            if (!line.has("error")) {
                compact.add(line);
            }
            if (i < examples.size() && examples.get(i).getFileName().toString().equals("adult-eligible.json")) {
                adultEligibleCompact = lines[i];
            }
        }
        compactLines = compact;
        sections = Contract.tables(Golden.read(Contract.FILE));
    }

    @Test
    void inputTableListsEveryFieldTheBindingKnowsWithItsType() {
        Map<String, String> code = new TreeMap<>();
        recordPaths(Assessment.class, "", code);
        assertTable("4. Input", code);
    }

    @Test
    void inputExampleIsValidAndUsesEveryField() {
        String example = Contract.firstJsonBlock(Golden.read(Contract.FILE), "4. Input");
        assertThat(example).as("a ```json block in section 4. Input of %s", Contract.FILE).isNotNull();
        DecisionJson.readAssessment(example); // throws InvalidInputException naming the field if not valid
        Map<String, String> used = new TreeMap<>();
        walk(tree(example), "", used);
        Map<String, String> fields = new TreeMap<>();
        recordPaths(Assessment.class, "", fields);
        assertThat(used.keySet()).as("the fields the example in CONTRACT.md section 4 uses")
                .containsExactlyInAnyOrderElementsOf(fields.keySet().stream().map(p -> p.replace("[]", "")).toList());
    }

    @Test
    void outputTableListsEveryFieldTheDecisionHasWithItsType() {
        Map<String, String> code = new TreeMap<>();
        recordPaths(Decision.class, "", code);
        Map<String, String> written = new TreeMap<>();
        for (JsonNode d : decisions) {
            walk(d, "", written);
        }
        // a field in the JSON that no record declares is documented under the JSON's own type
        written.forEach(code::putIfAbsent);
        assertThat(written.keySet()).as("every field written is a record component (the walk and reflection agree)")
                .isSubsetOf(code.keySet());
        assertTable("5. Output", code);
    }

    @Test
    void compactBatchTableListsEveryFieldOfTheCompactLineWithItsType() {
        Map<String, String> full = new TreeMap<>();
        recordPaths(Decision.class, "", full);
        Map<String, String> code = new TreeMap<>();
        for (JsonNode line : compactLines) {
            walkCompact(line, "", full, code);
        }
        assertThat(code).as("fields of the compact lines").containsKeys("postCovid.centre.availableFrom", "alk.severity",
                "alk.options.notes", "safety");
        assertTable("6.1 Compact batch output", code);
    }

    @Test
    void compactBatchExampleIsTheCompactLineOfItsExample() {
        String block = Contract.firstJsonBlock(Golden.read(Contract.FILE), "6.1 Compact batch output");
        assertThat(block).as("a ```json block in section 6.1 of %s", Contract.FILE).isNotNull();
        assertThat(adultEligibleCompact).as("the compact line of examples/adult-eligible.json").isNotNull();
        assertThat(block.strip()).isEqualTo(adultEligibleCompact.replaceAll("sha256:[0-9a-f]{64}", "sha256:…"));
    }

    /**
     * The paths of a compact line with their contract types: the JSON type, or where §5 has the same
     * path with a finer type for the same JSON (an enum, a date, an array of an enum), that type; an
     * object keyed by ids ({@code criteria}: id → status, {@code alk.options.notes}: option id → note
     * ids) is not walked into.
     */
    private static void walkCompact(JsonNode node, String path, Map<String, String> full, Map<String, String> out) {
        node.properties().forEach(f -> {
            String p = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            JsonNode v = f.getValue();
            String type = jsonType(v);
            String declared = full.get(p);
            if (declared != null && (type.equals("string") && !declared.equals("object") && !declared.startsWith("array")
                    || type.startsWith("array") && declared.startsWith("array of ") && !declared.equals("array of objects"))) {
                type = declared;
            }
            String seen = out.get(p);
            if (seen == null || seen.equals("array")) { // [] has no element type: a later non-empty one tells
                out.put(p, type);
            }
            if (v.isObject() && !f.getKey().equals("criteria") && !p.equals("alk.options.notes")) {
                walkCompact(v, p, full, out);
            }
        });
    }

    @Test
    void factsTableListsEveryFactNameTheCriteriaReport() {
        Map<String, Set<String>> types = new TreeMap<>();
        Map<String, Set<String>> usedBy = new TreeMap<>();
        for (JsonNode d : decisions) {
            for (String part : List.of("postCovid", "alk")) {
                for (JsonNode c : d.path(part).path("criteria")) {
                    c.path("facts").properties().forEach(f -> {
                        Set<String> t = types.computeIfAbsent(f.getKey(), k -> new TreeSet<>());
                        if (!(f.getValue().isArray() && f.getValue().isEmpty())) { // [] has no element type
                            t.add(jsonType(f.getValue()));
                        }
                        usedBy.computeIfAbsent(f.getKey(), k -> new TreeSet<>()).add(c.path("id").asText());
                    });
                }
            }
        }
        Map<String, String> code = new TreeMap<>();
        types.forEach((name, t) -> code.put(name, String.join(" or ", t) + " | "
                + usedBy.get(name).stream().map(id -> "`" + id + "`").collect(Collectors.joining(", "))));
        Map<String, String> doc = new TreeMap<>();
        for (List<String> row : rows("5.1 Criterion facts")) {
            doc.put(row.get(0), row.get(1) + " | " + row.get(2));
        }
        compare("5.1 Criterion facts (name | type | used by)", code, doc);
    }

    @Test
    void enumTableListsEveryEnumOfTheModelWithItsConstantsInOrder() {
        Map<String, String> code = new TreeMap<>();
        for (Class<?> e : enums()) {
            code.put(e.getSimpleName(), Arrays.stream(e.getEnumConstants())
                    .map(c -> "`" + ((Enum<?>) c).name() + "`").collect(Collectors.joining(", ")));
        }
        // the kinds of other PAIS are knowledge: the codes of the shipped table, and the model's constants are them
        List<String> kinds = shippedKindsOfOtherPais();
        assertThat(Arrays.stream(nl.zorgregels.model.OtherPais.values()).map(nl.zorgregels.model.OtherPais::code).toList())
                .as("OtherPais's constants are the kinds of the shipped other-pais.csv").isEqualTo(kinds);
        code.put("OtherPais", "the codes of the knowledge base's table `other-pais.csv`; shipped: "
                + kinds.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")));
        assertTable("4.1 Enums", code);
    }

    @Test
    void requirementTableListsEveryRequirementWithItsSource() {
        Map<String, String> code = new TreeMap<>();
        for (Requirement r : Engines.shared().requirements()) {
            code.put(r.id(), String.join(" | ", r.kind().label(), r.cover().isEmpty() ? "—" : String.join(", ", r.cover()),
                    r.title(), "`" + r.seed() + "`", r.passage()));
        }
        Map<String, String> doc = new TreeMap<>();
        for (List<String> row : rows("7. Requirement ids and sources")) {
            doc.put(row.get(0), String.join(" | ", row.subList(1, row.size())));
        }
        compare("7. Requirement ids and sources (id | kind | sides | title | seed | passage)", code, doc);
    }

    @Test
    void commandLineTablesListEveryCommandAndExitCode() {
        Set<String> commands = new TreeSet<>();
        Matcher m = Pattern.compile("zorgregels ([a-z-]+)").matcher(CliRunner.usage());
        while (m.find()) {
            commands.add(m.group(1));
        }
        assertThat(commands).as("commands in the usage text").isNotEmpty();
        assertThat(rows("6. Command line").stream().map(r -> r.get(0)).filter(c -> !c.matches("\\d+")).toList())
                .as("the commands in CONTRACT.md §6 and in the command line's usage text")
                .containsExactlyInAnyOrderElementsOf(commands);
        assertThat(rows("6. Command line").stream().map(r -> r.get(0)).filter(c -> c.matches("\\d+")).toList())
                .as("the exit codes in CONTRACT.md §6 and those of the command line")
                .containsExactlyInAnyOrderElementsOf(CliRunner.exitCodes().stream().map(String::valueOf).toList());
    }

    // ---- the document

    private static List<List<String>> rows(String section) {
        List<List<String>> rows = sections.get(section);
        assertThat(rows).as("a section '## %s' (or ###) with a table in %s; sections found: %s", section,
                Contract.FILE, sections.keySet()).isNotNull();
        return rows;
    }

    /** Compares a table's first column and second (type) column with what the code has. */
    private static void assertTable(String section, Map<String, String> code) {
        Map<String, String> doc = new TreeMap<>();
        for (List<String> row : rows(section)) {
            doc.put(row.get(0), row.size() > 1 ? row.get(1) : "");
        }
        compare(section + " (first two columns)", code, doc);
    }

    private static void compare(String what, Map<String, String> code, Map<String, String> doc) {
        List<String> problems = new ArrayList<>();
        code.forEach((key, value) -> {
            if (!doc.containsKey(key)) {
                problems.add("missing row: | `" + key + "` | " + value + " | …");
            } else if (!doc.get(key).equals(value)) {
                problems.add("row `" + key + "` says «" + doc.get(key) + "» but the code has «" + value + "»");
            }
        });
        doc.keySet().stream().filter(k -> !code.containsKey(k))
                .forEach(k -> problems.add("row `" + k + "` is not in the code (removed or renamed?)"));
        assertThat(problems).as("%s, section %s, against the code", Contract.FILE.getFileName(), what).isEmpty();
    }

    // ---- the code

    /** The JSON paths of a record's components, recursively, with their contract types. */
    private static void recordPaths(Class<?> record, String prefix, Map<String, String> out) {
        for (RecordComponent c : record.getRecordComponents()) {
            String path = prefix.isEmpty() ? c.getName() : prefix + "." + c.getName();
            Type type = c.getGenericType();
            out.put(path, typeName(type));
            Class<?> raw = raw(type);
            if (raw.isRecord()) {
                recordPaths(raw, path, out);
            } else if (Collection.class.isAssignableFrom(raw) && raw(element(type)).isRecord()) {
                recordPaths(raw(element(type)), path + "[]", out);
            }
        }
    }

    /** The codes of the shipped table of kinds of other PAIS, in its order. */
    private static List<String> shippedKindsOfOtherPais() {
        try {
            List<String> codes = new ArrayList<>();
            boolean header = true;
            for (String line : java.nio.file.Files.readAllLines(KbSources.DIR.resolve("nl/zorgregels/kb/other-pais.csv"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (!header) {
                    codes.add(line.substring(0, line.indexOf(',')));
                }
                header = false;
            }
            return codes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every enum the input and output records use. */
    private static Set<Class<?>> enums() {
        Set<Class<?>> found = new java.util.TreeSet<>(java.util.Comparator.comparing(Class::getSimpleName));
        collectEnums(Assessment.class, found, new java.util.HashSet<>());
        collectEnums(Decision.class, found, new java.util.HashSet<>());
        return found;
    }

    private static void collectEnums(Class<?> record, Set<Class<?>> found, Set<Class<?>> seen) {
        if (!seen.add(record)) {
            return;
        }
        for (RecordComponent c : record.getRecordComponents()) {
            Class<?> raw = raw(c.getGenericType());
            Class<?> target = Collection.class.isAssignableFrom(raw) ? raw(element(c.getGenericType())) : raw;
            if (target.isEnum()) {
                found.add(target);
            } else if (target.isRecord()) {
                collectEnums(target, found, seen);
            }
        }
    }

    static String typeName(Type type) {
        Class<?> raw = raw(type);
        if (Collection.class.isAssignableFrom(raw)) {
            Class<?> e = raw(element(type));
            return e.isRecord() ? "array of objects" : e == String.class ? "array of strings" : "array of " + typeName(e);
        }
        if (raw.isRecord() || Map.class.isAssignableFrom(raw)) {
            return "object";
        }
        if (raw.isEnum()) {
            return raw.getSimpleName();
        }
        if (raw == String.class) {
            return "string";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "boolean";
        }
        if (raw == Integer.class || raw == int.class) {
            return "integer";
        }
        if (raw == LocalDate.class) {
            return "date";
        }
        return raw.getSimpleName();
    }

    private static Type element(Type collection) {
        return collection instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    /** The paths of a written decision; {@code facts} is a map of fact names (its own table). */
    private static void walk(JsonNode node, String path, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(f -> {
                String p = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                out.putIfAbsent(p, jsonType(f.getValue()));
                if (!f.getKey().equals("facts")) {
                    walk(f.getValue(), p, out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(e -> walk(e, path + "[]", out));
        }
    }

    private static String jsonType(JsonNode v) {
        if (v.isObject()) {
            return "object";
        }
        if (v.isArray()) {
            return v.isEmpty() ? "array" : v.get(0).isObject() ? "array of objects" : "array of strings";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        return "string";
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reading {@code rules-api/CONTRACT.md}: its tables by section heading. */
    static final class Contract {
        static final java.nio.file.Path FILE = Golden.ROOT.resolve("rules-api/CONTRACT.md");

        private Contract() {
        }

        /**
         * @param text    the document
         * @param section a section heading (without the {@code #}s)
         * @return the content of the first {@code ```json} block of that section, or null
         */
        static String firstJsonBlock(String text, String section) {
            String current = "";
            StringBuilder block = null;
            for (String line : text.split("\n")) {
                if (block != null) {
                    if (line.startsWith("```")) {
                        return block.toString();
                    }
                    block.append(line).append('\n');
                } else if (line.startsWith("#")) {
                    current = line.replaceFirst("^#+\\s*", "").trim();
                } else if (line.equals("```json") && current.equals(section)) {
                    block = new StringBuilder();
                }
            }
            return null;
        }

        /**
         * @param text the document
         * @return per section heading (without the {@code #}s), the rows of its tables whose first cell is
         *         in backticks: that cell's content, then the other cells trimmed
         */
        static Map<String, List<List<String>>> tables(String text) {
            Map<String, List<List<String>>> result = new LinkedHashMap<>();
            String section = "";
            boolean fenced = false;
            for (String line : text.split("\n")) {
                if (line.startsWith("```")) {
                    fenced = !fenced;
                }
                if (fenced) {
                    continue;
                }
                if (line.startsWith("#")) {
                    section = line.replaceFirst("^#+\\s*", "").trim();
                    continue;
                }
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    List<String> cells = new ArrayList<>();
                    cells.add(m.group(1));
                    for (String cell : m.group(2).split("(?<!\\\\)\\|", -1)) { // '\\|' is a '|' in a cell
                        cells.add(cell.trim());
                    }
                    result.computeIfAbsent(section, k -> new ArrayList<>()).add(cells);
                }
            }
            return result;
        }
    }
}
