package nl.zorgregels.api.internal.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.model.InvalidInputException;

/**
 * Turns what the parser and the binder report into an {@link InvalidInputException} whose field is
 * the JSON path of the offending value ({@code postCovid.otherPais[1]}; {@code $} for the document
 * as a whole) and whose rule says what is wrong and what is allowed.
 */
public final class JsonErrors {
    /** The field of an error about the document as a whole. */
    public static final String ROOT = "$";

    /** Longest stretch of an offending string repeated in a rule. */
    private static final int ECHO_LIMIT = 60;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Jackson's hints to developers on how to switch leniency on: not for the author of the input. */
    private static final Pattern JACKSON_ADVICE = Pattern.compile(
            ":? enable `[^`]+` to allow|\\s*\\(not recognized as one since Feature '[A-Z_]+' not enabled for parser\\)");
    private static final Pattern JACKSON_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    private JsonErrors() {
    }

    // ---- errors found while parsing (the document is not well-formed JSON, or too large) ----------

    /**
     * @param p the parser that failed, still positioned where it failed
     * @param e what it reported
     * @return the error for a document that is not well-formed JSON or exceeds an input limit
     */
    public static InvalidInputException parse(JsonParser p, JsonProcessingException e) {
        StreamConstraintsException limit = causeOf(e, StreamConstraintsException.class);
        if (limit != null) {
            return limit(p, limit);
        }
        String reason = clean(e.getOriginalMessage());
        if (reason.startsWith("Duplicate field '")) {
            return new InvalidInputException(orRoot(path(p.getParsingContext(), true)),
                    "occurs more than once in the same object (" + where(location(p, e))
                            + "); each field may be given only once");
        }
        return malformed(location(p, e), reason);
    }

    /**
     * @param where the position of the error
     * @param reason what the parser found
     * @return the error for a document that is not well-formed JSON
     */
    public static InvalidInputException malformed(JsonLocation where, String reason) {
        return new InvalidInputException(ROOT, "malformed JSON " + where(where) + ": " + reason);
    }

    private static InvalidInputException limit(JsonParser p, StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Document nesting depth")) {
            // The value too deep is the object or array at depth MAX + 1, so its path has MAX
            // names and indexes; the parser may already stand one level inside it.
            return new InvalidInputException(orRoot(path(p.getParsingContext(), true, DecisionJson.MAX_NESTING_DEPTH)),
                    "nests objects and arrays deeper than the maximum depth of " + DecisionJson.MAX_NESTING_DEPTH);
        }
        if (message.startsWith("String value length")) {
            return new InvalidInputException(orRoot(path(p.getParsingContext(), true)),
                    "is a string longer than the maximum of " + DecisionJson.MAX_STRING_LENGTH + " characters");
        }
        if (message.startsWith("Number value length")) {
            return new InvalidInputException(orRoot(path(p.getParsingContext(), true)),
                    "is a number longer than the maximum of " + DecisionJson.MAX_NUMBER_LENGTH + " characters");
        }
        if (message.startsWith("Name length")) {
            return new InvalidInputException(orRoot(path(p.getParsingContext(), false)),
                    "has a field name longer than the maximum of " + DecisionJson.MAX_STRING_LENGTH + " characters");
        }
        return new InvalidInputException(orRoot(path(p.getParsingContext(), true)),
                "exceeds an input limit: " + clean(message));
    }

    /**
     * A number the parser recognised as JSON but cannot hold: an exponent beyond the range of
     * {@link java.math.BigDecimal} (e.g. {@code 1e99999999999} or {@code 1e-2147483648}).
     *
     * @param p the parser, positioned on the number
     * @param e what reading it reported
     * @return the error naming the number's field
     */
    public static InvalidInputException unreadableNumber(JsonParser p, NumberFormatException e) {
        String text;
        try {
            text = p.getText();
        } catch (IOException | RuntimeException unreadable) {
            text = null;
        }
        return new InvalidInputException(orRoot(path(p.getParsingContext(), true)),
                "is a number whose exponent is out of range" + (text == null ? "" : " (" + text + ")")
                        + "; the numbers of an assessment are whole numbers such as 50");
    }

    private static JsonLocation location(JsonParser p, JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        return where != null && where.getLineNr() > 0 ? where : p.currentLocation();
    }

    /**
     * @param where a position in the input
     * @return "at line L, column C"
     */
    public static String where(JsonLocation where) {
        return "at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    /** The parser's own reason, without Jackson's source descriptions. */
    private static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable input";
        }
        String m = JACKSON_LOCATION.matcher(message).replaceAll("line $1, column $2");
        m = JACKSON_ADVICE.matcher(m).replaceAll("");
        return m.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    // ---- errors found while binding the parsed document to the records --------------------------------

    /**
     * @param e what the binder reported
     * @return the error, with the field path of the offending value
     */
    public static InvalidInputException bind(IOException e) {
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        InvalidInputException fromRecord = causeOf(e, InvalidInputException.class);
        if (fromRecord != null) {
            // the input records name their fields' full paths (postCovid.bellScore) already
            return path.isEmpty() || within(fromRecord.field(), path) ? fromRecord : fromRecord.within(path);
        }
        if (e instanceof JsonRuleException r) {
            return new InvalidInputException(orRoot(path), r.rule());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return unknownField(orRoot(path), u);
        }
        String reason = e instanceof JsonProcessingException j ? clean(j.getOriginalMessage()) : clean(e.getMessage());
        return new InvalidInputException(orRoot(path), "is not valid: " + reason);
    }

    /** Whether {@code field} is {@code path} or a field or element under it. */
    private static boolean within(String field, String path) {
        return field.equals(path) || field.startsWith(path + ".") || field.startsWith(path + "[");
    }

    private static InvalidInputException unknownField(String path, UnrecognizedPropertyException e) {
        return unknownField(path, e.getPropertyName(), knownFields(e));
    }

    /**
     * @param path  the JSON path of the unknown field, its name included
     * @param name  the unknown field's name
     * @param known the fields allowed in that object, in the order to list them
     * @return the error naming the allowed fields and, for a likely typo, the field meant
     */
    public static InvalidInputException unknownField(String path, String name, List<String> known) {
        String nearest = nearest(name, known);
        StringBuilder rule = new StringBuilder("is not a known field");
        if (nearest != null) {
            rule.append(" (did you mean ").append(nearest).append("?)");
        }
        rule.append("; known fields here: ").append(known.isEmpty() ? "none" : String.join(", ", known));
        return new InvalidInputException(path, rule.toString());
    }

    /** The fields of the object in declaration order (records), else as Jackson knows them, sorted. */
    private static List<String> knownFields(UnrecognizedPropertyException e) {
        List<String> known = new ArrayList<>();
        Class<?> type = e.getReferringClass();
        if (type != null && type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                known.add(c.getName());
            }
            return known;
        }
        if (e.getKnownPropertyIds() != null) {
            e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            known.sort(null);
        }
        return known;
    }

    /**
     * The known field a typo most likely meant: the closest by edit distance (ignoring case, with
     * transpositions), if it is close enough to be a slip rather than another word.
     *
     * @param name  the unknown field
     * @param known the fields allowed there
     * @return the suggestion, or null
     */
    public static String nearest(String name, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int allowed = Math.min(3, Math.max(1, candidate.length() / 4));
            if (Math.abs(candidate.length() - name.length()) > allowed) {
                continue;
            }
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d <= allowed && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    // ---- paths and values ----------------------------------------------------------------------------

    /** The binder's path: field names joined with dots, array indexes as [i]. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                appendName(path, r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The parser's path to where it stands.
     *
     * @param context            the parser's context
     * @param includeCurrentName whether the innermost object's current field name belongs to the
     *                           path (not when that name itself is what failed to be read)
     */
    private static String path(JsonStreamContext context, boolean includeCurrentName) {
        return path(context, includeCurrentName, Integer.MAX_VALUE);
    }

    /**
     * The parser's path to where it stands, at most {@code maxSegments} names and indexes long.
     *
     * @param context            the parser's context
     * @param includeCurrentName whether the innermost object's current field name belongs to the
     *                           path (not when that name itself is what failed to be read)
     * @param maxSegments        the most names and indexes to keep, from the root
     */
    private static String path(JsonStreamContext context, boolean includeCurrentName, int maxSegments) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder path = new StringBuilder();
        int segments = 0;
        for (JsonStreamContext c : chain) {
            if (segments >= maxSegments) {
                break;
            }
            if (c.inObject()) {
                if (c.getCurrentName() != null && (includeCurrentName || c != context)) {
                    appendName(path, c.getCurrentName());
                    segments++;
                }
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                path.append('[').append(c.getCurrentIndex()).append(']');
                segments++;
            }
        }
        return path.toString();
    }

    /**
     * @param parent the path of an object, empty for the root
     * @param name   a field of it
     * @return the path of the field
     */
    public static String child(String parent, String name) {
        StringBuilder path = new StringBuilder(parent);
        appendName(path, name);
        return path.toString();
    }

    private static void appendName(StringBuilder path, String name) {
        if (IDENTIFIER.matcher(name).matches()) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(name);
        } else {
            path.append('[').append(quote(name)).append(']');
        }
    }

    private static String orRoot(String path) {
        return path.isEmpty() ? ROOT : path;
    }

    /**
     * @param p a parser positioned on a value
     * @return the value as a rule repeats it: {@code the string "50"}, {@code the number 50.5},
     *         {@code the boolean true}, {@code null}, {@code an object}, {@code an array}
     */
    public static String describe(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "nothing";
        }
        try {
            return switch (t) {
                case VALUE_STRING -> "the string " + quote(p.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
                case VALUE_TRUE -> "the boolean true";
                case VALUE_FALSE -> "the boolean false";
                case VALUE_NULL -> "null";
                case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
                case START_ARRAY, END_ARRAY -> "an array";
                default -> "a value of type " + t;
            };
        } catch (IOException e) {
            return t == JsonToken.VALUE_STRING ? "a string" : "a number";
        }
    }

    /**
     * @param text any text
     * @return the text as a JSON string literal, shortened to its start if long
     */
    public static String quote(String text) {
        int end = text.length() > ECHO_LIMIT && Character.isHighSurrogate(text.charAt(ECHO_LIMIT - 1))
                ? ECHO_LIMIT - 1 : ECHO_LIMIT;
        String shown = text.length() > ECHO_LIMIT ? text.substring(0, end) : text;
        String quoted = '"' + new String(JsonStringEncoder.getInstance().quoteAsString(shown)) + '"';
        return text.length() > ECHO_LIMIT ? quoted + "... (" + text.length() + " characters)" : quoted;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
