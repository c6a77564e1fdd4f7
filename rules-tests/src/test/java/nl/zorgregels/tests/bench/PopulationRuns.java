package nl.zorgregels.tests.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Population runs through the launcher ({@code rules-api/cli/target/zorgregels}), as a user starts
 * them, on N generated cases (default 1,000,000): {@code batch --format compact}, {@code batch}
 * with the full decision, and {@code impact} of a knowledge-base edit (the PC-A3 Bell threshold 60
 * lowered to 55 in a copy of the KB). Each run prints its wall time, its peak resident memory (the
 * process's {@code VmHWM}, read from {@code /proc} every 50 ms until it exits) and where its CPU
 * went ({@link JfrSummary} of a flight recording taken during the run, default settings: about 1%
 * overhead). Run by {@code mvn -Pbench} (arguments: the repository root, and N).
 */
public final class PopulationRuns {
    private PopulationRuns() {
    }

    /**
     * @param args the repository root; optionally the number of cases
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path launcher = root.resolve("rules-api/cli/target/zorgregels");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing: build rules-api first");
        }
        Path work = Files.createTempDirectory("population");
        Path cases = work.resolve("cases.ndjson");
        System.out.printf(Locale.ROOT, "population: %,d cases, %d cores, load average %.2f before%n", count,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        run(List.of(launcher.toString(), "generate-cases", "--seed", "17", "--count", Integer.toString(count), cases.toString()),
                root, work, "generate-cases", false);
        System.out.printf(Locale.ROOT, "population: input %,d bytes%n", Files.size(cases));
        Path compact = work.resolve("compact.ndjson");
        run(List.of(launcher.toString(), "batch", cases.toString(), compact.toString(), "--format", "compact"),
                root, work, "batch --format compact", true);
        System.out.printf(Locale.ROOT, "population: compact output %,d bytes%n", Files.size(compact));
        Files.delete(compact);
        Path full = work.resolve("full.ndjson");
        run(List.of(launcher.toString(), "batch", cases.toString(), full.toString()), root, work, "batch (full decisions)", true);
        System.out.printf(Locale.ROOT, "population: full output %,d bytes%n", Files.size(full));
        Files.delete(full);

        Path kb = work.resolve("kb-bell55");
        copy(root.resolve("rules-kb/src/main/resources"), kb);
        Path shared = kb.resolve("nl/zorgregels/kb/parameters.csv");
        String drl = Files.readString(shared);
        String edited = drl.replace("adultMaximumBellScore,60,", "adultMaximumBellScore,55,");
        if (edited.equals(drl)) {
            throw new IllegalStateException("the PC-A3 threshold row is not in " + shared + " as expected");
        }
        Files.writeString(shared, edited);
        Path report = work.resolve("impact.txt");
        run(List.of(launcher.toString(), "impact", "--candidate", kb.toString(), cases.toString()), root, work,
                "impact (Bell threshold 60 -> 55)", true, report);
        List<String> lines = Files.readAllLines(report);
        int totals = lines.indexOf("Totals");
        lines.subList(Math.max(0, totals), Math.min(lines.size(), Math.max(0, totals) + 8))
                .forEach(l -> System.out.println("population:   " + l));
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    private static void run(List<String> command, Path root, Path work, String label, boolean profile)
            throws IOException, InterruptedException {
        run(command, root, work, label, profile, null);
    }

    private static void run(List<String> command, Path root, Path work, String label, boolean profile, Path stdout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Path jfr = work.resolve("run.jfr");
        if (profile) {
            pb.environment().put("JAVA_OPTS", "-XX:StartFlightRecording=filename=" + jfr + ",settings=default");
        }
        long start = System.nanoTime();
        Process p = pb.start();
        long peakKb = 0;
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        while (p.isAlive()) {
            peakKb = Math.max(peakKb, highWaterMark(status));
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int code = p.exitValue();
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + code);
        }
        System.out.printf(Locale.ROOT, "population: %-34s wall %6.1f s, peak RSS %,6d MB (exit %d)%n", label, seconds,
                peakKb / 1024, code);
        if (profile && Files.isRegularFile(jfr)) {
            System.out.print("population:   " + JfrSummary.summary(jfr, t -> true, 6).replace("\n", "\npopulation:   ").trim() + "\n");
            Files.delete(jfr);
        }
    }

    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process exited between the check and the read
        }
        return 0;
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(all::add);
        }
        for (Path f : all) {
            Path target = to.resolve(from.relativize(f).toString());
            if (Files.isDirectory(f)) {
                Files.createDirectories(target);
            } else {
                Files.copy(f, target);
            }
        }
    }
}
