package nl.zorgregels.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Objects;
import nl.zorgregels.api.internal.json.JsonErrors;
import nl.zorgregels.api.internal.json.JsonKnownFields;
import nl.zorgregels.api.internal.json.JsonStrictModule;
import nl.zorgregels.api.internal.json.StrictJson;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;

/**
 * The JSON form of an {@link Assessment} (input) and a {@link Decision} (output), as specified in
 * sections 4 and 5 of the Zorgregels specification.
 *
 * <h2>Input</h2>
 * Input is read strictly; <b>invalid input is rejected, never repaired</b>. Every rejection is an
 * {@link InvalidInputException} whose {@link InvalidInputException#field() field} is the JSON path
 * of the offending value in dot notation with {@code [i]} for array indexes (for example
 * {@code postCovid.otherPais[1]}), or {@code $} for the document as a whole, and whose
 * {@link InvalidInputException#rule() rule} says what is wrong and what is allowed. Rejected are:
 * <ul>
 *   <li>text that is not one well-formed JSON object: malformed JSON (with line and column), empty
 *       input, a root that is not an object, anything after the object, a byte order mark;</li>
 *   <li>a field the contract does not know (with the nearest known field if it looks like a typo);</li>
 *   <li>a key given twice in one object;</li>
 *   <li>a value of the wrong JSON type: no value is converted into another type (no {@code "true"}
 *       for {@code true}, no {@code 50.0} or {@code "50"} for {@code 50}, no number for a date, no
 *       single value for an array);</li>
 *   <li>an enum value that is not exactly one of the constants' names; a date that is not a real
 *       day written {@code YYYY-MM-DD}; a whole number outside the range of {@code int}; a
 *       number whose exponent is out of range (such as {@code 1e-2147483648});</li>
 *   <li>a value the records refuse (a required field absent, a Bell score not in steps of 10,
 *       contradicting dates), with the record's rule and the full path;</li>
 *   <li>input beyond the limits: more than 1,048,576 characters (1 MiB), nesting of
 *       objects and arrays deeper than 32 levels, a string or field name longer than 10,000
 *       characters, a number longer than 40 characters.</li>
 * </ul>
 * An explicit {@code null} means the same as an absent field.
 *
 * <h2>Output</h2>
 * A decision is written with its properties in the order the records declare them, dates as
 * {@code YYYY-MM-DD}, maps sorted by key, and absent (null) properties left out; a decision without
 * a post-COVID part has no {@code postCovid} property. The same decision always gives the same
 * string, character for character.
 *
 * <p>All methods are safe to call from any number of threads at once.
 */
public final class DecisionJson {
    /** Most characters {@code readAssessment} accepts: 1 MiB. */
    public static final int MAX_INPUT_CHARS = 1 << 20;
    /** Deepest nesting of objects and arrays accepted. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longest string value or field name accepted, in characters. */
    public static final int MAX_STRING_LENGTH = 10_000;
    /** Longest number accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 40;

    private static final JsonMapper MAPPER = mapper();
    /** Reads the document as a tree first: syntax and limits are checked before any binding. */
    private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader ASSESSMENT_READER = MAPPER.readerFor(Assessment.class);
    private static final ObjectWriter INDENTED_WRITER = MAPPER.writer(indented());
    private static final ObjectWriter LINE_WRITER = MAPPER.writer();
    /** The line writer for a caller's stream: leaves it open and unflushed. */
    private static final ObjectWriter STREAM_LINE_WRITER = LINE_WRITER
            .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .without(com.fasterxml.jackson.core.JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
            .without(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    /** Decisions as written: records bound by their components, nothing unknown accepted. */
    private static final ObjectReader DECISION_READER = JsonMapper.builder(MAPPER.getFactory().copy())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                    // a fact's decimal as written (2.50), as the records keep it (CriterionResult#facts)
                    DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .readerFor(Decision.class);

    private DecisionJson() {
    }

    /**
     * Reads a decision back from the JSON {@link #write(Decision)} or {@link #writeLine(Decision)}
     * gave, e.g. one an EHR stored: {@code readDecision(write(d))} equals {@code d}, and
     * {@code write(readDecision(json))} is {@code json} again (as written by {@code write}). The
     * values of a criterion's {@code facts} are in the one form the records give them, whichever
     * way the decision was made ({@link nl.zorgregels.model.CriterionResult#facts()}: a whole
     * number a {@code Long}, a decimal a {@code BigDecimal}, a date or enum constant its string).
     *
     * @param json a decision as JSON, at most 1 MiB characters
     * @return the decision
     * @throws InvalidInputException if the text is not a decision; its field is the JSON path of
     *                               the offending value ({@code $} for the whole document)
     * @throws NullPointerException  if {@code json} is null
     */
    public static Decision readDecision(String json) {
        Objects.requireNonNull(json, "json");
        if (json.length() > MAX_INPUT_CHARS) {
            throw tooLarge();
        }
        try {
            return DECISION_READER.readValue(json);
        } catch (IOException e) {
            throw JsonErrors.bind(e);
        }
    }

    /**
     * Reads one assessment.
     *
     * @param json the assessment as a JSON object, at most 1 MiB characters
     * @return the assessment, validated by its records
     * @throws InvalidInputException if the text is not a valid assessment; its field is the JSON
     *                               path of the offending value ({@code $} for the whole document)
     *                               and its rule says what is wrong and what is allowed
     * @throws NullPointerException  if {@code json} is null
     */
    public static Assessment readAssessment(String json) {
        Objects.requireNonNull(json, "json");
        if (json.length() > MAX_INPUT_CHARS) {
            throw tooLarge();
        }
        JsonNode tree = parse(json);
        JsonKnownFields.check(tree, Assessment.class, "");
        try {
            return ASSESSMENT_READER.readValue(tree);
        } catch (IOException e) {
            throw JsonErrors.bind(e);
        }
    }

    /**
     * Reads one assessment from a reader, to its end; the reader is not closed.
     *
     * @param json the assessment as a JSON object, at most 1 MiB characters
     * @return the assessment, validated by its records
     * @throws InvalidInputException as {@link #readAssessment(String)}
     * @throws UncheckedIOException  if reading fails
     * @throws NullPointerException  if {@code json} is null
     */
    public static Assessment readAssessment(Reader json) {
        Objects.requireNonNull(json, "json");
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n = json.read(buffer); n != -1; n = json.read(buffer)) {
                text.append(buffer, 0, n);
                if (text.length() > MAX_INPUT_CHARS) {
                    throw tooLarge();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the assessment", e);
        }
        return readAssessment(text.toString());
    }

    /**
     * The decision as JSON indented by two spaces per level, lines separated by {@code \n}, with
     * no line break at the end. The same decision always gives the same string.
     *
     * @param decision the decision
     * @return the JSON text
     * @throws NullPointerException if {@code decision} is null
     */
    public static String write(Decision decision) {
        return write(INDENTED_WRITER, decision);
    }

    /**
     * The decision as JSON on one line without a line break at the end, for newline-delimited JSON
     * (NDJSON): the same content and order as {@link #write(Decision)} without the layout.
     *
     * @param decision the decision
     * @return the JSON text, one line
     * @throws NullPointerException if {@code decision} is null
     */
    public static String writeLine(Decision decision) {
        return write(LINE_WRITER, decision);
    }

    /**
     * Writes the decision as {@link #writeLine(Decision)} does, UTF-8 encoded, straight to
     * {@code out} (without a line break, and without closing or flushing {@code out}): for writing
     * many decisions as newline-delimited JSON without making a string of each.
     *
     * @param decision the decision
     * @param out      where the bytes go
     * @throws IOException          if {@code out} cannot be written
     * @throws NullPointerException if {@code decision} or {@code out} is null
     */
    public static void writeLine(Decision decision, OutputStream out) throws IOException {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(out, "out");
        STREAM_LINE_WRITER.writeValue(out, decision);
    }

    private static String write(ObjectWriter writer, Decision decision) {
        Objects.requireNonNull(decision, "decision");
        try {
            return writer.writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write decision as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses the whole text as one JSON object, checking syntax, duplicates and limits. */
    private static JsonNode parse(String json) {
        if (json.startsWith("\uFEFF")) {
            throw new InvalidInputException(JsonErrors.ROOT, "starts with a byte order mark (U+FEFF); "
                    + "the input must be JSON text without one (RFC 8259, section 8.1)");
        }
        try (JsonParser p = TREE_READER.createParser(json)) {
            JsonToken first;
            try {
                first = p.nextToken();
            } catch (JsonProcessingException e) {
                throw JsonErrors.parse(p, e);
            }
            if (first == null) {
                throw JsonErrors.malformed(p.currentLocation(), "no content; expected a JSON object (the assessment)");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInputException(JsonErrors.ROOT,
                        "must be a JSON object (the assessment) but was " + JsonErrors.describe(p));
            }
            JsonNode tree;
            try {
                tree = TREE_READER.readValue(p);
            } catch (JsonProcessingException e) {
                throw JsonErrors.parse(p, e);
            } catch (NumberFormatException e) {
                // a JSON number whose exponent no BigDecimal holds: not a JsonProcessingException
                throw JsonErrors.unreadableNumber(p, e);
            }
            try {
                if (p.nextToken() != null) {
                    throw trailing(JsonErrors.where(p.currentTokenLocation()));
                }
            } catch (JsonProcessingException e) {
                throw trailing(JsonErrors.where(e.getLocation() != null ? e.getLocation() : p.currentLocation()));
            }
            return tree;
        } catch (IOException e) {
            // Only closing a parser over a String could get here, and that does no I/O.
            throw new UncheckedIOException(e);
        }
    }

    private static InvalidInputException trailing(String where) {
        return new InvalidInputException(JsonErrors.ROOT, "malformed JSON " + where
                + ": trailing content after the assessment object; the input must be exactly one JSON object");
    }

    private static InvalidInputException tooLarge() {
        return new InvalidInputException(JsonErrors.ROOT,
                "input larger than 1 MiB (more than " + MAX_INPUT_CHARS + " characters)");
    }

    private static JsonMapper mapper() {
        JsonFactory factory = StrictJson.factory(MAX_NESTING_DEPTH, MAX_STRING_LENGTH, MAX_NUMBER_LENGTH);
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(new JsonStrictModule())
                // input: bind exactly what JSON says, convert nothing
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS,
                        MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES,
                        MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS,
                        MapperFeature.ACCEPT_CASE_INSENSITIVE_VALUES,
                        MapperFeature.USE_GETTERS_AS_SETTERS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.WRAP_EXCEPTIONS,
                        // keeps 50.0 and 1e400 as written, to repeat them in the error
                        DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                        DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                        DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                        DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
                        DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL,
                        DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .withCoercionConfigDefaults(config -> {
                    config.setAcceptBlankAsEmpty(false);
                    for (CoercionInputShape shape : CoercionInputShape.values()) {
                        config.setCoercion(shape, CoercionAction.Fail);
                    }
                })
                // output: dates as YYYY-MM-DD, maps by key, nulls left out
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.ALWAYS))
                .build();
    }

    /** Two spaces per level, {@code "name": value}, {@code []} and {@code {}} when empty, {@code \n}. */
    private static DefaultPrettyPrinter indented() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }
}
