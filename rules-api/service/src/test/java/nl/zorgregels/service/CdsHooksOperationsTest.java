package nl.zorgregels.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.zorgregels.api.ReloadableEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's side of the service: {@code /metrics} (each server its own registry),
 * {@code /health/live} and {@code /health/ready} (also while stopping), all without a token.
 */
class CdsHooksOperationsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    static ServiceFixture keys;
    static CdsHooksServer server;
    static URI service;

    @BeforeAll
    static void start() throws Exception {
        keys = new ServiceFixture();
        server = TestServers.builder(new ReloadableEngine(TestServers.engine())).trustFile(keys.trustFile(dir)).start();
        service = server.baseUri().resolve("/cds-services/zorgregels");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The metrics of a server, by series (name and labels as written), values as numbers. */
    static Map<String, Double> scrape(CdsHooksServer s) throws Exception {
        HttpResponse<String> r = ServiceFixture.get(s.baseUri().resolve("/metrics"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : r.body().lines().toList()) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int space = line.lastIndexOf(' ');
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return series;
    }

    /** Scrapes until the series has the value (a request is counted once its answer is written), at most 10 s. */
    static Map<String, Double> scrapeUntil(CdsHooksServer s, String series, double value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Double> m = scrape(s);
        while (!Double.valueOf(value).equals(m.get(series)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            m = scrape(s);
        }
        return m;
    }

    /**
     * A decision, a call without a token and a made-up path are counted by route and status, the
     * decision by part and outcome, the 401 and 404 as refusals by reason; the time to answer is a
     * histogram by route; the knowledge base serving is named. A made-up path adds no series of its
     * own. /metrics needs no token, though every CDS route does.
     */
    @Test
    void metricsCountRequestsDecisionsAndRefusals() throws Exception {
        HttpResponse<String> decided = ServiceFixture.post(service, TestServers.exampleRequest(), keys.rsaToken(service.toString()));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        // the decision the response carries (wherever its extension is)
        JsonNode decision = JSON.readTree(decided.body()).findValue("nl.zorgregels.decision");
        assertThat(decision).as(decided.body()).isNotNull();
        String postCovid = decision.path("postCovid").path("outcome").asText();
        assertThat(postCovid).isIn("ELIGIBLE", "NOT_ELIGIBLE", "INSUFFICIENT_DATA");
        String alk = decision.path("alk").path("outcome").asText();
        assertThat(alk).isNotEmpty();
        assertThat(ServiceFixture.post(service, ServiceFixture.call("m-2", "2026-11-23"), null).statusCode()).isEqualTo(401);
        assertThat(ServiceFixture.get(server.baseUri().resolve("/wp-admin/login.php"), null).statusCode()).isEqualTo(404);

        Map<String, Double> m = scrapeUntil(server, "zorgregels_refusals_total{reason=\"not_found\"}", 1);
        assertThat(m).containsEntry("zorgregels_http_requests_total{path=\"/cds-services/zorgregels\",status=\"200\"}", 1.0)
                .containsEntry("zorgregels_http_requests_total{path=\"/cds-services/zorgregels\",status=\"401\"}", 1.0)
                .containsEntry("zorgregels_http_requests_total{path=\"other\",status=\"404\"}", 1.0)
                .containsEntry("zorgregels_refusals_total{reason=\"authentication\"}", 1.0)
                .containsEntry("zorgregels_refusals_total{reason=\"not_found\"}", 1.0)
                .containsEntry("zorgregels_http_request_duration_seconds_count{path=\"/cds-services/zorgregels\"}", 2.0)
                .containsEntry("zorgregels_http_request_duration_seconds_bucket{path=\"/cds-services/zorgregels\",le=\"+Inf\"}", 2.0)
                .containsEntry("zorgregels_cannot_assess_total", 0.0)
                .containsEntry("zorgregels_knowledge_base_reloads_total{result=\"ok\"}", 0.0)
                .containsEntry("zorgregels_knowledge_base_info{checksum=\"" + server.engine().knowledgeBase().checksum()
                        + "\",version=\"" + server.engine().knowledgeBase().version() + "\"}", 1.0);
        assertThat(m.keySet()).noneMatch(k -> k.contains("wp-admin"));
        // one decision: one count per part it has, under the outcome the card carries
        double decisions = m.entrySet().stream().filter(e -> e.getKey().startsWith("zorgregels_decisions_total{")
                        && e.getKey().contains("part=\"postCovid\""))
                .mapToDouble(Map.Entry::getValue).sum();
        assertThat(decisions).isEqualTo(1.0);
        assertThat(m).containsEntry("zorgregels_decisions_total{outcome=\"" + postCovid + "\",part=\"postCovid\"}", 1.0)
                .containsEntry("zorgregels_decisions_total{outcome=\"" + alk + "\",part=\"alk\"}", 1.0);
    }

    /** Two servers in one JVM count apart: a second server has counted nothing the first served. */
    @Test
    void eachServerHasItsOwnRegistry() throws Exception {
        assertThat(ServiceFixture.get(server.baseUri().resolve("/health"), null).statusCode()).isEqualTo(200);
        try (CdsHooksServer other = TestServers.builder(new ReloadableEngine(TestServers.engine())).start()) {
            Map<String, Double> m = scrape(other);
            assertThat(m.keySet()).noneMatch(k -> k.startsWith("zorgregels_http_requests_total{path=\"/health\""));
            assertThat(m.keySet()).noneMatch(k -> k.startsWith("zorgregels_decisions_total"));
        }
        assertThat(scrape(server).keySet()).anyMatch(k -> k.startsWith("zorgregels_http_requests_total{path=\"/health\""));
    }

    /** With metrics switched off, /metrics is 404 like any unknown path. */
    @Test
    void metricsCanBeSwitchedOff() throws Exception {
        try (CdsHooksServer off = TestServers.builder(new ReloadableEngine(TestServers.engine())).metrics(false).start()) {
            assertThat(ServiceFixture.get(off.baseUri().resolve("/metrics"), null).statusCode()).isEqualTo(404);
            assertThat(ServiceFixture.get(off.baseUri().resolve("/health/ready"), null).statusCode()).isEqualTo(200);
        }
    }

    /**
     * A watched knowledge-base directory: a change that does not build is refused (the old
     * knowledge base serves on) and counted as a refused reload.
     */
    @Test
    void aRefusedReloadIsCounted() throws Exception {
        Path kb = Files.createDirectories(dir.resolve("watched-kb"));
        ReloadableEngine engine = new ReloadableEngine(TestServers.engine());
        try (CdsHooksServer watched = TestServers.builder(engine).watch(kb).start()) {
            Files.writeString(kb.resolve("rules.drl"), "this is not a rule");
            Map<String, Double> m = scrapeUntil(watched, "zorgregels_knowledge_base_reloads_total{result=\"refused\"}", 1);
            assertThat(m).containsEntry("zorgregels_knowledge_base_reloads_total{result=\"refused\"}", 1.0)
                    .containsEntry("zorgregels_knowledge_base_reloads_total{result=\"ok\"}", 0.0);
            assertThat(engine.knowledgeBase()).isEqualTo(TestServers.engine().knowledgeBase());
        }
    }

    /** Liveness and readiness need no token (the server has a trust file); another method is 405. */
    @Test
    void livenessAndReadiness() throws Exception {
        HttpResponse<String> live = ServiceFixture.get(server.baseUri().resolve("/health/live"), null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");
        HttpResponse<String> ready = ServiceFixture.get(server.baseUri().resolve("/health/ready"), null);
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode r = JSON.readTree(ready.body());
        assertThat(r.path("status").asText()).isEqualTo("READY");
        assertThat(r.path("knowledgeBase").path("checksum").asText()).isEqualTo(server.engine().knowledgeBase().checksum());
        HttpResponse<String> post = ServiceFixture.post(server.baseUri().resolve("/health/ready"), "{}", null);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(JSON.readTree(post.body()).path("error").path("field").asText()).isEqualTo("method");
        // the old /health answers as before
        assertThat(JSON.readTree(ServiceFixture.get(server.baseUri().resolve("/health"), null).body()).path("status").asText()).isEqualTo("UP");
    }

    /**
     * While the server stops (a request still in flight holds the stop open), it is not ready: new
     * connections are refused, and on a connection already open /health/ready answers 503, while
     * /health/live would have said the process is up until then. Bounded: at most 10 s of waiting.
     */
    @Test
    void notReadyWhileStopping() throws Exception {
        CdsHooksServer stopping = TestServers.builder(new ReloadableEngine(TestServers.engine()))
                .stopTimeout(Duration.ofSeconds(10)).start();
        int port = stopping.port();
        Thread closer = new Thread(stopping::close, "closer");
        try (Socket inFlight = new Socket(); Socket probe = new Socket()) {
            inFlight.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            probe.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            probe.setSoTimeout(10_000);
            // a call whose body is not all sent yet: in flight, the stop waits for it
            OutputStream slow = inFlight.getOutputStream();
            slow.write(("POST /cds-services/zorgregels HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            slow.flush();
            assertThat(get(probe, "/health/ready")).startsWith("HTTP/1.1 200");

            closer.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean accepting = true;
            while (accepting && System.nanoTime() < deadline) {
                try (Socket fresh = new Socket()) {
                    fresh.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                    Thread.sleep(20);
                } catch (IOException refused) {
                    accepting = false;
                }
            }
            assertThat(accepting).as("new connections refused once stopping").isFalse();
            assertThat(get(probe, "/health/ready")).startsWith("HTTP/1.1 503");
        } finally {
            if (!closer.isAlive() && closer.getState() == Thread.State.NEW) {
                stopping.close();
            }
            closer.join(20_000);
        }
    }

    /** Sends GET path on the connection and reads one answer (headers and the body its Content-Length gives). */
    private static String get(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return headers + new String(body, StandardCharsets.UTF_8);
    }

    /** A keystore's errors name the file and what is wrong, before any port is opened. */
    @Test
    void tlsKeystoreErrorsNameTheFile() throws Exception {
        Path keystore = TlsFixture.keystore(dir.resolve("errors"), "right-password");
        assertThatThrownBy(() -> TestServers.builder(server.engine()).tls(keystore, "wrong".toCharArray()).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(keystore.toString()).hasMessageContaining("password");
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> TestServers.builder(server.engine()).tls(missing, "x".toCharArray()).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing + ": no such file");
        Path notAKeystore = Files.writeString(dir.resolve("not-a-keystore.p12"), "-----BEGIN CERTIFICATE-----\n");
        assertThatThrownBy(() -> TestServers.builder(server.engine()).tls(notAKeystore, "x".toCharArray()).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(notAKeystore.toString()).hasMessageContaining("PKCS#12");
    }

    /**
     * HTTPS from a PKCS#12 keystore made here by keytool: a client that trusts its certificate gets
     * a decision and the readiness over TLS; the base URL says https.
     */
    @Test
    void servesHttpsFromAPkcs12Keystore() throws Exception {
        Path keystore = TlsFixture.keystore(dir.resolve("tls"), "changeit-test");
        try (CdsHooksServer https = TestServers.builder(new ReloadableEngine(TestServers.engine()))
                .tls(keystore, "changeit-test".toCharArray()).start()) {
            assertThat(https.baseUri().getScheme()).isEqualTo("https");
            java.net.http.HttpClient client = TlsFixture.client(keystore, "changeit-test");
            HttpResponse<String> ready = client.send(java.net.http.HttpRequest.newBuilder(https.baseUri().resolve("/health/ready")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isIn("TLSv1.2", "TLSv1.3"));
            HttpResponse<String> call = client.send(java.net.http.HttpRequest.newBuilder(https.baseUri().resolve("/cds-services/zorgregels"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestServers.exampleRequest())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
            assertThat(JSON.readTree(call.body()).path("cards").size()).isPositive();
            // the client that does not trust the certificate is refused the handshake
            assertThatThrownBy(() -> ServiceFixture.get(https.baseUri().resolve("/health/ready"), null))
                    .isInstanceOf(javax.net.ssl.SSLException.class);
        }
    }
}
