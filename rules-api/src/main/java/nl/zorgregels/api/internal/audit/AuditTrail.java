package nl.zorgregels.api.internal.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.KnowledgeBaseInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one JSON line per decision served (and, with {@code --audit}, per decision of
 * the command line's {@code evaluate} and {@code batch}, channel {@code cli}), through SLF4J to the logger
 * {@value #LOGGER}, which a deployer routes to where its access logging (NEN 7513) is kept. A
 * record says who asked about which patient, when, what was decided with which knowledge base and
 * how long it took; never free text and never the patient's facts:
 *
 * <pre>{"time":"2026-12-07T16:30:15.123Z","event":"decision","channel":"cds-hooks",
 *  "client":{"iss":"https://ehr.example.org","sub":"client-1"},"user":"Practitioner/123",
 *  "patient":"p1","hookInstance":"d1577c69-…","outcome":{"postCovid":"ELIGIBLE","alk":"APPLICABLE"},
 *  "knowledgeBase":{"version":"0.1.0","checksum":"sha256:…"},"durationMicros":812}</pre>
 *
 * A field that does not apply is {@code null} (no client without a trust file; no patient id for a
 * §4 JSON case, which has none: {@code case} gives its place in the input instead). A call that
 * could not be assessed has {@code "event":"cannot-assess"} and the input field it failed on instead
 * of an outcome. Internal: not API; thread-safe.
 */
public final class AuditTrail {
    /** The logger the records go to. */
    public static final String LOGGER = "nl.zorgregels.audit";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Who asked and about what: the parts of a record that come from the request.
     *
     * @param channel      {@code cds-hooks} (the service) or {@code cli} ({@code evaluate --audit},
     *                     {@code batch --audit})
     * @param issuer       the client's JWT {@code iss}, or null
     * @param subject      the client's JWT {@code sub}, or null
     * @param user         the user ({@code context.userId}), or null
     * @param patient      the patient id ({@code context.patientId}), or null
     * @param hookInstance the call's {@code hookInstance}, or null
     * @param inputCase    the case's place in the input (a batch line number), or null
     */
    public record Request(String channel, String issuer, String subject, String user, String patient,
                          String hookInstance, String inputCase) {
    }

    private AuditTrail() {
    }

    /** @return whether records are written (the logger is enabled for INFO) */
    public static boolean enabled() {
        return LOG.isInfoEnabled();
    }

    /**
     * Writes the record of a decision.
     *
     * @param request     who asked
     * @param decision    what was decided
     * @param startNanos  {@link System#nanoTime()} when the request arrived
     */
    public static void decision(Request request, Decision decision, long startNanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info(write(request, "decision", decision.knowledgeBase(), startNanos, g -> {
            g.writeObjectFieldStart("outcome");
            g.writeStringField("postCovid", decision.postCovid() == null ? null : decision.postCovid().outcome().name());
            g.writeStringField("alk", decision.alk() == null ? null : decision.alk().outcome().name());
            g.writeEndObject();
        }));
    }

    /**
     * Writes the record of a request that could not be assessed (its input was refused).
     *
     * @param request    who asked
     * @param kb         the knowledge base serving
     * @param field      the input field that was refused (a path, never its value)
     * @param startNanos {@link System#nanoTime()} when the request arrived
     */
    public static void cannotAssess(Request request, KnowledgeBaseInfo kb, String field, long startNanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info(write(request, "cannot-assess", kb, startNanos, g -> g.writeStringField("field", field)));
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Request r, String event, KnowledgeBaseInfo kb, long startNanos, Body body) {
        StringWriter out = new StringWriter(384);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.now().toString());
            g.writeStringField("event", event);
            g.writeStringField("channel", r.channel());
            if (r.issuer() == null && r.subject() == null) {
                g.writeNullField("client");
            } else {
                g.writeObjectFieldStart("client");
                g.writeStringField("iss", r.issuer());
                g.writeStringField("sub", r.subject());
                g.writeEndObject();
            }
            g.writeStringField("user", r.user());
            g.writeStringField("patient", r.patient());
            g.writeStringField("hookInstance", r.hookInstance());
            g.writeStringField("case", r.inputCase());
            body.write(g);
            g.writeObjectFieldStart("knowledgeBase");
            g.writeStringField("version", kb.version());
            g.writeStringField("checksum", kb.checksum());
            g.writeEndObject();
            g.writeNumberField("durationMicros", (System.nanoTime() - startNanos) / 1_000);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
