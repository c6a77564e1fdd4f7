package nl.zorgregels.service.internal;

/**
 * A request the service answers with an HTTP error status and a JSON body
 * {@code {"error": {"status": …, "field": …, "rule": …}}}.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status, e.g. 400. */
    private final int status;
    /** The request field at fault (a JSON path, or a header name), or null when none is. */
    private final String field;
    /** What is wrong and what is allowed. */
    private final String rule;

    /**
     * @param status the HTTP status
     * @param field  the request field at fault, or null
     * @param rule   what is wrong and what is allowed
     */
    public HttpError(int status, String field, String rule) {
        super(status + (field == null ? "" : " " + field) + ": " + rule);
        this.status = status;
        this.field = field;
        this.rule = rule;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the request field at fault, or null */
    public String field() {
        return field;
    }

    /** @return what is wrong and what is allowed */
    public String rule() {
        return rule;
    }
}
