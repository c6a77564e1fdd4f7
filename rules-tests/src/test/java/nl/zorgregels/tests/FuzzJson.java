package nl.zorgregels.tests;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * JSON trees for the fuzz tests: an independent strict reader (to judge what the command line
 * accepted), a writer that can also write what a tree cannot hold (a key twice, a raw literal
 * such as {@code 1e400} or {@code tru}, odd layout), the paths of a tree, and random mutations.
 */
final class FuzzJson {
    /**
     * An independent strict reader: bytes must be UTF-8, one JSON value, no duplicate keys. It
     * shares no configuration with the library's reader (only the Jackson parser itself).
     */
    static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * Reads bytes as the independent strict reader: strictly decoded UTF-8 (Jackson's own byte
     * reader lets a malformed sequence in a field name pass), then one JSON value.
     *
     * @return the tree, or null if the bytes are not UTF-8 or not one well-formed JSON value
     */
    static JsonNode strictRead(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return STRICT.readTree(text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A key with this prefix is written without it, after the key it names: a duplicate key. */
    private static final String DUPLICATE = "\u0000duplicate:";

    /** Literal values of every JSON type, valid and invalid, to put anywhere in a case. */
    static final List<String> LITERALS = List.of(
            "null", "true", "false", "0", "-0", "1", "10", "60", "100", "110", "-10", "55", "2147483647",
            "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999999999999999",
            "1e400", "1E2", "1.0", "50.0", "60.5", "-1.5e-7", "0.1", "1e-400", "1e999999999",
            "123456789012345678901234567890123456789012345", "NaN", "Infinity", "-Infinity", "01", "+1", "0x10",
            ".5", "1.", "\"\"", "\" \"", "\"true\"", "\"60\"", "\"2026-11-23\"", "\"2026-02-30\"", "\"2026-2-3\"",
            "\"26-11-23\"", "\"+2026-11-23\"", "\"2026-11-23T00:00:00\"", "\"0000-01-01\"", "\"9999-12-31\"",
            "\"-999999999-01-01\"", "\"COMPLETED\"", "\"completed\"", "\"LYME\"", "\"UMCG\"", "\"umcg\"",
            "\"ADULT\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\uDC00\\uD800\"", "\"é\"", "\"\\n\"", "[]", "[null]",
            "[1]", "[\"LYME\",\"LYME\"]", "[[]]", "{}", "{\"a\":1}", "{\"\":null}", "tru", "nul", "\"unterminated",
            "[1,]", "{,}", "'single'", "\"\\x\"", "\"\\u12\"");

    /** Field names: every field of the contract, typos of them and odd names. */
    static final List<String> NAMES = List.of(
            "assessmentDate", "patient", "postCovid", "alk", "birthDate", "umcRegion", "dutchGeneralPractitioner",
            "dutchHealthInsurance", "complaintsAttributedToCovid", "otherCausesInvestigated", "positiveTest",
            "complaintOnsetDate", "bellScore", "reducedFunctioning", "complaintsFromPreExistingDisease",
            "treatmentPathway", "otherPais", "currentCentre", "limitsFunctioningOrCausesSuffering",
            "complaintPattern", "functionalLimitation", "previousGgzTreatmentWithoutEffect",
            "comorbidityToAccountFor", "meCvsOrPem", "belScore", "BellScore", "assesmentDate", "birthdate",
            "otherPAIS", "", " ", "é", "\u0000", "$", "a.b", "[0]", "__proto__", "\"", "\\", "\ud83d\ude00");

    private FuzzJson() {
    }

    /** @return a tree holding the raw literal, written as it is */
    static JsonNode raw(String literal) {
        return new POJONode(new RawValue(literal));
    }

    /** @return the text parsed as a tree (it must be valid JSON) */
    static ObjectNode tree(String json) {
        try {
            return (ObjectNode) STRICT.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + json, e);
        }
    }

    /** Adds {@code key} a second time to {@code object}, with {@code value}. */
    static void duplicate(ObjectNode object, String key, JsonNode value) {
        object.set(DUPLICATE + key, value);
    }

    /** @return the tree as compact JSON */
    static String write(JsonNode node) {
        StringBuilder b = new StringBuilder();
        write(node, b, null, 0);
        return b.toString();
    }

    /** @return the tree as JSON with random layout (compact, indented, odd whitespace) */
    static String write(JsonNode node, Random random) {
        StringBuilder b = new StringBuilder();
        write(node, b, random, 0);
        return b.toString();
    }

    private static void write(JsonNode node, StringBuilder b, Random random, int depth) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw) {
            b.append(raw.rawValue());
        } else if (node.isObject()) {
            b.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) {
                    b.append(',');
                }
                first = false;
                space(b, random, depth + 1);
                String name = e.getKey().startsWith(DUPLICATE) ? e.getKey().substring(DUPLICATE.length()) : e.getKey();
                b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(name)).append("\":");
                if (random != null && random.nextBoolean()) {
                    b.append(' ');
                }
                write(e.getValue(), b, random, depth + 1);
            }
            space(b, random, depth);
            b.append('}');
        } else if (node.isArray()) {
            b.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                space(b, random, depth + 1);
                write(node.get(i), b, random, depth + 1);
            }
            space(b, random, depth);
            b.append(']');
        } else if (node.isTextual()) {
            b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(node.textValue())).append('"');
        } else {
            b.append(node.toString());
        }
    }

    private static void space(StringBuilder b, Random random, int depth) {
        if (random == null) {
            return;
        }
        switch (random.nextInt(6)) {
            case 0 -> b.append('\n').append("  ".repeat(depth));
            case 1 -> b.append(' ');
            case 2 -> b.append("\r\n\t");
            default -> {
            }
        }
    }

    // ---- paths ------------------------------------------------------------------------------------

    /**
     * A place in a tree.
     *
     * @param parent the object or array holding the value
     * @param key    the field name (objects)
     * @param index  the index (arrays), -1 for objects
     * @param path   the path as the library names it: {@code postCovid.otherPais[1]}
     */
    record Place(JsonNode parent, String key, int index, String path) {
        JsonNode value() {
            return index >= 0 ? parent.get(index) : parent.get(key);
        }

        void set(JsonNode value) {
            if (index >= 0) {
                ((ArrayNode) parent).set(index, value);
            } else {
                ((ObjectNode) parent).set(key, value);
            }
        }

        void remove() {
            if (index >= 0) {
                ((ArrayNode) parent).remove(index);
            } else {
                ((ObjectNode) parent).remove(key);
            }
        }
    }

    /** @return every place below the root, parents before their children */
    static List<Place> places(JsonNode root) {
        List<Place> places = new ArrayList<>();
        collect(root, "", places);
        return places;
    }

    private static void collect(JsonNode node, String path, List<Place> places) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String p = path.isEmpty() ? name : path + "." + name;
                places.add(new Place(node, name, -1, p));
                collect(node.get(name), p, places);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = path + "[" + i + "]";
                places.add(new Place(node, null, i, p));
                collect(node.get(i), p, places);
            }
        }
    }

    /** @return the objects of a tree, the root first */
    static List<ObjectNode> objects(JsonNode root) {
        List<ObjectNode> objects = new ArrayList<>();
        if (root instanceof ObjectNode o) {
            objects.add(o);
        }
        for (Place p : places(root)) {
            if (p.value() instanceof ObjectNode o) {
                objects.add(o);
            }
        }
        return objects;
    }

    /**
     * Resolves a path as the library writes it ({@code a.b[2]["odd name"]}) in a tree.
     *
     * @return the node, or null if the path does not lead to one (absent field, bad syntax)
     */
    static JsonNode resolve(JsonNode root, String path) {
        JsonNode node = root;
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
                continue;
            }
            if (c == '[') {
                if (i + 1 < path.length() && path.charAt(i + 1) == '"') {
                    int end = closingQuote(path, i + 2);
                    if (end < 0 || end + 1 >= path.length() || path.charAt(end + 1) != ']') {
                        return null;
                    }
                    String name;
                    try {
                        name = STRICT.readValue(path.substring(i + 1, end + 1), String.class);
                    } catch (IOException e) {
                        return null;
                    }
                    node = node.isObject() ? node.get(name) : null;
                    i = end + 2;
                } else {
                    int end = path.indexOf(']', i);
                    if (end < 0) {
                        return null;
                    }
                    int index;
                    try {
                        index = Integer.parseInt(path.substring(i + 1, end));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    node = node.isArray() ? node.get(index) : null;
                    i = end + 1;
                }
            } else {
                int end = i;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                node = node.isObject() ? node.get(path.substring(i, end)) : null;
                i = end;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static int closingQuote(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '"') {
                return i;
            }
        }
        return -1;
    }

    // ---- mutations ----------------------------------------------------------------------------------

    /** One to three structural changes: values replaced, fields removed, added, renamed, duplicated, wrapped. */
    static String mutateStructure(ObjectNode tree, Random random) {
        int changes = 1 + random.nextInt(3);
        for (int n = 0; n < changes; n++) {
            List<Place> places = places(tree);
            List<ObjectNode> objects = objects(tree);
            Place place = places.isEmpty() ? null : places.get(random.nextInt(places.size()));
            ObjectNode object = objects.get(random.nextInt(objects.size()));
            switch (random.nextInt(8)) {
                case 0, 1 -> {
                    if (place != null) {
                        place.set(randomValue(random));
                    }
                }
                case 2 -> {
                    if (place != null) {
                        place.remove();
                    }
                }
                case 3 -> object.set(NAMES.get(random.nextInt(NAMES.size())), randomValue(random));
                case 4 -> {
                    List<String> names = new ArrayList<>();
                    object.fieldNames().forEachRemaining(names::add);
                    names.removeIf(k -> k.startsWith(DUPLICATE));
                    if (!names.isEmpty()) {
                        String key = names.get(random.nextInt(names.size()));
                        duplicate(object, key, random.nextBoolean() ? object.get(key).deepCopy() : randomValue(random));
                    }
                }
                case 5 -> {
                    if (place != null) {
                        JsonNode v = place.value();
                        place.set(random.nextBoolean() ? JsonNodeFactory.instance.arrayNode().add(v)
                                : JsonNodeFactory.instance.objectNode().set("value", v));
                    }
                }
                case 6 -> {
                    if (place != null && place.index() < 0 && !place.key().startsWith(DUPLICATE)) {
                        JsonNode v = place.value();
                        place.remove();
                        ((ObjectNode) place.parent()).set(rename(place.key(), random), v);
                    }
                }
                default -> {
                    if (place != null) {
                        place.set(JsonNodeFactory.instance.nullNode());
                    }
                }
            }
        }
        return random.nextInt(4) == 0 ? write(tree, random) : write(tree);
    }

    /** One to three byte-level changes: bytes replaced, deleted, inserted, copied. */
    static byte[] mutateBytes(byte[] input, Random random) {
        List<Byte> bytes = new ArrayList<>(input.length + 16);
        for (byte b : input) {
            bytes.add(b);
        }
        byte[] tokens = "{}[]\":,0123456789-+.eEtfnul\\ \n\t".getBytes(StandardCharsets.US_ASCII);
        int changes = 1 + random.nextInt(3);
        for (int n = 0; n < changes; n++) {
            int at = bytes.isEmpty() ? 0 : random.nextInt(bytes.size());
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (!bytes.isEmpty()) {
                        bytes.set(at, random.nextBoolean() ? tokens[random.nextInt(tokens.length)]
                                : (byte) random.nextInt(256));
                    }
                }
                case 1 -> {
                    int length = Math.min(1 + random.nextInt(16), bytes.size() - at);
                    for (int i = 0; i < length; i++) {
                        bytes.remove(at);
                    }
                }
                case 2 -> {
                    int length = 1 + random.nextInt(8);
                    for (int i = 0; i < length; i++) {
                        bytes.add(at, random.nextInt(4) == 0 ? (byte) (0x80 + random.nextInt(128))
                                : tokens[random.nextInt(tokens.length)]);
                    }
                }
                case 3 -> {
                    if (!bytes.isEmpty()) {
                        int length = Math.min(1 + random.nextInt(64), bytes.size() - at);
                        List<Byte> copy = new ArrayList<>(bytes.subList(at, at + length));
                        bytes.addAll(random.nextInt(bytes.size() + 1), copy);
                    }
                }
                default -> {
                    if (!bytes.isEmpty()) {
                        bytes.set(at, (byte) (bytes.get(at) ^ (1 << random.nextInt(8))));
                    }
                }
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    /** @return a random literal, a long string, deep nesting or a copy of a small object */
    static JsonNode randomValue(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> raw('"' + "x".repeat(9_990 + random.nextInt(20)) + '"');
            case 1 -> raw("[".repeat(30 + random.nextInt(10)) + "]".repeat(30 + random.nextInt(10)));
            case 2 -> raw(String.valueOf(random.nextLong()) + "0".repeat(random.nextInt(40)));
            default -> raw(LITERALS.get(random.nextInt(LITERALS.size())));
        };
    }

    private static String rename(String key, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Character.toUpperCase(key.isEmpty() ? 'x' : key.charAt(0)) + (key.isEmpty() ? "" : key.substring(1));
            case 1 -> key + " ";
            case 2 -> key.length() > 1 ? key.substring(0, key.length() - 1) : key + "x";
            default -> key.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
