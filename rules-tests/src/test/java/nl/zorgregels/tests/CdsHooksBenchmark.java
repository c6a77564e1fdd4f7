package nl.zorgregels.tests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import jdk.jfr.Recording;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.service.CdsHooksServer;
import nl.zorgregels.tests.bench.JfrSummary;

/**
 * Benchmark of the CDS Hooks service (not a test; {@code -Pbench}): 16 closed-loop clients on
 * loopback call {@code POST /cds-services/zorgregels} with the scenarios' prefetches, in three runs:
 * without authentication; with a JWT per call signed RS384 (the EHR's tokens, each with its own
 * {@code jti}, are signed before the run: signing is the EHR's work, not the service's, and on
 * this machine the client would otherwise take the service's cores); and the same with ES256.
 * After a first run that is not measured (the JIT's), each run has a warm-up, then a measured
 * window during which a flight recording is taken; it
 * prints requests/s, p50 and p99 latency, and where the CPU went ({@link JfrSummary}): the
 * service's threads by component, and the load generator's share. Bounded: {@code
 * -Dbench.cds.seconds} (default 20) per window; {@code -Dbench.cds.modes} (default
 * {@code none,RS384,ES256}).
 *
 * <pre>java -cp ... nl.zorgregels.tests.CdsHooksBenchmark</pre>
 */
public final class CdsHooksBenchmark {
    /** The thread-name prefix of the service's request threads (CdsHooksServer's pool). */
    private static final String SERVICE_THREADS = "cds-";

    private CdsHooksBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.cds.seconds", 20);
        int clients = Integer.getInteger("bench.cds.clients", 16);
        List<String> modes = List.of(System.getProperty("bench.cds.modes", "none,RS384,ES256").split(","));
        List<String> calls = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (Scenario s : ScenarioLoader.allScenarios()) {
            ObjectNode input = FhirCases.normalised(s.input());
            if (CdsCalls.hasPart(input) && CdsCalls.expected(input, Engines.shared()) != null) {
                calls.add(CdsCalls.call(input, "bench-" + calls.size(), random.split()));
            }
        }
        Path dir = Files.createTempDirectory("cds-bench");
        // Under this load the JIT needs about a minute to compile the hot code (measured: 430, 1,100
        // and 1,520 requests/s in three consecutive 10 s windows from a cold start): a first run
        // that is not measured (-Dbench.cds.jit seconds, default 60), so no mode is measured on
        // code still interpreted.
        // A flight recording of CPU samples only (1 ms): the "profile" settings' socket and file
        // events slowed the first recorded window several-fold. One is made in the warm-up too.
        try (CdsHooksServer server = CdsHooksServer.builder(new ReloadableEngine(Engines.shared())).port(0).start();
             Recording warm = new Recording()) {
            warm.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
            warm.start();
            run(server.baseUri().resolve("/cds-services/zorgregels"), calls, clients, Integer.getInteger("bench.cds.jit", 60), null);
            warm.stop();
        }
        for (String mode : modes) {
            CdsCalls.Ehr ehr = mode.equals("none") ? null : new CdsCalls.Ehr(JWSAlgorithm.parse(mode));
            CdsHooksServer.Builder b = CdsHooksServer.builder(new ReloadableEngine(Engines.shared())).port(0);
            Path trust = null;
            if (ehr != null) {
                trust = ehr.trustFile(dir);
                b.trustFile(trust);
            }
            int warmUp = ehr == null ? Math.max(5, seconds / 2) : 6;
            try (CdsHooksServer server = b.start()) {
                URI service = server.baseUri().resolve("/cds-services/zorgregels");
                // tokens for the warm-up and the window at up to 4,500 requests/s, valid 240 s
                Tokens tokens = ehr == null ? null : new Tokens(ehr, service.toString(), 4_500 * (warmUp + seconds));
                run(service, calls, clients, warmUp, tokens);
                Path jfr = dir.resolve("cds-" + mode + ".jfr");
                String figures;
                try (Recording recording = new Recording()) {
                    recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
                    recording.start();
                    figures = run(service, calls, clients, seconds, tokens);
                    recording.stop();
                    recording.dump(jfr);
                }
                System.out.println("cds-hooks bench, " + clients + " closed-loop clients, "
                        + (ehr == null ? "no JWT" : "JWT " + mode + " on (verified per call, jti replay checked)") + ", "
                        + seconds + " s: " + figures);
                System.out.print("cds-hooks bench " + mode + ", service threads " + JfrSummary.summary(jfr,
                        t -> t.startsWith(SERVICE_THREADS), 8).replace("\n", "\n  "));
                System.out.print("\ncds-hooks bench " + mode + ", all threads (service and load generator) "
                        + JfrSummary.summary(jfr, t -> true, 0).replace("\n", "\n  "));
                System.out.println();
                Files.deleteIfExists(jfr);
            }
            if (trust != null) {
                Files.deleteIfExists(trust);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Tokens signed before the run, one per call, each with its own jti. */
    private static final class Tokens {
        private final String[] tokens;
        private final AtomicInteger next = new AtomicInteger();

        Tokens(CdsCalls.Ehr ehr, String aud, int count) {
            tokens = IntStream.range(0, count).parallel().mapToObj(i -> ehr.token(aud)).toArray(String[]::new);
        }

        /** The next token, or null when all are used (the client then stops, and the run says so). */
        String next() {
            int i = next.getAndIncrement();
            return i < tokens.length ? tokens[i] : null;
        }
    }

    private static String run(URI service, List<String> calls, int clients, int seconds, Tokens tokens)
            throws Exception {
        AtomicBoolean outOfTokens = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong failures = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[clients];
        for (int c = 0; c < clients; c++) {
            long[] lat = new long[200_000];
            latencies.add(lat);
            int client = c;
            Thread t = new Thread(() -> {
                int k = 0;
                while (!stop.get() && k < lat.length) {
                    String call = calls.get((client * 7_919 + k * 31) % calls.size());
                    String token = tokens == null ? null : tokens.next();
                    if (tokens != null && token == null) {
                        outOfTokens.set(true);
                        break;
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = CdsCalls.post(service, call, token);
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    lat[k++] = System.nanoTime() - t0;
                }
                counts[client] = k;
            });
            threads.add(t);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return String.format(Locale.ROOT, "%d requests, %.0f requests/s, p50 %.2f ms, p99 %.2f ms, failures %d%s",
                total, total / elapsed, all[total / 2] / 1e6, all[(int) (total * 0.99)] / 1e6, failures.get(),
                outOfTokens.get() ? " (ran out of pre-signed tokens: figures cover a shorter window)" : "");
    }
}
