package nl.zorgregels.tests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.service.CdsHooksServer;

/**
 * Benchmark of the CDS Hooks service (not a test; {@code -Pbench}): 16 closed-loop clients on
 * loopback call {@code POST /cds-services/zorgregels} with the scenarios' prefetches, first
 * without authentication, then with a fresh ES256 JWT per call (signed by the client, verified
 * by the service: both on the same 2 cores). Prints requests/s and p50/p99 latency of the
 * measured window after a warm-up. Bounded: {@code -Dbench.cds.seconds} (default 20) per run.
 *
 * <pre>java -cp ... nl.zorgregels.tests.CdsHooksBenchmark</pre>
 */
public final class CdsHooksBenchmark {
    private CdsHooksBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.cds.seconds", 20);
        int clients = Integer.getInteger("bench.cds.clients", 16);
        List<String> calls = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (Scenario s : ScenarioLoader.allScenarios()) {
            ObjectNode input = FhirCases.normalised(s.input());
            if (CdsCalls.hasPart(input) && CdsCalls.expected(input, Engines.shared()) != null) {
                calls.add(CdsCalls.call(input, "bench-" + calls.size(), random.split()));
            }
        }
        Path dir = Files.createTempDirectory("cds-bench");
        CdsCalls.Ehr ehr = new CdsCalls.Ehr();
        Path trust = ehr.trustFile(dir);
        for (boolean jwt : new boolean[] {false, true}) {
            CdsHooksServer.Builder b = CdsHooksServer.builder(new ReloadableEngine(Engines.shared())).port(0);
            if (jwt) {
                b.trustFile(trust);
            }
            try (CdsHooksServer server = b.start()) {
                URI service = server.baseUri().resolve("/cds-services/zorgregels");
                run(service, calls, clients, Math.max(5, seconds / 2), jwt ? ehr : null, null); // warm-up
                String figures = run(service, calls, clients, seconds, jwt ? ehr : null, "");
                System.out.println("cds-hooks bench, " + clients + " closed-loop clients, " + (jwt ? "JWT (ES256) on" : "no JWT")
                        + ", " + seconds + " s: " + figures);
            }
        }
        Files.deleteIfExists(trust);
        Files.deleteIfExists(dir);
    }

    private static String run(URI service, List<String> calls, int clients, int seconds, CdsCalls.Ehr ehr, String label)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong failures = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[clients];
        String aud = service.toString();
        for (int c = 0; c < clients; c++) {
            long[] lat = new long[200_000];
            latencies.add(lat);
            int client = c;
            Thread t = new Thread(() -> {
                int k = 0;
                while (!stop.get() && k < lat.length) {
                    String call = calls.get((client * 7_919 + k * 31) % calls.size());
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = CdsCalls.post(service, call, ehr == null ? null : ehr.token(aud));
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
        return String.format(Locale.ROOT, "%d requests, %.0f requests/s, p50 %.2f ms, p99 %.2f ms, failures %d",
                total, total / elapsed, all[total / 2] / 1e6, all[(int) (total * 0.99)] / 1e6, failures.get());
    }
}
