package nl.zorgregels.tests.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.service.CdsHooksServer;

/**
 * Latency of a CDS Hooks call that reads its record from the EHR's FHIR server, beside the same
 * call with the record prefetched, in one run (issue #23's measured goal: fetching p50 &lt; 10 ms,
 * p99 &lt; 50 ms). Not a test ({@code -Pbench}). One client on loopback calls the service with the
 * example call ({@code examples/cds-hooks/request.json}): prefetched, and without a prefetch but
 * with {@code fhirServer} and a bearer token, so the service reads the Patient and every search
 * from a FHIR server on loopback (the JDK's HttpServer answering with the example's resources).
 * The two kinds alternate call by call, after a warm-up of each; it prints p50 and p99 of each.
 * {@code -Dbench.fetch.calls} (default 2,000 of each).
 *
 * <pre>java -cp ... nl.zorgregels.tests.bench.CdsFetchBenchmark</pre>
 */
public final class CdsFetchBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SLOT = Map.of("Condition", "conditions", "Observation", "observations",
            "Procedure", "procedures", "Coverage", "coverages", "QuestionnaireResponse", "questionnaireResponses");

    private CdsFetchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.getInteger("bench.fetch.calls", 2000);
        Path root = Path.of(System.getProperty("bench.root", ".."));
        ObjectNode example = (ObjectNode) JSON.readTree(Files.readString(root.resolve("examples/cds-hooks/request.json")));
        JsonNode prefetch = example.get("prefetch");
        // the JDK's HttpServer leaves Nagle's algorithm on unless told: with delayed ACKs every small answer
        // would wait about 40 ms, which a real FHIR server (TCP_NODELAY, as Jetty and Tomcat set it) does not
        System.setProperty("sun.net.httpserver.nodelay", "true");
        ExecutorService fhirThreads = Executors.newFixedThreadPool(8);
        HttpServer fhir = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fhir.setExecutor(fhirThreads);
        fhir.createContext("/fhir/", ex -> answer(ex, prefetch));
        fhir.start();
        String base = "http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir";

        ObjectNode fetching = example.deepCopy();
        fetching.remove("prefetch");
        fetching.put("fhirServer", base);
        fetching.putObject("fhirAuthorization").put("access_token", "bench-token").put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "zorgregels");
        String prefetched = example.toString();
        String fetched = fetching.toString();

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try (CdsHooksServer server = CdsHooksServer.builder(new ReloadableEngine(ZorgregelsEngine.packaged()))
                .port(0).metrics(false).start()) {
            URI service = server.baseUri().resolve("/cds-services/zorgregels");
            String expected = decision(post(client, service, prefetched));
            if (!expected.equals(decision(post(client, service, fetched)))) {
                throw new IllegalStateException("the fetched record does not give the prefetched record's decision");
            }
            for (int i = 0; i < calls; i++) { // warm-up: the JIT, the connections
                post(client, service, prefetched);
                post(client, service, fetched);
            }
            long[] pre = new long[calls];
            long[] fetch = new long[calls];
            for (int i = 0; i < calls; i++) {
                pre[i] = timed(client, service, prefetched);
                fetch[i] = timed(client, service, fetched);
            }
            System.out.println(line("prefetched", pre));
            System.out.println(line("fetched from fhirServer", fetch));
        } finally {
            fhir.stop(0);
            fhirThreads.shutdownNow();
        }
    }

    /** The example's resources, as a FHIR server answers a read of the Patient and each search. */
    private static void answer(HttpExchange ex, JsonNode prefetch) throws IOException {
        String path = ex.getRequestURI().getPath().substring("/fhir/".length());
        String type = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        JsonNode body = type.equals("Patient") ? prefetch.get("patient") : prefetch.get(SLOT.getOrDefault(type, ""));
        byte[] bytes = (body == null ? "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}"
                : body.toString()).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/fhir+json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static String post(HttpClient client, URI service, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(service).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("status " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static long timed(HttpClient client, URI service, String body) throws IOException, InterruptedException {
        long start = System.nanoTime();
        post(client, service, body);
        return System.nanoTime() - start;
    }

    private static String decision(String response) throws IOException {
        return JSON.readTree(response).path("extension").path("nl.zorgregels.decision").toString();
    }

    private static String line(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "cds-hooks fetch: %-24s %d calls, p50 %.2f ms, p99 %.2f ms", what, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6);
    }
}
