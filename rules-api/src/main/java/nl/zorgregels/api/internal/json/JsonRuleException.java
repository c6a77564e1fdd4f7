package nl.zorgregels.api.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value that breaks the input contract, raised by the strict deserializers while binding.
 * Jackson prefixes it with the JSON path as it travels up; {@link JsonErrors} turns it into an
 * {@link nl.zorgregels.model.InvalidInputException} whose field is that path and whose rule is
 * {@link #rule()}. Never seen outside this package.
 */
public final class JsonRuleException extends MismatchedInputException {
    private static final long serialVersionUID = 1L;

    /** What is wrong and what is allowed, e.g. "must be true or false but was the string \"yes\"". */
    private final String rule;

    /**
     * @param p    the parser positioned on the offending value
     * @param rule what is wrong and what is allowed
     */
    public JsonRuleException(JsonParser p, String rule) {
        super(p, rule);
        this.rule = rule;
    }

    /** @return what is wrong and what is allowed */
    public String rule() {
        return rule;
    }
}
