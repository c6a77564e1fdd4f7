package nl.zorgregels.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import nl.zorgregels.api.internal.json.StrictJson;
import nl.zorgregels.model.InvalidInputException;
import org.hl7.fhir.r4.model.Resource;

/**
 * FHIR JSON text in and out, with HAPI FHIR's R4 parser and encoder. The text is first read as a
 * JSON tree (syntax, duplicate keys and limits checked, so that no error of HAPI's lenient JSON
 * layer goes unnoticed), and each resource the reader maps is then parsed by HAPI on its own with
 * an error handler that refuses what HAPI finds wrong, naming the FHIR path of the element.
 */
public final class FhirJson {
    /** Most characters a Bundle may have: 8 MiB. */
    public static final int MAX_CHARS = 8 << 20;
    /** Deepest nesting of objects and arrays accepted. */
    static final int MAX_NESTING_DEPTH = 64;
    /** Longest string value accepted (a narrative's div can be long), in characters. */
    static final int MAX_STRING_LENGTH = 1 << 20;
    /** Longest number accepted, in characters. */
    static final int MAX_NUMBER_LENGTH = 40;

    /** The shared context: made once (it scans the R4 model, about a second), thread-safe after. */
    private static final class Context {
        static final FhirContext R4 = FhirContext.forR4();
    }

    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final ObjectMapper TREE = JsonMapper.builder(
                    StrictJson.factory(MAX_NESTING_DEPTH, MAX_STRING_LENGTH, MAX_NUMBER_LENGTH))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private FhirJson() {
    }

    /** @return the R4 context, shared */
    public static FhirContext context() {
        return Context.R4;
    }

    /**
     * Reads FHIR JSON text as a JSON tree, strictly.
     *
     * @param json the text
     * @return the root object, which has a string {@code resourceType}
     * @throws InvalidInputException field {@code $} for malformed JSON (with line and column),
     *                               a duplicate key, input beyond the limits, or a root that is not
     *                               a FHIR resource
     */
    public static JsonNode tree(String json) {
        if (json.length() > MAX_CHARS) {
            throw new InvalidInputException("$", "input larger than " + (MAX_CHARS >> 20) + " MiB (more than "
                    + MAX_CHARS + " characters)");
        }
        if (json.startsWith("\uFEFF")) {
            throw new InvalidInputException("$", "starts with a byte order mark (U+FEFF); the input must be JSON "
                    + "text without one (RFC 8259, section 8.1)");
        }
        JsonNode root;
        try {
            root = TREE.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new InvalidInputException("$", "input beyond the limits " + where(e.getLocation()) + ": "
                    + e.getOriginalMessage() + " (at most " + MAX_NESTING_DEPTH + " levels of nesting, strings of "
                    + MAX_STRING_LENGTH + " characters, numbers of " + MAX_NUMBER_LENGTH + " characters)");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("$", "malformed JSON " + where(e.getLocation()) + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException("$", "malformed JSON: a number that cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException("$", "no content; expected a FHIR resource (a JSON object)");
        }
        if (!root.isObject()) {
            throw new InvalidInputException("$", "must be a FHIR resource (a JSON object) but was a JSON "
                    + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        JsonNode type = root.get("resourceType");
        if (type == null || !type.isTextual()) {
            throw new InvalidInputException("resourceType", "is required: a FHIR resource names its type as a string");
        }
        return root;
    }

    /**
     * Parses one resource of the tree with HAPI, strictly: an element HAPI does not know, a value
     * it cannot read, a value of the wrong JSON kind are refused.
     *
     * @param node the resource's JSON object
     * @param type the resource class its {@code resourceType} names
     * @param path the FHIR path of {@code node}, e.g. {@code Bundle.entry[2].resource}
     * @param <T>  the resource class
     * @return the resource
     * @throws InvalidInputException naming the FHIR path of the offending element
     */
    public static <T extends Resource> T parse(JsonNode node, Class<T> type, String path) {
        refuseNulls(node, path);
        IParser parser = context().newJsonParser();
        Refusing handler = new Refusing();
        parser.setParserErrorHandler(handler);
        try {
            return parser.parseResource(type, node.toString());
        } catch (Refusal r) {
            throw new InvalidInputException(locate(node, path, r.element, r.value), r.rule);
        } catch (DataFormatException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidInputException(path, "is not a valid FHIR R4 " + type.getSimpleName() + ": "
                    + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            // HAPI's parser failing on input it should refuse (seen: IndexOutOfBounds on odd names)
            throw new InvalidInputException(path, "is not a valid FHIR R4 " + type.getSimpleName()
                    + ": HAPI FHIR cannot parse it (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The JSON node at a FHIR path below a resource's node.
     *
     * @param node     the resource's JSON object
     * @param relative the path below it, e.g. {@code item[0].answer[0].valueInteger}; empty for the node
     * @return the node, or null if the path does not lead to one
     */
    public static JsonNode at(JsonNode node, String relative) {
        JsonNode n = node;
        int i = 0;
        while (n != null && i < relative.length()) {
            char c = relative.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int end = relative.indexOf(']', i);
                n = n.get(Integer.parseInt(relative.substring(i + 1, end)));
                i = end + 1;
            } else {
                int end = i;
                while (end < relative.length() && relative.charAt(end) != '.' && relative.charAt(end) != '[') {
                    end++;
                }
                n = n.get(relative.substring(i, end));
                i = end;
            }
        }
        return n;
    }

    /** The first element named {@code element} (with the value, if given) below {@code node}, as a FHIR path. */
    private static String locate(JsonNode node, String path, String element, String value) {
        if (element == null) {
            return path;
        }
        String exact = find(node, path, element, value);
        if (exact != null) {
            return exact;
        }
        String byName = value == null ? null : find(node, path, element, null);
        return byName != null ? byName : path;
    }

    private static String find(JsonNode node, String path, String element, String value) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path + segment(field.getKey());
                if (field.getKey().equals(element)
                        && (value == null || (field.getValue().isValueNode() && value.equals(field.getValue().asText())))) {
                    return child;
                }
                String deeper = find(field.getValue(), child, element, value);
                if (deeper != null) {
                    return deeper;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String deeper = find(node.get(i), path + "[" + i + "]", element, value);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    /** A key as a path segment: {@code .name}, or {@code ["odd name"]} for one that is no identifier. */
    static String segment(String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            return "." + key;
        }
        return "[" + BundleReader.quote(key, false) + "]";
    }

    /**
     * FHIR JSON has no null values (an absent element is left out), except in a primitive array
     * aligned with its {@code _} twin. The paths are built only when something is refused: a first
     * pass without them finds whether there is anything to refuse.
     */
    private static void refuseNulls(JsonNode node, String path) {
        if (!hasNulls(node)) {
            return;
        }
        refuseNullsAt(node, path);
    }

    /** Whether {@link #refuseNullsAt} would refuse something in {@code node}. */
    private static boolean hasNulls(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().isEmpty() || field.getValue().isNull() || hasNulls(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            boolean objects = false;
            for (JsonNode e : node) {
                objects |= e.isContainerNode();
            }
            for (JsonNode e : node) {
                if ((e.isNull() && objects) || hasNulls(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void refuseNullsAt(JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path + segment(field.getKey());
                if (field.getKey().isEmpty()) {
                    throw new InvalidInputException(child, "is not an element: an element's name is never empty");
                }
                if (field.getValue().isNull()) {
                    throw new InvalidInputException(child, "must not be null: FHIR JSON leaves an absent element out");
                }
                refuseNullsAt(field.getValue(), child);
            }
        } else if (node.isArray()) {
            boolean objects = false;
            for (JsonNode e : node) {
                objects |= e.isContainerNode();
            }
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isNull() && objects) {
                    throw new InvalidInputException(path + "[" + i + "]", "must not be null: FHIR JSON leaves an absent element out");
                }
                refuseNullsAt(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** What the handler found wrong. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String element;
        final String value;
        final String rule;

        Refusal(String element, String value, String rule) {
            super(rule, null, false, false);
            this.element = element;
            this.value = value;
            this.rule = rule;
        }
    }

    /** Refuses at the first error HAPI reports; references it cannot resolve are no error here. */
    private static final class Refusing implements IParserErrorHandler {
        @Override
        public void containedResourceWithNoId(IParseLocation location) {
            throw new Refusal("contained", null, "a contained resource must have an id");
        }

        @Override
        public void incorrectJsonType(IParseLocation location, String element, BaseJsonLikeValue.ValueType expected,
                                      BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
                                      BaseJsonLikeValue.ScalarType foundScalar) {
            throw new Refusal(element, null, "must be a JSON " + kind(expected, expectedScalar) + " but was a JSON "
                    + kind(found, foundScalar) + " (FHIR R4 JSON)");
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            String element = location == null ? null : location.getParentElementName();
            String reason = error == null || error.contains("Exception") ? "" : ": " + firstLine(error);
            throw new Refusal(element, value, "is not a valid FHIR R4 value" + (element == null ? "" : " for " + element)
                    + reason + " (was " + (value == null ? "absent" : BundleReader.quote(value)) + ")");
        }

        @Override
        public void missingRequiredElement(IParseLocation location, String element) {
            throw new Refusal(element, null, "is required (FHIR R4)");
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation location, String element) {
            throw new Refusal(element, null, "takes one value, not an array (FHIR R4)");
        }

        @Override
        public void unknownAttribute(IParseLocation location, String attribute) {
            throw new Refusal(attribute, null, "is not an element FHIR R4 defines here");
        }

        @Override
        public void unknownElement(IParseLocation location, String element) {
            throw new Refusal(element, null, "is not an element FHIR R4 defines here");
        }

        @Override
        public void unknownReference(IParseLocation location, String reference) {
            // A reference to a resource outside the Bundle is normal.
        }

        @Override
        public void invalidInternalReference(IParseLocation location, String reference) {
            // Only contained references are resolved by the parser; the reader checks subjects itself.
        }

        @Override
        public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
            throw new Refusal("extension", null, "an extension has either a value or nested extensions, not both");
        }

        private static String kind(BaseJsonLikeValue.ValueType type, BaseJsonLikeValue.ScalarType scalar) {
            if (type == BaseJsonLikeValue.ValueType.SCALAR && scalar != null) {
                return scalar.name().toLowerCase(Locale.ROOT);
            }
            return type == null ? "value" : type.name().toLowerCase(Locale.ROOT);
        }
    }
}
