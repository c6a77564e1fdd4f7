package nl.zorgregels.tests.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision, by the engine and by the baselines. {@code SampleTime} gives the latency
 * distribution (the median is {@code p0.50}); {@code Throughput} with two threads shows what one
 * shared engine does on this 2-core machine. Run with {@code -prof gc} for the allocation per
 * decision ({@code gc.alloc.rate.norm}, bytes per operation).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
public class DecisionBenchmark {
    private ZorgregelsEngine engine;
    private PlainJavaDecider plain;
    private EasyRulesAdultCriteria easyRules;
    private Assessment full;
    private Assessment adultPostCovid;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(32 * 1024);

    /** Builds the engine and the baselines, and binds the cases. */
    @Setup
    public void setUp() {
        engine = ZorgregelsEngine.packaged();
        plain = new PlainJavaDecider();
        easyRules = new EasyRulesAdultCriteria();
        full = BenchCases.full();
        adultPostCovid = BenchCases.adultPostCovid();
    }

    /** @return the engine's full decision: post-COVID criteria, outcome, centre, notes and ALK */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public Decision droolsFull() {
        return engine.evaluate(full);
    }

    /**
     * @return the same from JSON to JSON, as the batch command does per line: bind, decide, write
     *         one line of UTF-8 to a buffer (the batch's chunk buffer)
     * @throws IOException never: the buffer is in memory
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public int droolsFullJsonLine() throws IOException {
        line.reset();
        DecisionJson.writeLine(engine.evaluate(DecisionJson.readAssessment(BenchCases.FULL_JSON)), line);
        return line.size();
    }

    /** @return the same, two threads sharing one engine */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    @Warmup(iterations = 8, time = 2) // two threads on two cores leave the JIT little room: it takes longer

    public Decision droolsFullThroughput2Threads() {
        return engine.evaluate(full);
    }

    /** @return the content of the same decision, hand-coded */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public DecisionContent plainJavaFull() {
        return plain.decide(full);
    }

    /** @return the engine's decision for an adult with post-COVID facts only (criteria, outcome, centre, notes) */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public Decision droolsPostCovidAdult() {
        return engine.evaluate(adultPostCovid);
    }

    /** @return the adult criteria and outcome in Easy Rules (no centre, no texts) */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public EasyRulesAdultCriteria.Result easyRulesPostCovidAdult() {
        return easyRules.decide(adultPostCovid);
    }

    /** @return the post-COVID content hand-coded (criteria, outcome, centre, notes) */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public DecisionContent plainJavaPostCovidAdult() {
        return plain.decide(adultPostCovid);
    }
}
