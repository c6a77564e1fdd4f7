package nl.zorgregels.service.internal;

import java.util.Objects;

/**
 * A prefetch slot whose data could not be read: the decision is made without it (the facts it would
 * have given stay absent, so the criteria that need them are unknown), and the response says so.
 *
 * @param slot   the prefetch key ({@code conditions}, {@code observations}, ...)
 * @param reason why it could not be read
 * @param detail what goes with the reason, or an empty string: the HTTP status, the seconds of the
 *               deadline, the limits, the resource type received, the OperationOutcome's issue codes
 *               (never a token, a URL or free text from the EHR)
 */
public record Unreadable(String slot, Reason reason, String detail) {
    /** Why a slot could not be read; the cards' words for each are {@code card.unread.<REASON>}. */
    public enum Reason {
        /** Absent from the prefetch, and the request gives no FHIR server with a token to read it from. */
        NOT_PREFETCHED,
        /** The EHR sent an OperationOutcome in the slot: its own search failed. */
        OPERATION_OUTCOME,
        /** A prefetched searchset Bundle has more pages, and there is no FHIR server access to read them. */
        PAGINATED,
        /** The FHIR server answered with an HTTP status other than 200. */
        HTTP_STATUS,
        /** The FHIR server did not answer within the request's deadline. */
        TIMEOUT,
        /** The FHIR server could not be reached (connection refused, TLS failure, ...). */
        UNREACHABLE,
        /** The answer is not JSON, or not a well-formed FHIR Bundle. */
        MALFORMED,
        /** The answer is another resource than the one asked for. */
        WRONG_TYPE,
        /** More pages, entries or bytes than the service reads. */
        TOO_LARGE,
        /** A {@code next} link points outside the request's {@code fhirServer}: not followed. */
        OTHER_HOST
    }

    /**
     * @param slot   the prefetch key
     * @param reason why
     * @param detail what goes with the reason; null for none
     */
    public Unreadable {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }
}
