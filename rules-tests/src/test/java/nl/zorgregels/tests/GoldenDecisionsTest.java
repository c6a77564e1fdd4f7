package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example case in {@code examples/} has its answers checked in under {@code examples/expected/}
 * (see {@link Golden}), and the command line gives them byte for byte, the knowledge base's checksum
 * alone masked. A decision that changes on purpose is accepted by regenerating every golden file:
 *
 * <pre>
 * mvn -B -ntp -pl rules-tests -am verify -Dtest=GoldenDecisionsTest -Dgolden.update=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * then reviewing {@code git diff examples/expected} and committing it with the change.
 */
class GoldenDecisionsTest {
    private static final String REGENERATE = "regenerate with: mvn -B -ntp -pl rules-tests -am verify "
            + "-Dtest=GoldenDecisionsTest -Dgolden.update=true -Dsurefire.failIfNoSpecifiedTests=false "
            + "(then review git diff examples/expected)";

    @TestFactory
    Stream<DynamicTest> everyExampleGivesItsGoldenAnswers() {
        List<Path> examples = Golden.examples();
        assertThat(examples).as("example cases in %s", Golden.EXAMPLES).isNotEmpty();
        return examples.stream().map(example -> DynamicTest.dynamicTest(example.getFileName().toString(), () -> {
            for (Golden.Answer answer : Golden.answers(example)) {
                Path golden = Golden.EXPECTED.resolve(answer.file());
                if (Golden.updating()) {
                    Files.createDirectories(Golden.EXPECTED);
                    Files.writeString(golden, answer.text(), StandardCharsets.UTF_8);
                    continue;
                }
                assertThat(golden).as("golden file for %s; %s", example.getFileName(), REGENERATE).isRegularFile();
                String expected = Golden.mask(Golden.read(golden));
                String actual = Golden.mask(answer.text());
                assertThat(actual)
                        .as("%s differs from the command line's answer for %s (checksum masked), %s; %s",
                                Golden.ROOT.relativize(golden), example.getFileName(),
                                Golden.firstDifference(expected, actual), REGENERATE)
                        .isEqualTo(expected);
            }
        }));
    }

    /** No golden file without its example (or of another kind than the example's answers): none goes stale unseen. */
    @Test
    void everyGoldenFileBelongsToAnExample() throws IOException {
        Set<String> wanted = new TreeSet<>();
        for (Path example : Golden.examples()) {
            Golden.answers(example).forEach(a -> wanted.add(a.file()));
        }
        List<Path> present = new ArrayList<>();
        if (Files.isDirectory(Golden.EXPECTED)) {
            try (Stream<Path> files = Files.list(Golden.EXPECTED)) {
                files.sorted().forEach(present::add);
            }
        }
        List<String> orphans = new ArrayList<>();
        for (Path file : present) {
            if (!wanted.contains(file.getFileName().toString())) {
                if (Golden.updating()) {
                    Files.delete(file);
                } else {
                    orphans.add(file.getFileName().toString());
                }
            }
        }
        assertThat(orphans).as("files in examples/expected/ that no example answers; %s", REGENERATE).isEmpty();
    }
}
