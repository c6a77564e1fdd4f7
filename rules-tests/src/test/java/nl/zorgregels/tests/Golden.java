package nl.zorgregels.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The golden decisions of {@code examples/}: what the command line answers for each example case,
 * checked in under {@code examples/expected/} and compared byte for byte by
 * {@link GoldenDecisionsTest}; the documentation quotes them ({@link DocumentationTest}).
 *
 * <p>For an example {@code NAME.json} the command line's answers are:
 * <ul>
 *   <li>{@code NAME.json}: {@code evaluate NAME.json} (the JSON decision), standard output;</li>
 *   <li>{@code NAME.txt}: {@code evaluate NAME.json --format text --lang en};</li>
 *   <li>{@code NAME.nl.txt}: {@code evaluate NAME.json --format text --lang nl};</li>
 *   <li>{@code NAME.err} instead of the three, for an example that is refused: standard error
 *       followed by the line {@code exit code N}.</li>
 * </ul>
 * The only thing masked in a comparison is the knowledge base's checksum ({@code sha256:} and 64 hex
 * digits), which changes with every edit of a rule, message or requirement; see {@link #mask}.
 */
final class Golden {
    /** The project root (the tests run in {@code rules-tests/}). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The example cases. */
    static final Path EXAMPLES = ROOT.resolve("examples");
    /** Their golden answers. */
    static final Path EXPECTED = EXAMPLES.resolve("expected");
    /** System property that makes {@link GoldenDecisionsTest} write the golden files instead of comparing. */
    static final String UPDATE_PROPERTY = "golden.update";

    private static final Pattern CHECKSUM = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final String MASKED_CHECKSUM = "sha256:<checksum of the knowledge base>";

    private Golden() {
    }

    /** One answer of the command line for one example: the golden file it must equal. */
    record Answer(String file, String text) {
    }

    /** @return the example cases, {@code examples/*.json}, sorted by name */
    static List<Path> examples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the command line answers for one example, run in this JVM exactly as
     * {@code java -jar rules-api/cli/target/zorgregels.jar evaluate examples/NAME.json …} would.
     *
     * @param example an example case
     * @return the answers and the golden file each must equal (by file name in {@code examples/expected/})
     */
    static List<Answer> answers(Path example) {
        String name = example.getFileName().toString().replaceFirst("\\.json$", "");
        String path = example.toString();
        CliRunner.Result json = CliRunner.run(new byte[0], "evaluate", path);
        List<Answer> answers = new ArrayList<>();
        if (json.exitCode() != 0) {
            answers.add(new Answer(name + ".err", json.err() + "exit code " + json.exitCode() + "\n"));
            return answers;
        }
        if (!json.err().isEmpty()) {
            throw new AssertionError(name + ": exit code 0 but standard error says: " + json.err());
        }
        answers.add(new Answer(name + ".json", json.out()));
        for (String lang : List.of("en", "nl")) {
            CliRunner.Result text = CliRunner.run(new byte[0], "evaluate", path, "--format", "text", "--lang", lang);
            if (text.exitCode() != 0 || !text.err().isEmpty()) {
                throw new AssertionError(name + " --format text --lang " + lang + ": exit code " + text.exitCode()
                        + ", standard error: " + text.err());
            }
            answers.add(new Answer(name + (lang.equals("en") ? ".txt" : "." + lang + ".txt"), text.out()));
        }
        return answers;
    }

    /**
     * Writes every golden file from what the command line answers now, and deletes the files in
     * {@code examples/expected/} no example answers ({@code -Dgolden.update=true}).
     *
     * @return the golden files written, by name
     */
    static Set<String> writeAll() {
        Set<String> written = new TreeSet<>();
        try {
            Files.createDirectories(EXPECTED);
            for (Path example : examples()) {
                for (Answer answer : answers(example)) {
                    Files.writeString(EXPECTED.resolve(answer.file()), answer.text(), StandardCharsets.UTF_8);
                    written.add(answer.file());
                }
            }
            try (Stream<Path> files = Files.list(EXPECTED)) {
                for (Path file : files.toList()) {
                    if (!written.contains(file.getFileName().toString())) {
                        Files.delete(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    /**
     * The text with the knowledge base's checksum replaced by a fixed mark, and nothing else changed:
     * a golden file (or a quotation of one) stays valid across rule edits that do not change the
     * decision itself.
     *
     * @param text an answer, a golden file or an excerpt of one
     * @return the text, every {@code sha256:} followed by 64 hex digits replaced
     */
    static String mask(String text) {
        return CHECKSUM.matcher(text).replaceAll(MASKED_CHECKSUM);
    }

    /**
     * @param expected the golden text
     * @param actual   the text given
     * @return where they first differ, {@code line N: expected «…» but was «…»}, or "" if they do not
     */
    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "(end of text)";
            String al = i < a.length ? a[i] : "(end of text)";
            if (!el.equals(al)) {
                return "line " + (i + 1) + ": expected «" + el + "» but was «" + al + "»";
            }
        }
        return "";
    }

    /** @return whether the golden files are to be written rather than compared ({@code -Dgolden.update=true}) */
    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /**
     * @param file a file
     * @return its content, decoded as UTF-8
     */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
