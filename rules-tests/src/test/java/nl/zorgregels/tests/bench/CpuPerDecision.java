package nl.zorgregels.tests.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;

/**
 * The thread CPU time per decision, on one thread after a warm-up: a figure that other processes
 * on the machine disturb far less than JMH's wall-clock times (a thread that waits for a core uses
 * no CPU time), for comparing runs made on a busy machine. Median of seven rounds of 5,000
 * decisions. Run by {@code mvn -Pbench}; JMH's figures are the ones the targets refer to.
 */
public final class CpuPerDecision {
    private static final int WARM_UP = 30_000;
    private static final int ROUNDS = 7;
    private static final int PER_ROUND = 5_000;

    private CpuPerDecision() {
    }

    /**
     * @param args none
     * @throws Exception if the flight recording cannot be made
     */
    public static void main(String[] args) throws Exception {
        ZorgregelsEngine engine = ZorgregelsEngine.packaged();
        PlainJavaDecider plain = new PlainJavaDecider();
        EasyRulesAdultCriteria easyRules = new EasyRulesAdultCriteria();
        Assessment full = BenchCases.full();
        Assessment adult = BenchCases.adultPostCovid();
        double drools = report("droolsFull", () -> engine.evaluate(full));
        double plainJava = report("plainJavaFull", () -> plain.decide(full));
        double droolsAdult = report("droolsPostCovidAdult", () -> engine.evaluate(adult));
        report("easyRulesPostCovidAdult", () -> easyRules.decide(adult));
        double javaAdult = report("plainJavaPostCovidAdult", () -> plain.decide(adult));
        System.out.printf("cpu: ratio full decision Drools / plain Java %.1f; post-COVID adult %.1f (thread CPU, this run)%n",
                drools / plainJava, droolsAdult / javaAdult);
        // where the full decision's time goes: a flight recording of 5 s of droolsFull on this thread
        Path jfr = Files.createTempFile("cpu-per-decision", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
            recording.start();
            long until = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < until) {
                engine.evaluate(full);
            }
            recording.stop();
            recording.dump(jfr);
        }
        String main = Thread.currentThread().getName();
        System.out.print("cpu: droolsFull " + JfrSummary.summary(jfr, main::equals, 10).replace("\n", "\ncpu:   "));
        System.out.println();
        Files.delete(jfr);
    }

    private static double report(String name, Supplier<Object> decision) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Object sink = null;
        for (int i = 0; i < WARM_UP; i++) {
            sink = decision.get();
        }
        double[] us = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < PER_ROUND; i++) {
                sink = decision.get();
            }
            us[r] = (threads.getCurrentThreadCpuTime() - start) / 1e3 / PER_ROUND;
        }
        Arrays.sort(us);
        System.out.printf("cpu: %-24s %8.2f us thread CPU per decision (median of %d rounds; best %.2f)%s%n",
                name, us[ROUNDS / 2], ROUNDS, us[0], sink == null ? " (no result!)" : "");
        return us[ROUNDS / 2];
    }
}
