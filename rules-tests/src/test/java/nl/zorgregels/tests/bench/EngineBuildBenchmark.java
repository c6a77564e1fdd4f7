package nl.zorgregels.tests.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.zorgregels.api.ZorgregelsEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building an engine in a running JVM, one build per measurement ({@code SingleShotTime}).
 * The {@code First} benchmarks measure the first build in a fresh JVM (each fork measures one
 * build, with no warm-up: it includes loading Drools' classes, as at an EHR's start-up); the
 * {@code Again} benchmark builds once more in a JVM that has built engines before (a reload).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EngineBuildBenchmark {
    private Path kbDir;

    /** A copy of the knowledge-base sources (for {@code --kb DIR}). */
    @Setup(Level.Trial)
    public void copySources() throws IOException {
        kbDir = Files.createTempDirectory("zorgregels-bench-kb");
        Path from = Path.of(System.getProperty("bench.kb.dir", "../rules-kb/src/main/resources"));
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.sorted().toList()) {
                Path to = kbDir.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    /** Removes the copy. */
    @TearDown(Level.Trial)
    public void removeSources() throws IOException {
        try (Stream<Path> files = Files.walk(kbDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** @return the first engine a fresh JVM builds from the packaged knowledge base */
    @Benchmark
    @Fork(5)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public ZorgregelsEngine packagedFirst() {
        return ZorgregelsEngine.packaged();
    }

    /** @return one more engine from the packaged knowledge base, in a JVM that has built some */
    @Benchmark
    @Fork(1)
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public ZorgregelsEngine packagedAgain() {
        return ZorgregelsEngine.packaged();
    }

    /** @return the first engine a fresh JVM builds from a directory of .drl sources (compiled now) */
    @Benchmark
    @Fork(2)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public ZorgregelsEngine fromDirectoryFirst() {
        return ZorgregelsEngine.fromDirectory(kbDir);
    }
}
