package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The launcher script rules-api/cli/target/zorgregels (fast start: AppCDS archive, C1 for evaluate)
 * prints what {@code java -jar zorgregels.jar} prints, with the same exit codes, and the class-data
 * archive the build made fits the jar ({@code -Xshare:on} makes the JVM fail if it cannot map it).
 */
@org.junit.jupiter.api.Tag("soak") // a minute of whole processes: run by -Psoak (CI), not the default build
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherScriptTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TARGET = ROOT.resolve("rules-api/cli/target");
    private static final String EXAMPLE = ROOT.resolve("examples/adult-eligible.json").toString();

    private record Run(int code, String out, String err) {
    }

    @Test
    void theLauncherPrintsWhatJavaJarPrintsUsingTheArchive() throws Exception {
        assertThat(TARGET.resolve("zorgregels")).as("launcher script").isExecutable();
        assertThat(TARGET.resolve("zorgregels.jsa")).as("class-data archive").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Run plain = run(List.of(java, "-jar", TARGET.resolve("zorgregels.jar").toString(), "evaluate", EXAMPLE), Map.of());
        Run launched = run(List.of(TARGET.resolve("zorgregels").toString(), "evaluate", EXAMPLE),
                Map.of("JAVA_OPTS", "-Xshare:on"));
        assertThat(plain.code()).as("java -jar exit code; stderr: %s", plain.err()).isZero();
        assertThat(launched.code()).as("launcher exit code with -Xshare:on; stderr: %s", launched.err()).isZero();
        assertThat(launched.out()).contains("\"outcome\"").isEqualTo(plain.out());
        assertThat(launched.err()).isEmpty();
    }

    @Test
    void theLauncherKeepsTheExitCodeOfInvalidInput() throws Exception {
        Run typo = run(List.of(TARGET.resolve("zorgregels").toString(), "evaluate",
                ROOT.resolve("examples/adult-typo.json").toString()), Map.of());
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("postCovid.belScore");
        assertThat(typo.out()).isEmpty();
    }

    @Test
    void batchRunsWithABoundedHeapAndWritesWhatJavaJarWrites() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path in = Files.createTempFile("zorgregels-launcher", ".ndjson");
        Path plainOut = Files.createTempFile("zorgregels-launcher-plain", ".ndjson");
        Path launchedOut = Files.createTempFile("zorgregels-launcher-launched", ".ndjson");
        try {
            List<String> lines = Files.readAllLines(ROOT.resolve("examples/cases-10k.ndjson"), StandardCharsets.UTF_8);
            Files.write(in, lines.subList(0, 300), StandardCharsets.UTF_8);
            Run plain = run(List.of(java, "-jar", TARGET.resolve("zorgregels.jar").toString(), "batch",
                    in.toString(), plainOut.toString()), Map.of());
            // PrintCommandLineFlags shows the flags the JVM runs with (on stdout; batch writes to its file)
            Run launched = run(List.of(TARGET.resolve("zorgregels").toString(), "batch", in.toString(),
                    launchedOut.toString()), Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"));
            assertThat(plain.code()).as("java -jar batch; stderr: %s", plain.err()).isZero();
            assertThat(launched.code()).as("launcher batch; stderr: %s", launched.err()).isZero();
            assertThat(launched.out()).contains("-XX:MaxHeapSize=268435456").contains("-XX:+UseParallelGC");
            assertThat(Files.readAllLines(launchedOut)).hasSize(300).isEqualTo(Files.readAllLines(plainOut));

            Run overridden = run(List.of(TARGET.resolve("zorgregels").toString(), "batch", in.toString(),
                    launchedOut.toString()), Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx300m"));
            assertThat(overridden.code()).as("stderr: %s", overridden.err()).isZero();
            assertThat(overridden.out()).as("JAVA_OPTS comes last and wins").contains("-XX:MaxHeapSize=314572800");
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(plainOut);
            Files.deleteIfExists(launchedOut);
        }
    }

    @Test
    void impactRunsWithABoundedHeapAndReportsWhatJavaJarReports() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path in = Files.createTempFile("zorgregels-launcher-impact", ".ndjson");
        try {
            List<String> lines = Files.readAllLines(ROOT.resolve("examples/cases-10k.ndjson"), StandardCharsets.UTF_8);
            Files.write(in, lines.subList(0, 200), StandardCharsets.UTF_8);
            Run plain = run(List.of(java, "-jar", TARGET.resolve("zorgregels.jar").toString(), "impact",
                    "--candidate", "packaged", "--format", "json", in.toString()), Map.of());
            Run launched = run(List.of(TARGET.resolve("zorgregels").toString(), "impact", "--candidate", "packaged",
                    "--format", "json", in.toString()), Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"));
            assertThat(plain.code()).as("java -jar impact; stderr: %s", plain.err()).isZero();
            assertThat(launched.code()).as("launcher impact; stderr: %s", launched.err()).isZero();
            // PrintCommandLineFlags prints one line of flags on stdout before the report
            String flags = launched.out().substring(0, launched.out().indexOf('\n') + 1);
            assertThat(flags).contains("-XX:MaxHeapSize=268435456").contains("-XX:+UseParallelGC");
            assertThat(launched.out().substring(flags.length())).contains("\"casesRead\": 200").isEqualTo(plain.out());
        } finally {
            Files.deleteIfExists(in);
        }
    }

    private static Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(ROOT.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("zorgregels-launcher", ".out");
        Path err = Files.createTempFile("zorgregels-launcher", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) { // a guard against a hung process, not a timing check
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
