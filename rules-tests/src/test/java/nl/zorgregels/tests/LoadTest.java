package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.KnowledgeBaseInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: eight threads make a million mixed decisions on ONE engine, and every decision is
 * byte-for-byte the one the same case gets on a single thread; then the same while a
 * {@link ReloadableEngine} is swapped every few seconds for a freshly built engine (alternately
 * from a copy of the rule sources and from the packaged knowledge base): the same sources give
 * the same answers, and every decision names a knowledge base that was really serving.
 *
 * <p>The cases are {@value #DEFAULT_CASES} distinct generated valid cases ({@link CaseArbitraries},
 * seeded); each thread works through them in its own shuffled order. Configurable:
 * {@code -Dzorgregels.load.decisions} (default 1,000,000), {@code -Dzorgregels.load.reloadDecisions}
 * (default {@value #DEFAULT_RELOAD_DECISIONS}), {@code -Dzorgregels.load.cases},
 * {@code -Dzorgregels.load.swapMillis} (default 2000), {@code -Dzorgregels.load.swaps} (at least
 * this many swaps, default 6) and {@code -Dzorgregels.load.seed}.
 */
class LoadTest {
    static final int DEFAULT_CASES = 5_000;
    static final long DEFAULT_RELOAD_DECISIONS = 250_000;
    private static final int THREADS = 8;
    private static final long DECISIONS = Long.getLong("zorgregels.load.decisions", 1_000_000L);
    private static final long RELOAD_DECISIONS = Long.getLong("zorgregels.load.reloadDecisions", DEFAULT_RELOAD_DECISIONS);
    private static final int CASES = Integer.getInteger("zorgregels.load.cases", DEFAULT_CASES);
    private static final long SWAP_MILLIS = Long.getLong("zorgregels.load.swapMillis", 2_000L);
    private static final int MIN_SWAPS = Integer.getInteger("zorgregels.load.swaps", 6);
    private static final long SEED = Long.getLong("zorgregels.load.seed", 7L);
    /** Hang detectors, not speed assertions: a run that has not finished after this long is taken to hang. */
    private static final long HANG_GUARD_MINUTES = 60;

    private static List<Assessment> cases;
    private static List<String> references;
    private static KnowledgeBaseInfo referenceKb;

    @BeforeAll
    static void references() {
        cases = CaseArbitraries.sample(SEED, CASES);
        ZorgregelsEngine engine = Engines.shared();
        referenceKb = engine.knowledgeBase();
        references = new ArrayList<>(cases.size());
        Map<String, Integer> mix = new TreeMap<>();
        for (Assessment a : cases) {
            Decision d = engine.evaluate(a);
            references.add(DecisionJson.write(d));
            String kind = (d.postCovid() == null ? "-" : d.postCovid().ageGroup() + " " + d.postCovid().outcome())
                    + " / ALK " + (d.alk() == null ? "-" : d.alk().outcome());
            mix.merge(kind, 1, Integer::sum);
        }
        Figures.report("load: {} distinct generated cases (seed {}), single-threaded reference decisions; mix: {}",
                cases.size(), SEED, mix);
    }

    @Test
    void eightThreadsOnOneEngineGiveTheSingleThreadedAnswers() throws Exception {
        ZorgregelsEngine engine = Engines.shared();
        Result r = run(DECISIONS, () -> true, new AtomicInteger(THREADS), engine::evaluate, d -> d);
        Figures.report("load: {} decisions by {} threads on one engine in {} s ({} decisions/s), {} differences from "
                + "the single-threaded answers", r.decisions, THREADS, r.seconds(), r.perSecond(), r.differences.get());
        r.assertNoDifferences();
        assertThat(r.decisions).isGreaterThanOrEqualTo(DECISIONS);
    }

    @Test
    void decisionsWhileTheEngineIsSwappedEqualTheReference(@TempDir Path tmp) throws Exception {
        ReloadableEngine reloadable = new ReloadableEngine(Engines.shared());
        Set<KnowledgeBaseInfo> serving = ConcurrentHashMap.newKeySet();
        serving.add(reloadable.knowledgeBase());
        Map<KnowledgeBaseInfo, LongAdder> byKb = new ConcurrentHashMap<>();
        AtomicInteger swaps = new AtomicInteger();
        AtomicInteger directoryBuilds = new AtomicInteger();
        AtomicBoolean swapsDone = new AtomicBoolean();
        AtomicBoolean swapperEnded = new AtomicBoolean();
        AtomicInteger deciding = new AtomicInteger(THREADS);

        ExecutorService swapper = Executors.newSingleThreadExecutor();
        CountDownLatch stop = new CountDownLatch(1);
        Future<?> swapping = swapper.submit(() -> {
            int n = 0;
            try {
                while (stop.getCount() > 0 && !(swapsDone.get() && deciding.get() == 0)) {
                    boolean fromDirectory = n % 2 == 0;
                    Path dir = tmp.resolve("kb-" + n);
                    ZorgregelsEngine next = fromDirectory ? ZorgregelsEngine.fromDirectory(KbSources.copy(dir))
                            : ZorgregelsEngine.packaged();
                    if (fromDirectory) {
                        directoryBuilds.incrementAndGet();
                    }
                    KnowledgeBaseInfo info = next.knowledgeBase();
                    serving.add(info);
                    long before = count(byKb, info);
                    assertThat(reloadable.reload(() -> next)).isEqualTo(info);
                    swaps.incrementAndGet();
                    // wait until the new engine has decided something, while the threads still decide
                    // (the deadline is a hang guard, not a speed assertion)
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(HANG_GUARD_MINUTES);
                    while (count(byKb, info) == before && deciding.get() > 0 && stop.getCount() > 0
                            && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    n++;
                    if (n >= MIN_SWAPS) {
                        swapsDone.set(true);
                    }
                    stop.await(SWAP_MILLIS, TimeUnit.MILLISECONDS);
                }
            } finally {
                swapperEnded.set(true); // the deciding threads stop too if swapping failed
            }
            return null;
        });

        Result r;
        try {
            r = run(RELOAD_DECISIONS, () -> swapsDone.get() || swapperEnded.get(), deciding, reloadable::evaluate, d -> {
                byKb.computeIfAbsent(d.knowledgeBase(), k -> new LongAdder()).increment();
                if (!serving.contains(d.knowledgeBase()) || !d.knowledgeBase().checksum().equals(referenceKb.checksum())) {
                    return null; // reported as a difference below
                }
                return new Decision(referenceKb, d.assessmentDate(), d.safety(), d.postCovid(), d.alk());
            });
        } finally {
            stop.countDown();
            swapper.shutdown();
        }
        swapping.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
        Figures.report("load with reloads: {} decisions by {} threads in {} s ({} decisions/s) while the engine was swapped "
                        + "{} times ({} directory builds, {} packaged), every {} ms; decisions per knowledge base: {}; "
                        + "{} differences from the reference",
                r.decisions, THREADS, r.seconds(), r.perSecond(), swaps.get(), directoryBuilds.get(),
                swaps.get() - directoryBuilds.get(), SWAP_MILLIS, counts(byKb), r.differences.get());
        r.assertNoDifferences();
        assertThat(swaps.get()).as("swaps").isGreaterThanOrEqualTo(MIN_SWAPS);
        assertThat(r.decisions).isGreaterThanOrEqualTo(RELOAD_DECISIONS);
        assertThat(byKb.keySet()).as("knowledge bases that made decisions").isSubsetOf(serving)
                .hasSizeGreaterThanOrEqualTo(1 + (MIN_SWAPS + 1) / 2);
        assertThat(reloadable.knowledgeBase().checksum()).isEqualTo(referenceKb.checksum());
    }

    // ---- the run ---------------------------------------------------------------------------------

    /** What the threads did. */
    private static final class Result {
        long decisions;
        long nanos;
        final AtomicLong differences = new AtomicLong();
        final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        final List<String> failures = new ArrayList<>();

        String seconds() {
            return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
        }

        long perSecond() {
            return nanos == 0 ? 0 : Math.round(decisions / (nanos / 1e9));
        }

        void assertNoDifferences() {
            assertThat(failures).as("threads that failed").isEmpty();
            assertThat(differences.get()).as("decisions that differ from the single-threaded reference; the first:\n%s",
                    String.join("\n", examples)).isZero();
        }
    }

    /**
     * Eight threads decide until together they made {@code total} decisions and {@code mayStop}
     * holds; each decision, passed through {@code normalise} (null: wrong), must write as the
     * reference JSON. {@code deciding} counts the threads still deciding.
     */
    private static Result run(long total, java.util.function.BooleanSupplier mayStop, AtomicInteger deciding,
                              Function<Assessment, Decision> decide, Function<Decision, Decision> normalise)
            throws InterruptedException {
        Result result = new Result();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> workers = new ArrayList<>();
        long start0;
        try {
            for (int t = 0; t < THREADS; t++) {
                long quota = total / THREADS + (t < total % THREADS ? 1 : 0);
                long seed = SEED * 31 + t;
                workers.add(pool.submit(() -> {
                    List<Integer> order = new ArrayList<>(cases.size());
                    for (int i = 0; i < cases.size(); i++) {
                        order.add(i);
                    }
                    Random random = new Random(seed);
                    start.await();
                    long done = 0;
                    try {
                        while (done < quota || !mayStop.getAsBoolean()) {
                            Collections.shuffle(order, random);
                            for (int k = 0; k < order.size() && (done < quota || !mayStop.getAsBoolean()); k++, done++) {
                                int i = order.get(k);
                                Decision d = normalise.apply(decide.apply(cases.get(i)));
                                String json = d == null ? null : DecisionJson.write(d);
                                if (json == null || !json.equals(references.get(i))) {
                                    if (result.differences.incrementAndGet() <= 3) {
                                        result.examples.add("case " + i + ": " + CaseArbitraries.json(cases.get(i))
                                                + "\n  reference: " + references.get(i) + "\n  got:       " + json);
                                    }
                                }
                            }
                        }
                    } finally {
                        deciding.decrementAndGet();
                    }
                    return done;
                }));
            }
            start0 = System.nanoTime();
            start.countDown();
            for (int t = 0; t < workers.size(); t++) {
                try {
                    result.decisions += workers.get(t).get(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    result.failures.add("thread " + t + " failed: " + e.getCause());
                } catch (TimeoutException e) {
                    result.failures.add("thread " + t + " did not finish within " + HANG_GUARD_MINUTES + " minutes (hung?)");
                }
            }
            result.nanos = System.nanoTime() - start0;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        return result;
    }

    private static long count(Map<KnowledgeBaseInfo, LongAdder> byKb, KnowledgeBaseInfo info) {
        LongAdder a = byKb.get(info);
        return a == null ? 0 : a.sum();
    }

    private static Map<String, Long> counts(Map<KnowledgeBaseInfo, LongAdder> byKb) {
        Map<String, Long> m = new TreeMap<>();
        byKb.forEach((k, v) -> m.put(k.version().replaceFirst("^local:.*/", "local:.../"), v.sum()));
        return m;
    }
}
