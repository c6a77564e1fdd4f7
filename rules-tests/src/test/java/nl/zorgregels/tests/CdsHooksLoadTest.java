package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.service.CdsHooksServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load on the CDS Hooks service (loopback, bounded): 8 client threads × 2,500 calls of the
 * scenarios' prefetches, with a knowledge-base reload half-way. Every answer must be byte for byte
 * the sequential answer of the same call with the knowledge base it was made with, none lost, and
 * every call started after the reload returned must be answered by the new knowledge base. The
 * figures (requests/s, p50/p99 latency) are printed, never asserted.
 */
@org.junit.jupiter.api.Tag("soak") // a minute of whole processes: run by -Psoak (CI), not the default build
class CdsHooksLoadTest {
    static final int THREADS = 8;
    static final int PER_THREAD = 2_500;

    @TempDir
    Path dir;

    @Test
    void eightClientsWithAReloadInTheMiddleGetTheSequentialAnswers() throws Exception {
        ZorgregelsEngine packaged = Engines.shared();
        // the same rules from a directory: the same decisions, another version label, so every
        // answer shows which knowledge base made it
        ZorgregelsEngine fromDirectory = ZorgregelsEngine.fromDirectory(KbSources.copy(dir.resolve("kb")));
        assertThat(fromDirectory.knowledgeBase().version()).isNotEqualTo(packaged.knowledgeBase().version());
        ReloadableEngine engine = new ReloadableEngine(packaged);

        List<String> calls = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (Scenario s : ScenarioLoader.allScenarios()) {
            ObjectNode input = FhirCases.normalised(s.input());
            if (CdsCalls.hasPart(input) && CdsCalls.expected(input, packaged) != null) {
                calls.add(CdsCalls.call(input, "load-" + calls.size(), random.split()));
            }
        }
        int n = calls.size();
        assertThat(n).isGreaterThan(100);

        try (CdsHooksServer server = CdsHooksServer.builder(engine).port(0).start()) {
            URI service = server.baseUri().resolve("/cds-services/zorgregels");
            String[] before = new String[n];
            String[] after = new String[n];
            for (int i = 0; i < n; i++) {
                before[i] = CdsCalls.post(service, calls.get(i), null).body();
            }
            engine.reload(() -> fromDirectory);
            for (int i = 0; i < n; i++) {
                after[i] = CdsCalls.post(service, calls.get(i), null).body();
                assertThat(after[i]).isNotEqualTo(before[i]).contains(fromDirectory.knowledgeBase().version());
            }
            engine.reload(() -> packaged);

            int total = THREADS * PER_THREAD;
            long[] latency = new long[total];
            AtomicInteger done = new AtomicInteger();
            AtomicInteger old = new AtomicInteger();
            AtomicInteger reloaded = new AtomicInteger();
            AtomicLong reloadedAt = new AtomicLong(Long.MAX_VALUE);
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int k = 0; k < PER_THREAD; k++) {
                        int i = (int) ((thread * 7_919L + k * 31L) % n);
                        long t0 = System.nanoTime();
                        String body;
                        int status;
                        try {
                            HttpResponse<String> r = CdsCalls.post(service, calls.get(i), null);
                            body = r.body();
                            status = r.statusCode();
                        } catch (Exception e) {
                            wrong.add("call " + i + ": " + e);
                            continue;
                        }
                        latency[thread * PER_THREAD + k] = System.nanoTime() - t0;
                        if (status == 200 && body.equals(before[i])) {
                            old.incrementAndGet();
                            if (t0 > reloadedAt.get()) {
                                wrong.add("call " + i + " started after the reload and was answered by the old knowledge base");
                            }
                        } else if (status == 200 && body.equals(after[i])) {
                            reloaded.incrementAndGet();
                        } else {
                            wrong.add("call " + i + ": " + status + " " + body.substring(0, Math.min(300, body.length())));
                        }
                        if (done.incrementAndGet() == total / 2) {
                            engine.reload(() -> fromDirectory);
                            reloadedAt.set(System.nanoTime());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.MINUTES);
            }
            long elapsed = System.nanoTime() - start;
            pool.shutdown();

            assertThat(wrong).as("answers other than the sequential ones").isEmpty();
            assertThat(old.get() + reloaded.get()).as("answers").isEqualTo(total);
            assertThat(old.get()).isGreaterThanOrEqualTo(total / 2 - THREADS);
            assertThat(reloaded.get()).isPositive();
            assertThat(engine.knowledgeBase()).isEqualTo(fromDirectory.knowledgeBase());

            Arrays.sort(latency);
            Figures.report("serve load: {} calls ({} threads x {}, {} distinct prefetches), reload after {}: {} old, {} new KB; "
                            + "{} requests/s, latency p50 {} ms, p99 {} ms, max {} ms", total, THREADS, PER_THREAD, n, total / 2,
                    old.get(), reloaded.get(), String.format(java.util.Locale.ROOT, "%.0f", total / (elapsed / 1e9)),
                    ms(latency[total / 2]), ms(latency[(int) (total * 0.99)]), ms(latency[total - 1]));
        }
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
