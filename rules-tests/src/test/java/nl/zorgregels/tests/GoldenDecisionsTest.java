package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * mvn -B -ntp -pl rules-tests -am verify -Dtest='GoldenDecisionsTest,DocumentationTest' -Dgolden.update=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * (which also brings the documentation's quotations up to date, {@link DocumentationTest}), then
 * reviewing {@code git diff} and committing it with the change.
 */
class GoldenDecisionsTest {
    private static final String REGENERATE = "regenerate with: mvn -B -ntp -pl rules-tests -am verify "
            + "-Dtest='GoldenDecisionsTest,DocumentationTest' -Dgolden.update=true "
            + "-Dsurefire.failIfNoSpecifiedTests=false (then review git diff)";

    @TestFactory
    Stream<DynamicTest> everyExampleGivesItsGoldenAnswers() {
        List<Path> examples = Golden.examples();
        assertThat(examples).as("example cases in %s", Golden.EXAMPLES).isNotEmpty();
        if (Golden.updating()) {
            Golden.writeAll();
        }
        return examples.stream().map(example -> DynamicTest.dynamicTest(example.getFileName().toString(), () -> {
            for (Golden.Answer answer : Golden.answers(example)) {
                Path golden = Golden.EXPECTED.resolve(answer.file());
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
        if (Golden.updating()) {
            Golden.writeAll();
        }
        Set<String> wanted = new TreeSet<>();
        for (Path example : Golden.examples()) {
            Golden.answers(example).forEach(a -> wanted.add(a.file()));
        }
        List<String> orphans = new ArrayList<>();
        if (Files.isDirectory(Golden.EXPECTED)) {
            try (Stream<Path> files = Files.list(Golden.EXPECTED)) {
                files.map(f -> f.getFileName().toString()).filter(f -> !wanted.contains(f)).sorted().forEach(orphans::add);
            }
        }
        assertThat(orphans).as("files in examples/expected/ that no example answers; %s", REGENERATE).isEmpty();
    }
}
