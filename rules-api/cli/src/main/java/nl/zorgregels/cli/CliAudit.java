package nl.zorgregels.cli;

import nl.zorgregels.api.internal.audit.AuditTrail;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.KnowledgeBaseInfo;

/**
 * The audit trail of {@code evaluate --audit} and {@code batch --audit}: one record per decision
 * (or case that could not be assessed) through {@link AuditTrail}, the service's logger
 * {@value AuditTrail#LOGGER}, with channel {@value #CHANNEL}. Who asked is the operating-system
 * user running the command; {@code case} is the batch line number. Never the facts or a text.
 */
final class CliAudit {
    /** The channel of the command line's records. */
    static final String CHANNEL = "cli";

    /** Whether a record was handed to the logger (then {@link #flush()} waits for it to be written). */
    private static volatile boolean written;

    private CliAudit() {
    }

    private static AuditTrail.Request who(Long line) {
        return new AuditTrail.Request(CHANNEL, null, null, System.getProperty("user.name"), null, null,
                line == null ? null : line.toString());
    }

    /**
     * @param decision   what was decided
     * @param line       the batch line number, or null for {@code evaluate}
     * @param startNanos {@link System#nanoTime()} when the case was taken up
     */
    static void decision(Decision decision, Long line, long startNanos) {
        written = true;
        AuditTrail.decision(who(line), decision, startNanos);
    }

    /**
     * @param kb         the knowledge base that would have decided
     * @param field      the input field refused (its path, never its value)
     * @param line       the batch line number, or null for {@code evaluate}
     * @param startNanos {@link System#nanoTime()} when the case was taken up
     */
    static void cannotAssess(KnowledgeBaseInfo kb, String field, Long line, long startNanos) {
        written = true;
        AuditTrail.cannotAssess(who(line), kb, field, startNanos);
    }

    /**
     * Before the process exits: the command line's logging writes the audit trail on a background
     * thread; stopping the logging writes what is queued. Nothing to do when no record was written.
     */
    static void flush() {
        if (written && org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logs) {
            logs.stop();
        }
    }
}
