package nl.zorgregels.tests;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import nl.zorgregels.tests.bench.DecisionBenchmark;
import nl.zorgregels.tests.bench.DroolsFloorBenchmark;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The decision benchmarks run (in this JVM, a fraction of a second each): proof that the JMH
 * set-up works, not a measurement. The measurements are made with {@code mvn -Pbench} (rules-tests/README.md,
 * Performance); nothing here asserts a time.
 */
@Tag("bench")
class BenchmarkSmokeTest {
    @Test
    void theDecisionBenchmarksRunAndDecide() throws Exception {
        Options options = new OptionsBuilder()
                .include(DecisionBenchmark.class.getName() + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .timeUnit(TimeUnit.MICROSECONDS)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
                .containsExactlyInAnyOrder("droolsFull", "droolsFullJsonLine", "droolsFullThroughput2Threads", "plainJavaFull",
                        "droolsPostCovidAdult", "easyRulesPostCovidAdult", "plainJavaPostCovidAdult");
        for (RunResult r : results) {
            assertThat(r.getPrimaryResult().getSampleCount()).as(r.getParams().getBenchmark() + " samples").isPositive();
        }
    }

    @Test
    void theDroolsFloorBenchmarkFiresEveryTrivialRuleOnceAndLeavesTheSessionClean() {
        for (String insertion : List.of("insert", "insertLogical")) {
            DroolsFloorBenchmark floor = new DroolsFloorBenchmark();
            floor.rules = 13;
            floor.insertion = insertion;
            floor.setUp();
            try {
                for (int i = 0; i < 3; i++) { // the same session each time: it must come back clean
                    assertThat(floor.decide()).as(insertion + ", decision " + i)
                            .extracting(fact -> ((DroolsFloorBenchmark.FloorResult) fact).rule())
                            .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 13).boxed().toList());
                }
            } finally {
                floor.tearDown();
            }
        }
    }
}
