package nl.zorgregels.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.BiFunction;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.fhir.FhirAssessments;
import nl.zorgregels.fhir.FhirCodes;
import nl.zorgregels.fhir.FhirQuestionnaire;
import nl.zorgregels.fhir.internal.BundleReader;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.service.internal.CdsHooksRoutes;
import nl.zorgregels.service.internal.ClientAuthenticator;
import nl.zorgregels.service.internal.Discovery;
import nl.zorgregels.service.internal.FhirFetcher;
import nl.zorgregels.service.internal.TrustedClients;
import nl.zorgregels.service.internal.ops.ServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zorgregels CDS Hooks 2.0 service as a Jakarta Servlet (Servlet 6.0: Tomcat 10.1, Jetty 12
 * ee10, Spring Boot 3), for an EHR or vendor that mounts it in its own HTTP stack. Mapped at
 * {@code /x/*} it answers, relative to that mapping: discovery at {@code GET /x/cds-services}, the
 * {@code patient-view} service at {@code POST /x/cds-services/zorgregels}, its feedback endpoint
 * {@code POST /x/cds-services/zorgregels/feedback}, the intake Questionnaire at
 * {@code GET /x/fhir/Questionnaire/intake} (and {@code POST …/intake/$populate}), the conformance
 * resources at {@code GET /x/fhir/StructureDefinition/{id}} and {@code GET /x/fhir/CodeSystem/{id}},
 * and {@code GET /x/health}. It is the servlet the standalone {@link CdsHooksServer} runs.
 *
 * <p>Mounted in a plain servlet container:
 * <pre>{@code
 * CdsHooksServlet servlet = CdsHooksServlet.builder(new ReloadableEngine(ZorgregelsEngine.packaged()))
 *         .trustFile(Path.of("trust.json")).build();
 * ServletRegistration.Dynamic zorgregels = servletContext.addServlet("zorgregels", servlet);
 * zorgregels.addMapping("/zorgregels/*");
 * }</pre>
 * In Spring Boot 3:
 * <pre>{@code
 * @Bean
 * ServletRegistrationBean<CdsHooksServlet> zorgregels() {
 *     CdsHooksServlet servlet = CdsHooksServlet.builder(new ReloadableEngine(ZorgregelsEngine.packaged()))
 *             .trustFile(Path.of("trust.json")).build();
 *     return new ServletRegistrationBean<>(servlet, "/zorgregels/*");
 * }
 * }</pre>
 *
 * <p>What it does is what the standalone service does: the same status codes, headers and JSON
 * errors ({@code {"error":{"status":…,"field":…,"rule":…}}}), one audit record per decided call,
 * request bodies over 1 MiB refused with 413. A token's {@code aud} must be the URL the client
 * requested, context path and mapping included (or {@link Builder#publicUrl(String)} and the
 * path behind the mapping). Without a trust file requests are not authenticated, and then only
 * clients on a loopback address are answered (403 otherwise; {@code /health} answers anyone). What
 * it does not do is the host's: TLS, CORS, the access log, connection limits, graceful stopping,
 * and the operator's {@code /health/live}, {@code /health/ready} and {@code /metrics}, which belong
 * to {@link CdsHooksServer}. I/O is blocking; an instance is thread-safe and holds no state but the
 * engine's knowledge base and the uuids of the cards it issued (for feedback).
 *
 * <p>Needs, besides the servlet API the container provides, the optional dependencies HAPI FHIR
 * ({@code ca.uhn.hapi.fhir:hapi-fhir-structures-r4}) and nimbus-jose-jwt; not Jetty.
 */
public final class CdsHooksServlet extends HttpServlet {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksServlet.class);

    /** The routes and their logic (not serializable: a container that serializes servlets does not get this one back). */
    private final transient CdsHooksRoutes routes;

    private CdsHooksServlet(CdsHooksRoutes routes) {
        this.routes = routes;
    }

    /**
     * @param engine the engine that decides (reload it to change the knowledge base while serving)
     * @return a builder with the defaults: no trust file, Dutch cards, Europe/Amsterdam's today
     */
    public static Builder builder(ReloadableEngine engine) {
        return new Builder(Objects.requireNonNull(engine, "engine"));
    }

    /** Answers every method itself (405 in the service's error format for one a route does not take). */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        routes.handle(request, response);
    }

    /** The deciding settings of the service. Not thread-safe; {@link #build()} copies what it needs. */
    public static final class Builder {
        private final ReloadableEngine engine;
        private Path trustFile;
        private String language = "nl";
        private Clock clock = Clock.system(ZoneId.of("Europe/Amsterdam"));
        private String publicUrl;
        private Duration fhirDeadline = FhirFetcher.DEFAULT_DEADLINE;
        private int fhirMaxEntries = FhirFetcher.DEFAULT_MAX_ENTRIES;
        private BiFunction<JsonNode, LocalDate, Assessment> reader = BundleReader::read;
        private FhirCodes codes;
        private ServiceMetrics metrics;

        private Builder(ReloadableEngine engine) {
            this.engine = engine;
        }

        /**
         * @param file the trust file, {@code [{"iss": ..., "jwks": {"keys": [...]}}]}; null (default)
         *             for none: then requests are not authenticated and only loopback clients are answered
         * @return this
         */
        public Builder trustFile(Path file) {
            this.trustFile = file;
            return this;
        }

        /**
         * @param language the language of the cards, nl (default) or en
         * @return this
         */
        public Builder language(String language) {
            if (!language.equals("nl") && !language.equals("en")) {
                throw new IllegalArgumentException("language must be nl or en but was " + language);
            }
            this.language = language;
            return this;
        }

        /**
         * @param clock gives today (its date in its zone) when a request sets no assessment date, and
         *              the time tokens are checked at; default Europe/Amsterdam
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param url the base URL clients call the service at, e.g. {@code https://cds.example.org}
         *            (mounted at {@code /zorgregels/*}: {@code https://ehr.example.org/zorgregels}) behind
         *            a reverse proxy: tokens' {@code aud} must be this plus the path behind the
         *            mapping; null (default) for the URL of the request as received
         * @return this
         */
        public Builder publicUrl(String url) {
            if (url != null) {
                URI u = URI.create(url);
                if (u.getScheme() == null || u.getHost() == null || u.getQuery() != null) {
                    throw new IllegalArgumentException("--public-url must be an absolute http(s) URL without query but was " + url);
                }
                url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            }
            this.publicUrl = url;
            return this;
        }

        /**
         * @param deadline how long all of a call's reads from its {@code fhirServer} together may
         *                 take (default 5 s); what has not arrived by then is not read, and the
         *                 cards say so
         * @return this
         */
        public Builder fhirFetchDeadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("fhirFetchDeadline must be positive but was " + deadline);
            }
            this.fhirDeadline = deadline;
            return this;
        }

        /**
         * @param max the most entries read from the {@code fhirServer} for one prefetch key, over
         *            all its pages (default 1000; at most 10 pages are read); beyond it that key is
         *            not read, and the cards say so
         * @return this
         */
        public Builder fhirMaxEntries(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("fhirMaxEntries must be at least 1 but was " + max);
            }
            this.fhirMaxEntries = max;
            return this;
        }

        /**
         * @param codes which codes of a record give which fact: the knowledge base's table with a
         *              deployer's tables merged ({@link FhirCodes#with}); the discovery's prefetch
         *              searches ask for exactly these codes. Default: the packaged knowledge base's
         *              {@code codes.csv}
         * @return this
         */
        public Builder codes(FhirCodes codes) {
            this.codes = Objects.requireNonNull(codes, "codes");
            this.reader = (bundle, date) -> FhirAssessments.read(bundle.toString(), date, codes);
            return this;
        }

        /** The standalone server's metrics, which count the decisions (package-private: not for embedders). */
        Builder metrics(ServiceMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /** @return whether a trust file is set (the standalone server binds only to loopback without one) */
        boolean authenticated() {
            return trustFile != null;
        }

        /**
         * Builds the servlet; the trust file is read now.
         *
         * @return the servlet, to be mounted at a path mapping such as {@code /zorgregels/*} (or {@code /*})
         * @throws IllegalArgumentException if the trust file is not valid (the message names the file and entry)
         */
        public CdsHooksServlet build() {
            ClientAuthenticator authenticator = null;
            if (trustFile != null) {
                TrustedClients trusted = TrustedClients.read(trustFile);
                authenticator = new ClientAuthenticator(trusted, clock);
                LOG.info("requests need a JWT of one of {} trusted issuers ({})", trusted.size(), trustFile);
            } else if (metrics == null) {
                // (the standalone server says so itself, with the address it listens on)
                LOG.warn("no trust file: requests are NOT authenticated; only clients on a loopback address are answered");
            }
            Discovery discovery = new Discovery(codes == null ? FhirCodes.packaged() : codes);
            ReloadableEngine deciding = engine;
            return new CdsHooksServlet(new CdsHooksRoutes(engine, reader, () -> FhirQuestionnaire.intakeJson(deciding), language,
                    authenticator, publicUrl, clock, metrics, new FhirFetcher(fhirDeadline, fhirMaxEntries), discovery));
        }
    }
}
