package nl.zorgregels.model;

/**
 * Input that breaks the contract: a required field is absent, a value is out of range, or two
 * fields contradict each other. The message names the field path (as in the JSON input, for
 * example {@code postCovid.bellScore}) and the rule broken; the input is never repaired.
 */
public final class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The field path in the input, dot-separated, e.g. {@code patient.birthDate}; never null. */
    private final String field;
    /** The rule the value breaks, in plain English; never null. */
    private final String rule;

    /**
     * @param field the field path in the input (dot-separated), never null
     * @param rule  what is wrong and what is allowed, never null
     */
    public InvalidInputException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
        this.rule = rule;
    }

    /** @return the field path in the input, e.g. {@code postCovid.bellScore} */
    public String field() {
        return field;
    }

    /** @return the rule broken, e.g. "must be one of 0, 10, 20, ..., 100 but was 55" */
    public String rule() {
        return rule;
    }

    /**
     * The same error seen from an enclosing object.
     *
     * @param parent the path of the object that holds this field, e.g. {@code postCovid}
     * @return an exception whose field is {@code parent.field}
     */
    public InvalidInputException within(String parent) {
        InvalidInputException e = new InvalidInputException(parent + "." + field, rule);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
