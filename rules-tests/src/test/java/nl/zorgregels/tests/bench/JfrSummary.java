package nl.zorgregels.tests.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes, from a Java Flight Recorder file: the CPU samples ({@code
 * jdk.ExecutionSample}) of the threads a benchmark names, each attributed to the component of the
 * innermost frame that belongs to a known component (so a {@code HashMap.get} called by Drools
 * counts as Drools), and the most frequent innermost frames. A profile, not a guess: the
 * benchmarks print it beside their figures (rules-tests/README.md, Performance).
 *
 * <pre>java -cp ... nl.zorgregels.tests.bench.JfrSummary recording.jfr [thread-name-prefix...]</pre>
 */
public final class JfrSummary {
    /** Components by class-name prefix, the first that matches wins (order matters). */
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("nl.zorgregels.tests.", "benchmark harness and baselines");
        COMPONENTS.put("nl.zorgregels.kb.", "rules (generated KB code and facts)");
        COMPONENTS.put("nl.zorgregels.api.internal.json", "JSON binding (Zorgregels)");
        COMPONENTS.put("nl.zorgregels.api.internal.session", "decision assembly (Zorgregels)");
        COMPONENTS.put("nl.zorgregels.api.internal.kb", "KB checks (Zorgregels)");
        COMPONENTS.put("nl.zorgregels.service", "CDS Hooks service (Zorgregels)");
        COMPONENTS.put("nl.zorgregels.fhir", "FHIR binding (Zorgregels)");
        COMPONENTS.put("nl.zorgregels.cli", "command line (Zorgregels)");
        COMPONENTS.put("nl.zorgregels.model", "model records (Zorgregels)");
        COMPONENTS.put("nl.zorgregels.", "other Zorgregels");
        COMPONENTS.put("org.drools.core.phreak.", "Drools: network evaluation (phreak)");
        COMPONENTS.put("org.drools.core.reteoo.", "Drools: network nodes and memories (reteoo)");
        COMPONENTS.put("org.drools.kiesession.", "Drools: session, agenda, fact handles");
        COMPONENTS.put("org.drools.core.common.", "Drools: session, agenda, fact handles");
        COMPONENTS.put("org.drools.modelcompiler.", "Drools: executable-model constraints");
        COMPONENTS.put("org.drools.model.", "Drools: executable-model constraints");
        COMPONENTS.put("org.drools.", "Drools engine (other)");
        COMPONENTS.put("org.kie.", "Drools engine (other)");
        COMPONENTS.put("com.fasterxml.jackson.", "Jackson JSON");
        COMPONENTS.put("ca.uhn.fhir.", "HAPI FHIR");
        COMPONENTS.put("org.hl7.fhir.", "HAPI FHIR");
        COMPONENTS.put("com.nimbusds.", "JWT (nimbus)");
        COMPONENTS.put("sun.security.", "JDK crypto");
        COMPONENTS.put("java.security.", "JDK crypto");
        COMPONENTS.put("javax.crypto.", "JDK crypto");
        COMPONENTS.put("org.eclipse.jetty.", "Jetty HTTP server");
        COMPONENTS.put("jdk.internal.net.http.", "JDK HTTP client (load generator)");
        COMPONENTS.put("java.net.http.", "JDK HTTP client (load generator)");
        COMPONENTS.put("sun.nio.", "JDK I/O");
        COMPONENTS.put("java.nio.", "JDK I/O");
        COMPONENTS.put("java.io.", "JDK I/O");
        COMPONENTS.put("java.util.zip.", "JDK I/O");
    }

    private JfrSummary() {
    }

    /**
     * @param args the recording, then optional thread-name prefixes to keep (default: all threads)
     * @throws IOException if the recording cannot be read
     */
    public static void main(String[] args) throws IOException {
        List<String> prefixes = List.of(args).subList(1, args.length);
        System.out.print(summary(Path.of(args[0]), prefixes.isEmpty() ? t -> true
                : t -> prefixes.stream().anyMatch(t::startsWith), 12));
    }

    /**
     * The summary of one recording.
     *
     * @param recording the .jfr file
     * @param thread which threads (by name) count
     * @param topFrames how many innermost frames to list
     * @return lines: samples per component (share), then the top innermost frames
     * @throws IOException if the recording cannot be read
     */
    public static String summary(Path recording, Predicate<String> thread, int topFrames) throws IOException {
        Map<String, Integer> byComponent = new HashMap<>();
        Map<String, Integer> byFrame = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            String name = e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName();
            RecordedStackTrace stack = e.getStackTrace();
            if (name == null || stack == null || !thread.test(name)) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = stack.getFrames();
            byComponent.merge(component(frames), 1, Integer::sum);
            if (!frames.isEmpty()) {
                RecordedFrame top = frames.get(0);
                byFrame.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "profile: %,d CPU samples%n", total));
        for (Map.Entry<String, Integer> c : sorted(byComponent)) {
            out.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * c.getValue() / Math.max(1, total), c.getKey()));
        }
        out.append("  innermost frames:\n");
        List<Map.Entry<String, Integer>> frames = sorted(byFrame);
        for (Map.Entry<String, Integer> f : frames.subList(0, Math.min(topFrames, frames.size()))) {
            out.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * f.getValue() / Math.max(1, total), f.getKey()));
        }
        return out.toString();
    }

    private static String component(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
                if (type.startsWith(c.getKey())) {
                    return c.getValue();
                }
            }
        }
        return "JDK and other";
    }

    private static List<Map.Entry<String, Integer>> sorted(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> list = new ArrayList<>(counts.entrySet());
        list.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return list;
    }
}
