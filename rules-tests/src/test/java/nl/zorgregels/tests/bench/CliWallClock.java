package nl.zorgregels.tests.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line's wall time as a whole process: {@code java [flags] -jar zorgregels.jar
 * evaluate examples/adult-eligible.json}, run a few times per set of JVM flags (the AppCDS archive
 * the build makes, C1 only, the serial collector) and through the launcher script, median and best
 * printed with the machine's load. Run by {@code mvn -Pbench} (argument: the repository root).
 */
public final class CliWallClock {
    private static final int RUNS = 5;

    private CliWallClock() {
    }

    /**
     * @param args the repository root
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path jar = root.resolve("rules-api/cli/target/zorgregels.jar");
        Path jsa = root.resolve("rules-api/cli/target/zorgregels.jsa");
        Path example = root.resolve("examples/adult-eligible.json");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build rules-api first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<List<String>> variants = new ArrayList<>();
        variants.add(List.of());
        variants.add(List.of("-XX:TieredStopAtLevel=1"));
        variants.add(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        if (Files.isRegularFile(jsa)) {
            variants.add(List.of("-XX:SharedArchiveFile=" + jsa));
            variants.add(List.of("-XX:SharedArchiveFile=" + jsa, "-XX:TieredStopAtLevel=1"));
            variants.add(List.of("-XX:SharedArchiveFile=" + jsa, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        } else {
            System.out.println("cli: " + jsa + " not found: no AppCDS runs");
        }
        System.out.printf("cli: load average before: %.2f (%d cores)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        for (List<String> flags : variants) {
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(flags);
            command.addAll(List.of("-jar", jar.toString(), "evaluate", example.toString()));
            measure(command, root, "java " + (flags.isEmpty() ? "" : String.join(" ", flags).replace(root + "/", "") + " ")
                    + "-jar rules-api/cli/target/zorgregels.jar evaluate");
        }
        Path launcher = root.resolve("rules-api/cli/target/zorgregels");
        if (Files.isExecutable(launcher)) {
            measure(List.of(launcher.toString(), "evaluate", example.toString()), root, "rules-api/cli/target/zorgregels evaluate");
        }
        System.out.printf("cli: load average after: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void measure(List<String> command, Path root, String label) throws IOException, InterruptedException {
        run(command, root); // warm the file cache
        long[] ms = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            ms[i] = run(command, root);
        }
        Arrays.sort(ms);
        System.out.printf("cli: wall median %4d ms, best %4d ms, worst %4d ms (%d runs): %s%n",
                ms[RUNS / 2], ms[0], ms[RUNS - 1], RUNS, label);
    }

    private static long run(List<String> command, Path dir) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int code = p.waitFor();
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + code);
        }
        return ms;
    }
}
