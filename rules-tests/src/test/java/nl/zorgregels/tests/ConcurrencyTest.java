package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * One engine shared by eight threads gives, for every input, exactly the decision it gives on one
 * thread. The inputs are those of every scenario file; each thread works through them in its own
 * (seeded, so reproducible) order, binding, evaluating and writing each, many times over.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int DECISIONS_PER_THREAD = 2_500;
    /** Only a guard against a hung run, not a timing assertion. */
    private static final long HANG_GUARD_MINUTES = 15;

    private record Reference(String name, String input, String json) {
    }

    @Test
    void eightThreadsOnOneEngineGiveTheSingleThreadedDecisions() throws InterruptedException {
        ZorgregelsEngine engine = Engines.shared();
        List<Reference> references = new ArrayList<>();
        for (Scenario s : ScenarioLoader.allScenarios()) {
            String input = s.inputJson();
            try {
                references.add(new Reference(s.displayName(), input,
                        DecisionJson.write(engine.evaluate(DecisionJson.readAssessment(input)))));
            } catch (InvalidInputException e) {
                // A rejected input is reported by ScenarioSuiteTest; here it has no reference decision.
            }
        }
        assertThat(references).as("scenario inputs that bind").hasSizeGreaterThanOrEqualTo(20);

        ConcurrentLinkedQueue<String> differences = new ConcurrentLinkedQueue<>();
        AtomicInteger differenceCount = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> tasks = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                tasks.add(pool.submit(() -> {
                    start.await();
                    Random random = new Random(seed);
                    List<Reference> order = new ArrayList<>(references);
                    int done = 0;
                    while (done < DECISIONS_PER_THREAD) {
                        Collections.shuffle(order, random);
                        for (int i = 0; i < order.size() && done < DECISIONS_PER_THREAD; i++, done++) {
                            Reference r = order.get(i);
                            String actual = DecisionJson.write(engine.evaluate(DecisionJson.readAssessment(r.input())));
                            if (!actual.equals(r.json())) {
                                if (differenceCount.incrementAndGet() <= 5) {
                                    differences.add(r.name() + "\n  single-threaded: " + r.json()
                                            + "\n  concurrent:      " + actual);
                                }
                            }
                        }
                    }
                    return done;
                }));
            }
            start.countDown();

            int completed = 0;
            long decisions = 0;
            List<String> failures = new ArrayList<>();
            for (int t = 0; t < tasks.size(); t++) {
                try {
                    decisions += tasks.get(t).get(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
                    completed++;
                } catch (ExecutionException e) {
                    failures.add("task " + t + " failed: " + e.getCause());
                } catch (TimeoutException e) {
                    failures.add("task " + t + " did not finish within " + HANG_GUARD_MINUTES + " minutes (hung?)");
                    tasks.get(t).cancel(true);
                }
            }

            assertThat(failures).as("tasks that failed").isEmpty();
            assertThat(completed).as("tasks completed").isEqualTo(THREADS);
            assertThat(decisions).as("decisions made").isEqualTo((long) THREADS * DECISIONS_PER_THREAD)
                    .isGreaterThanOrEqualTo(20_000L);
            assertThat(differenceCount.get())
                    .as("decisions that differ from the single-threaded one; the first ones:\n%s",
                            String.join("\n", differences))
                    .isZero();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
