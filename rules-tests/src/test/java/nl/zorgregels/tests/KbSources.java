package nl.zorgregels.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The knowledge-base sources of rules-kb, and copies of them for tests that edit the rules. */
final class KbSources {
    /** The sources, relative to this module (Surefire runs in the module folder). */
    static final Path DIR = Path.of("..", "rules-kb", "src", "main", "resources");

    private KbSources() {
    }

    /** Copies the sources to {@code target} and returns it. */
    static Path copy(Path target) throws IOException {
        return copy(DIR, target);
    }

    /** Copies the folder {@code from} with everything below it to {@code target} and returns it. */
    static Path copy(Path from, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return target;
    }
}
