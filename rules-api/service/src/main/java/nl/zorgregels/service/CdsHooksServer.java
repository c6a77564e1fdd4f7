package nl.zorgregels.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.fhir.FhirCodes;
import nl.zorgregels.fhir.internal.BundleReader;
import nl.zorgregels.service.internal.KnowledgeBaseWatcher;
import nl.zorgregels.service.internal.ops.OpsHandler;
import nl.zorgregels.service.internal.ops.ServiceMetrics;
import nl.zorgregels.service.internal.ops.Tls;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zorgregels CDS Hooks 2.0 service on Jetty 12.1 (the {@code serve} command): the
 * {@link CdsHooksServlet} mounted at {@code /} with discovery at {@code GET /cds-services}, the
 * {@code patient-view} service {@code zorgregels} at {@code POST /cds-services/zorgregels}, its
 * feedback endpoint, the intake Questionnaire at {@code GET /fhir/Questionnaire/intake} and
 * {@code GET /health}; for the operator {@code GET /health/live}, {@code GET /health/ready} and
 * {@code GET /metrics} (Prometheus text format).
 *
 * <pre>{@code
 * try (CdsHooksServer server = CdsHooksServer.builder(new ReloadableEngine(ZorgregelsEngine.packaged()))
 *         .host("0.0.0.0").port(8080).trustFile(Path.of("trust.json")).start()) {
 *     server.join();
 * }
 * }</pre>
 *
 * <p>Security follows CDS Hooks "Trusting CDS Clients": with a trust file every request but
 * {@code /health}, {@code /health/live}, {@code /health/ready} and {@code /metrics} needs a JWT signed by a listed issuer (see the README's CDS Hooks section);
 * without one the service binds only to a loopback address and logs that requests are not
 * authenticated. Bodies over 1 MiB get 413; idle connections are closed after the idle timeout;
 * {@link #close()} (and, with {@link Builder#stopAtShutdown(boolean)}, SIGTERM) lets requests in
 * flight finish. The only state is the engine's knowledge base, so instances behind a load
 * balancer share nothing (the {@code jti} replay check is per instance). With
 * {@link Builder#tls(Path, char[])} it serves HTTPS; each server counts its own metrics. To mount
 * the service in your own servlet container instead, use {@link CdsHooksServlet}.
 */
public final class CdsHooksServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksServer.class);
    /** The logger of the access log (one line per request). */
    public static final String ACCESS_LOG = "nl.zorgregels.service.access";
    /** While stopping, connections idle this long are closed. */
    private static final long SHUTDOWN_IDLE_MILLIS = 5_000;

    private final Server server;
    private final ServerConnector connector;
    private final ReloadableEngine engine;
    private final boolean https;
    private final KnowledgeBaseWatcher watcher;

    private CdsHooksServer(Server server, ServerConnector connector, ReloadableEngine engine, boolean https,
                           KnowledgeBaseWatcher watcher) {
        this.server = server;
        this.connector = connector;
        this.engine = engine;
        this.https = https;
        this.watcher = watcher;
    }

    /**
     * @param engine the engine that decides (reload it to change the knowledge base while serving)
     * @return a builder with the defaults: 127.0.0.1:8080, no trust file, no CORS origins, Dutch cards
     */
    public static Builder builder(ReloadableEngine engine) {
        return new Builder(Objects.requireNonNull(engine, "engine"));
    }

    /** @return the port listened on (the one chosen when port 0 was asked) */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:8080} ({@code https://} with TLS) */
    public URI baseUri() {
        String host = connector.getHost();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((https ? "https://" : "http://") + host + ":" + port());
    }

    /** @return the engine serving */
    public ReloadableEngine engine() {
        return engine;
    }

    /**
     * Waits until the server has stopped.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Stops accepting connections, lets requests in flight finish (up to the stop timeout), then
     * stops; requests still running then are cut off (and logged).
     */
    @Override
    public void close() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.warn("closing the knowledge-base watcher: {}", e.toString());
            }
        }
        try {
            server.stop();
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("stopped with requests still in flight after the stop timeout");
        } catch (Exception e) {
            throw new IllegalStateException("the server did not stop cleanly: " + e, e);
        }
    }

    /** The service's settings. Not thread-safe; {@link #start()} copies what it needs. */
    public static final class Builder {
        private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?|https?://\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");

        private final ReloadableEngine engine;
        /** The deciding settings (trust, language, clock, public URL, FHIR reads, codes) are the servlet's. */
        private final CdsHooksServlet.Builder servlet;
        private String host = "127.0.0.1";
        private int port = 8080;
        private final Set<String> corsOrigins = new LinkedHashSet<>();
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(10);
        private boolean stopAtShutdown;
        private int maxConnections = 1024;
        private int maxThreads = 64;
        private Path tlsKeystore;
        private char[] tlsPassword;
        private boolean metrics = true;
        private Path watch;

        private Builder(ReloadableEngine engine) {
            this.engine = engine;
            this.servlet = CdsHooksServlet.builder(engine);
        }

        /**
         * @param host the address to listen on (default 127.0.0.1); a non-loopback one needs a trust file
         * @return this
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * @param port the port (default 8080; 0 picks a free one)
         * @return this
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535 but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param file the trust file, {@code [{"iss": ..., "jwks": {"keys": [...]}}]}; null for none
         * @return this
         */
        public Builder trustFile(Path file) {
            servlet.trustFile(file);
            return this;
        }

        /**
         * @param origins the browser origins ({@code https://ehr.example.org}) whose cross-origin
         *                requests and preflights are answered; no others
         * @return this
         */
        public Builder corsOrigins(Collection<String> origins) {
            for (String o : origins) {
                if (!ORIGIN.matcher(o).matches()) {
                    throw new IllegalArgumentException("--cors-origin must be an origin like https://ehr.example.org"
                            + " (scheme, host, optional port; no path, no wildcard) but was " + o);
                }
                corsOrigins.add(o);
            }
            return this;
        }

        /**
         * @param language the language of the cards, nl (default) or en
         * @return this
         */
        public Builder language(String language) {
            servlet.language(language);
            return this;
        }

        /**
         * @param clock gives today (its date in its zone) when a request sets no assessment date; default Europe/Amsterdam
         * @return this
         */
        public Builder clock(Clock clock) {
            servlet.clock(clock);
            return this;
        }

        /**
         * @param url the base URL clients call, e.g. {@code https://cds.example.org} behind a
         *            reverse proxy: tokens' {@code aud} must be this plus the path; null (default)
         *            for the URL of the request as received
         * @return this
         */
        public Builder publicUrl(String url) {
            servlet.publicUrl(url);
            return this;
        }

        /**
         * @param timeout a connection idle this long is closed (default 30 s)
         * @return this
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param timeout how long {@link #close()} waits for requests in flight (default 10 s)
         * @return this
         */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param stop whether the JVM's shutdown (SIGTERM) stops the server gracefully (default false)
         * @return this
         */
        public Builder stopAtShutdown(boolean stop) {
            this.stopAtShutdown = stop;
            return this;
        }

        /**
         * @param max most connections open at once (default 1024); more wait to be accepted
         * @return this
         */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1");
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * Serves HTTPS instead of HTTP (TLS 1.2 and 1.3), with the key and certificate chain of a
         * PKCS#12 keystore. The keystore is read and checked at {@link #start()}.
         *
         * @param keystore the PKCS#12 keystore (one password for the store and its key); null for HTTP
         * @param password its password (copied; the caller may clear its array)
         * @return this
         */
        public Builder tls(Path keystore, char[] password) {
            if (keystore != null && password == null) {
                throw new IllegalArgumentException("a TLS keystore needs its password");
            }
            this.tlsKeystore = keystore;
            this.tlsPassword = password == null ? null : password.clone();
            return this;
        }

        /**
         * @param deadline how long all of a call's reads from its {@code fhirServer} together may
         *                 take (default 5 s); what has not arrived by then is not read, and the
         *                 cards say so
         * @return this
         */
        public Builder fhirFetchDeadline(Duration deadline) {
            servlet.fhirFetchDeadline(deadline);
            return this;
        }

        /**
         * @param serve whether {@code GET /metrics} is served, without a token (default true);
         *              false answers 404 there
         * @return this
         */
        public Builder metrics(boolean serve) {
            this.metrics = serve;
            return this;
        }

        /**
         * @param dir the knowledge-base directory to watch: when it changes (and is then quiet for a
         *            moment) the engine is reloaded from it, as {@code check-kb} builds it; a
         *            knowledge base that fails is refused and the old one serves on. Each attempt is
         *            counted in {@code /metrics}. Null (default) for none
         * @return this
         */
        public Builder watch(Path dir) {
            this.watch = dir;
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
            servlet.codes(codes);
            return this;
        }

        /**
         * @param max the most entries read from the {@code fhirServer} for one prefetch key, over
         *            all its pages (default 1000; at most 10 pages are read); beyond it that key is
         *            not read, and the cards say so
         * @return this
         */
        public Builder fhirMaxEntries(int max) {
            servlet.fhirMaxEntries(max);
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server
         * @throws IllegalArgumentException if the host is not a loopback address and there is no
         *                                  trust file, or the trust file is not valid (message
         *                                  names the file and entry), or the TLS keystore cannot be
         *                                  used, or the watched directory cannot be watched
         * @throws IllegalStateException    if the server cannot start (e.g. the port is taken)
         */
        public CdsHooksServer start() {
            ServiceMetrics counts = new ServiceMetrics(engine::knowledgeBase);
            // reads the trust file (its errors first, as before any port is opened)
            CdsHooksServlet cds = servlet.metrics(counts).build();
            if (!servlet.authenticated()) {
                if (!isLoopback(host)) {
                    throw new IllegalArgumentException("--host " + host + " is not a loopback address: without --trust FILE"
                            + " requests are not authenticated, so the service listens only on loopback (127.0.0.1, ::1)");
                }
                LOG.warn("no --trust file: requests are NOT authenticated; listening on loopback {} only", host);
            }

            SslContextFactory.Server tls = tlsKeystore == null ? null : Tls.serverContext(tlsKeystore, tlsPassword);
            warmUp();
            QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 4);
            threads.setName("cds");
            Server server = new Server(threads);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            ServerConnector connector;
            if (tls == null) {
                connector = new ServerConnector(server, new HttpConnectionFactory(http));
            } else {
                http.setSecureScheme("https");
                http.addCustomizer(new SecureRequestCustomizer());
                HttpConnectionFactory h1 = new HttpConnectionFactory(http);
                connector = new ServerConnector(server, new SslConnectionFactory(tls, h1.getProtocol()), h1);
            }
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(idleTimeout.toMillis());
            server.addConnector(connector);
            server.addBean(new NetworkConnectionLimit(maxConnections, connector));

            OpsHandler.Readiness readiness = new OpsHandler.Readiness();
            ServletContextHandler context = new ServletContextHandler("/");
            context.addServlet(new ServletHolder("zorgregels", cds), "/*");
            Handler handler = context;
            if (!corsOrigins.isEmpty()) {
                CrossOriginHandler cors = new CrossOriginHandler();
                List<String> patterns = new ArrayList<>();
                corsOrigins.forEach(o -> patterns.add(Pattern.quote(o.toLowerCase(Locale.ROOT))));
                cors.setAllowedOriginPatterns(new LinkedHashSet<>(patterns));
                cors.setAllowedMethods(Set.of("GET", "POST"));
                cors.setAllowedHeaders(Set.of("Authorization", "Content-Type", "Accept"));
                // a browser client may read why it was refused (401: the Bearer error)
                cors.setExposedHeaders(Set.of("WWW-Authenticate"));
                cors.setAllowCredentials(false);
                cors.setPreflightMaxAge(Duration.ofMinutes(10));
                cors.setHandler(handler);
                handler = cors;
            }
            handler = new OpsHandler(handler, counts, metrics, readiness, engine::knowledgeBase);
            GracefulHandler graceful = new GracefulHandler(handler);
            // While stopping, a connection idle this long is closed: an idle keep-alive connection
            // soon, a request in flight whose client pauses a little is still finished (Jetty's
            // default is 1 s). The stop timeout bounds the whole stop.
            graceful.setShutdownIdleTimeout(Math.min(idleTimeout.toMillis(), SHUTDOWN_IDLE_MILLIS));
            server.setHandler(graceful);
            server.setStopTimeout(stopTimeout.toMillis());
            server.setStopAtShutdown(stopAtShutdown);
            long grace = stopTimeout.toSeconds();
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStopping(LifeCycle event) {
                    readiness.stopping();
                    LOG.info("stopping: no new connections; requests in flight finish (up to {} s)", grace);
                }

                @Override
                public void lifeCycleStopped(LifeCycle event) {
                    LOG.info("stopped");
                }
            });
            Slf4jRequestLogWriter log = new Slf4jRequestLogWriter();
            log.setLoggerName(ACCESS_LOG);
            server.setRequestLog(new CustomRequestLog(log, "%{client}a \"%r\" %s %O %{ms}Tms"));
            try {
                server.start();
            } catch (Exception e) {
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // already failing
                }
                throw new IllegalStateException("cannot start the CDS Hooks service on " + host + ":" + port + ": " + e, e);
            }
            KnowledgeBaseWatcher watcher = null;
            if (watch != null) {
                Path dir = watch;
                try {
                    watcher = new KnowledgeBaseWatcher(dir, engine, () -> ZorgregelsEngine.fromDirectory(dir), counts::reload);
                } catch (IOException e) {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // already failing
                    }
                    throw new IllegalArgumentException("--watch " + dir + ": cannot watch the directory: " + e.getMessage(), e);
                }
            }
            readiness.started();
            CdsHooksServer running = new CdsHooksServer(server, connector, engine, tls != null, watcher);
            LOG.info("CDS Hooks service on {}/cds-services, knowledge base {} {}", running.baseUri(),
                    engine.knowledgeBase().version(), engine.knowledgeBase().checksum());
            return running;
        }

        /** Loads the FHIR parser and the rules' code once, so the first EHR call is not the slow one. */
        private void warmUp() {
            try {
                engine.evaluate(BundleReader.read("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                        + "{\"resourceType\":\"Patient\",\"birthDate\":\"1980-01-01\"}}]}", LocalDate.of(2026, 1, 1)));
            } catch (RuntimeException e) {
                LOG.warn("warm-up failed (the service starts anyway): {}", e.toString());
            }
        }

        private static boolean isLoopback(String host) {
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (!a.isLoopbackAddress()) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--host " + host + " is not a known address");
            }
        }
    }
}
