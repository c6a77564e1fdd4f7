package nl.zorgregels.tests.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;

/**
 * Prints the heap one engine retains: the growth of the used heap (after full collections) when
 * the first engine is built, and per engine when five more are built and kept. The first includes
 * what Drools keeps once per JVM; the others are what one more engine costs (e.g. a reload).
 * Run by {@code mvn -Pbench}; see rules-tests/README.md, Performance.
 */
public final class Footprint {
    private static final int MORE = 5;

    private Footprint() {
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Assessment full = BenchCases.full();
        long before = used(memory);
        ZorgregelsEngine first = ZorgregelsEngine.packaged();
        first.evaluate(full); // a used engine: sessions pooled or caches filled, as in service
        long afterFirst = used(memory);
        List<ZorgregelsEngine> more = new ArrayList<>();
        for (int i = 0; i < MORE; i++) {
            ZorgregelsEngine e = ZorgregelsEngine.packaged();
            e.evaluate(full);
            more.add(e);
        }
        long afterMore = used(memory);
        System.out.printf("footprint: first engine (with what Drools keeps per JVM): %.1f MB%n",
                (afterFirst - before) / 1e6);
        System.out.printf("footprint: each further engine, retained heap: %.1f MB (over %d engines)%n",
                (afterMore - afterFirst) / 1e6 / MORE, MORE);
        if (more.size() + (first.knowledgeBase() == null ? 1 : 0) != MORE) {
            throw new IllegalStateException("engines lost");
        }
    }

    private static long used(MemoryMXBean memory) {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
