package nl.zorgregels.service.internal.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Supplier;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.KnowledgeBaseInfo;

/**
 * The metrics of one server, in a registry of its own (never Prometheus' default registry, so that
 * several servers in one JVM, and the tests, count apart). What is counted:
 * <ul>
 *   <li>{@value #REQUESTS}{@code _total{path,status}}: every request answered, by route and status;</li>
 *   <li>{@value #DURATION}{@code {path}}: a histogram of the time to answer, by route;</li>
 *   <li>{@value #DECISIONS}{@code _total{part,outcome}}: every decision served, per part
 *       ({@code postCovid}, {@code alk}) and its outcome as the decision names it;</li>
 *   <li>{@value #CANNOT_ASSESS}{@code _total}: calls whose input could not be assessed;</li>
 *   <li>{@value #RELOADS}{@code _total{result}}: knowledge-base reloads, {@code ok} or {@code refused};</li>
 *   <li>{@value #REFUSALS}{@code _total{reason}}: requests refused with a 4xx, by reason
 *       ({@code authentication} for 401, {@code invalid_request}, {@code not_found},
 *       {@code method_not_allowed}, {@code too_large}, {@code other});</li>
 *   <li>{@value #KB_INFO}{@code {version,checksum}}: 1, for the knowledge base serving.</li>
 * </ul>
 * The {@code path} label is the route ({@link #route(String)}), never the path as sent, so that a
 * scan of made-up paths adds no series. No label holds anything of a patient. Thread-safe.
 */
public final class ServiceMetrics {
    /** Requests answered. */
    public static final String REQUESTS = "zorgregels_http_requests";
    /** Time to answer a request, in seconds. */
    public static final String DURATION = "zorgregels_http_request_duration_seconds";
    /** Decisions served. */
    public static final String DECISIONS = "zorgregels_decisions";
    /** Calls that could not be assessed. */
    public static final String CANNOT_ASSESS = "zorgregels_cannot_assess";
    /** Knowledge-base reloads. */
    public static final String RELOADS = "zorgregels_knowledge_base_reloads";
    /** Requests refused with a 4xx. */
    public static final String REFUSALS = "zorgregels_refusals";
    /** The knowledge base serving. */
    public static final String KB_INFO = "zorgregels_knowledge_base_info";

    /** The routes counted by name; any other path is counted as {@code other}. */
    private static final Set<String> ROUTES = Set.of("/cds-services", "/cds-services/zorgregels",
            "/cds-services/zorgregels/feedback", "/fhir/Questionnaire/intake", "/health", "/health/live",
            "/health/ready", "/metrics");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram duration;
    private final Counter decisions;
    private final Counter cannotAssess;
    private final Counter reloads;
    private final Counter refusals;

    /** @param knowledgeBase the knowledge base serving, read at every scrape */
    public ServiceMetrics(Supplier<KnowledgeBaseInfo> knowledgeBase) {
        requests = Counter.builder().name(REQUESTS).help("Requests answered, by route and HTTP status")
                .labelNames("path", "status").withoutExemplars().register(registry);
        duration = Histogram.builder().name(DURATION).help("Time to answer a request, by route").unit(Unit.SECONDS)
                .labelNames("path").classicOnly()
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .withoutExemplars().register(registry);
        decisions = Counter.builder().name(DECISIONS).help("Decisions served, by part and outcome")
                .labelNames("part", "outcome").withoutExemplars().register(registry);
        cannotAssess = Counter.builder().name(CANNOT_ASSESS).help("Calls whose input could not be assessed (a card says which field)")
                .withoutExemplars().register(registry);
        reloads = Counter.builder().name(RELOADS).help("Knowledge-base reloads: ok, or refused (the old one kept serving)")
                .labelNames("result").withoutExemplars().register(registry);
        refusals = Counter.builder().name(REFUSALS).help("Requests refused with a 4xx status, by reason")
                .labelNames("reason").withoutExemplars().register(registry);
        GaugeWithCallback.builder().name(KB_INFO).help("The knowledge base serving (value 1)")
                .labelNames("version", "checksum")
                .callback(cb -> {
                    KnowledgeBaseInfo kb = knowledgeBase.get();
                    cb.call(1, kb.version(), kb.checksum());
                }).register(registry);
        for (String result : new String[] {"ok", "refused"}) {
            reloads.initLabelValues(result);
        }
        refusals.initLabelValues("authentication");
    }

    /**
     * @param path the path of a request (in context)
     * @return the route it is counted under: the path of a known route, or {@code other}
     */
    public static String route(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return ROUTES.contains(p) ? p : "other";
    }

    /**
     * Counts a request answered.
     *
     * @param route  its route ({@link #route(String)})
     * @param status the HTTP status answered
     * @param nanos  the time it took
     */
    public void request(String route, int status, long nanos) {
        requests.labelValues(route, Integer.toString(status)).inc();
        duration.labelValues(route).observe(nanos / 1e9);
        if (status >= 400 && status < 500) {
            refusals.labelValues(reason(status)).inc();
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 401 -> "authentication";
            case 400, 412 -> "invalid_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            default -> "other";
        };
    }

    /** @param decision a decision served: counted per part it has, by outcome */
    public void decision(Decision decision) {
        if (decision.postCovid() != null) {
            decisions.labelValues("postCovid", decision.postCovid().outcome().name()).inc();
        }
        if (decision.alk() != null) {
            decisions.labelValues("alk", decision.alk().outcome().name()).inc();
        }
    }

    /** Counts a call whose input could not be assessed. */
    public void cannotAssess() {
        cannotAssess.inc();
    }

    /** @param ok whether a reload succeeded ({@code false}: refused, the old knowledge base kept serving) */
    public void reload(boolean ok) {
        reloads.labelValues(ok ? "ok" : "refused").inc();
    }

    /** @return the content type of {@link #scrape()} (Prometheus text format 0.0.4) */
    public String contentType() {
        return writer.getContentType();
    }

    /** @return every metric, in the Prometheus text exposition format */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
