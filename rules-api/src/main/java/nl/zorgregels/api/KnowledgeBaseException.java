package nl.zorgregels.api;

/**
 * The knowledge base cannot be used: a rule source does not compile, a message is missing, or
 * the rules derived something inconsistent (for example two results for one criterion). No
 * engine is ever built from a knowledge base that fails this way.
 */
public final class KnowledgeBaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file (and line) or the rule */
    public KnowledgeBaseException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong
     * @param cause   the underlying failure
     */
    public KnowledgeBaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
