package nl.zorgregels.api.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.OtherPais;

/**
 * Binds input values exactly as JSON types them, never coercing one into another: a boolean only
 * from {@code true}/{@code false}, a whole number only from a JSON integer that fits an
 * {@code int}, a date only from a string {@code YYYY-MM-DD} naming a real day, an enum constant
 * only from a string equal to its name, a kind of other PAIS only from a string of its code's form (whether
 * the knowledge base lists the code is checked when deciding), a string only from a JSON string, a record only from a JSON
 * object and a list only from a JSON array. Each refusal is a {@link JsonRuleException} saying
 * what is allowed and what was found. JSON {@code null} never reaches these deserializers: Jackson
 * binds it as an absent value, which the records judge.
 */
public final class JsonStrictModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    public JsonStrictModule() {
        super("zorgregels-strict-input");
        addDeserializer(Boolean.class, new StrictBoolean());
        addDeserializer(Integer.class, new StrictInteger());
        addDeserializer(String.class, new StrictString());
        addDeserializer(LocalDate.class, new StrictDate());
        addDeserializer(OtherPais.class, new StrictOtherPais());
        setDeserializerModifier(new StrictStructures());
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addDeserializers(new Deserializers.Base() {
            @Override
            public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                                                            BeanDescription beanDesc) {
                return new StrictEnum(type);
            }
        });
    }

    /** {@code true} or {@code false}; nothing else. */
    public static final class StrictBoolean extends StdScalarDeserializer<Boolean> {
        private static final long serialVersionUID = 1L;

        StrictBoolean() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE) {
                return Boolean.TRUE;
            }
            if (t == JsonToken.VALUE_FALSE) {
                return Boolean.FALSE;
            }
            throw new JsonRuleException(p, "must be true or false (a JSON boolean) but was " + JsonErrors.describe(p));
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Boolean;
        }
    }

    /** A JSON integer (no fraction, no exponent) within the range of {@code int}. */
    public static final class StrictInteger extends StdScalarDeserializer<Integer> {
        private static final long serialVersionUID = 1L;

        StrictInteger() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                if (p.getNumberType() == JsonParser.NumberType.INT) {
                    return p.getIntValue();
                }
                throw new JsonRuleException(p, "must be a whole number from " + Integer.MIN_VALUE + " to "
                        + Integer.MAX_VALUE + " but was " + JsonErrors.describe(p));
            }
            throw new JsonRuleException(p, "must be a whole number (a JSON integer, without decimal point or exponent)"
                    + " but was " + JsonErrors.describe(p));
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Integer;
        }
    }

    /** A JSON string; numbers, booleans, objects and arrays are not turned into text. */
    public static final class StrictString extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        StrictString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            throw new JsonRuleException(p, "must be a JSON string but was " + JsonErrors.describe(p));
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** A string of exactly {@code YYYY-MM-DD} that names a day of the ISO calendar. */
    public static final class StrictDate extends StdScalarDeserializer<LocalDate> {
        private static final long serialVersionUID = 1L;
        private static final Pattern SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
        private static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
        private static final String RULE = "must be a date as YYYY-MM-DD";

        StrictDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new JsonRuleException(p, RULE + " (a JSON string) but was " + JsonErrors.describe(p));
            }
            String text = p.getText();
            if (!SHAPE.matcher(text).matches()) {
                throw new JsonRuleException(p, RULE + " but was " + JsonErrors.quote(text));
            }
            try {
                return LocalDate.parse(text, FORMAT);
            } catch (DateTimeParseException e) {
                throw new JsonRuleException(p, RULE + " but was " + JsonErrors.quote(text)
                        + ", which is not a day in the calendar");
            }
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }

    /** A string equal to the name of one of the constants; case, whitespace and indexes count. */
    public static final class StrictEnum extends StdScalarDeserializer<Object> {
        private static final long serialVersionUID = 1L;
        private final Map<String, Object> byName = new LinkedHashMap<>();
        private final String allowed;

        StrictEnum(Class<?> type) {
            super(type);
            for (Object constant : type.getEnumConstants()) {
                byName.put(((Enum<?>) constant).name(), constant);
            }
            allowed = String.join(", ", byName.keySet());
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new JsonRuleException(p, "must be one of " + allowed + " (a JSON string) but was "
                        + JsonErrors.describe(p));
            }
            String text = p.getText();
            Object constant = byName.get(text);
            if (constant == null) {
                throw new JsonRuleException(p, "must be one of " + allowed + " but was " + JsonErrors.quote(text));
            }
            return constant;
        }

        @Override
        public boolean isCachable() {
            return true;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Enum;
        }
    }

    /**
     * A kind of other PAIS from a JSON string of a code's form ({@link OtherPais#of}); the kinds are
     * knowledge (the table other-pais.csv), so which codes are allowed is checked when deciding.
     */
    public static final class StrictOtherPais extends StdScalarDeserializer<OtherPais> {
        private static final long serialVersionUID = 1L;

        StrictOtherPais() {
            super(OtherPais.class);
        }

        @Override
        public OtherPais deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new JsonRuleException(p, "must be the code of a kind of other PAIS (a JSON string, e.g. "
                        + String.join(", ", java.util.Arrays.stream(OtherPais.values()).map(OtherPais::code).toList())
                        + ") but was " + JsonErrors.describe(p));
            }
            try {
                return OtherPais.of(p.getText());
            } catch (InvalidInputException e) {
                String rule = e.rule(); // the text quoted as the other refusals quote it
                throw new JsonRuleException(p, rule.substring(0, rule.lastIndexOf(" but was ")) + " but was "
                        + JsonErrors.quote(p.getText()));
            }
        }

        @Override
        public boolean isCachable() {
            return true;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Records only from JSON objects, collections only from JSON arrays. */
    public static final class StrictStructures extends BeanDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription beanDesc,
                                                      JsonDeserializer<?> deserializer) {
            return beanDesc.getBeanClass().isRecord() ? new ObjectOnly(deserializer) : deserializer;
        }

        @Override
        public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                BeanDescription beanDesc,
                                                                JsonDeserializer<?> deserializer) {
            return new ArrayOnly(deserializer);
        }
    }

    /** Refuses anything but a JSON object before the record's own deserializer sees it. */
    public static final class ObjectOnly extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        ObjectOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new ObjectOnly(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT) {
                return _delegatee.deserialize(p, ctxt);
            }
            throw new JsonRuleException(p, "must be a JSON object but was " + JsonErrors.describe(p));
        }
    }

    /** Refuses anything but a JSON array (a single value is not taken as a list of one). */
    public static final class ArrayOnly extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        ArrayOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new ArrayOnly(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.START_ARRAY) {
                return _delegatee.deserialize(p, ctxt);
            }
            throw new JsonRuleException(p, "must be a JSON array but was " + JsonErrors.describe(p));
        }
    }
}
