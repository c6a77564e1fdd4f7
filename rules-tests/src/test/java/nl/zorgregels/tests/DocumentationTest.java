package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation cannot drift from what the code does, nor point outside the repository.
 *
 * <ul>
 *   <li>Every output a Markdown file of the repository quotes sits in a marked block,
 *       {@code <!-- golden: FILE lines A-B -->} (or without {@code lines A-B}: the whole file)
 *       directly followed by a fenced block, and that block equals lines A to B of FILE, a path from
 *       the project root, usually a golden file of {@code examples/expected/}
 *       ({@link GoldenDecisionsTest} keeps those equal to what the code gives). The knowledge
 *       base's checksum is masked as there. With {@code -Dgolden.update=true} the golden files are
 *       written first and every block that differs is replaced by its lines: review the diff.</li>
 *   <li>README.md has at most 200 lines and holds the two commands.</li>
 *   <li>Every relative link of every Markdown file points at a file inside the repository that
 *       exists, and an anchor at a heading of that file; nothing links to {@code ../shared}.</li>
 * </ul>
 */
class DocumentationTest {
    static final int README_MAX_LINES = 200;
    static final String BUILD_AND_EVALUATE = "mvn -B -ntp -q package -DskipTests && java -jar "
            + "rules-api/cli/target/zorgregels.jar evaluate examples/adult-eligible.json --format text --lang en";
    static final String VERIFY = "mvn -B -ntp verify";

    private static final Pattern MARKER = Pattern.compile("^<!-- golden: (\\S+)(?: lines (\\d+)-(\\d+))? -->\\s*$");
    private static final Pattern FENCE = Pattern.compile("^(`{3,})(.*)$");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    @Test
    void everyQuotedOutputEqualsItsGoldenFile() throws IOException {
        if (Golden.updating()) {
            Golden.writeAll(); // first the golden files, then the quotations of them
        }
        List<String> problems = new ArrayList<>();
        int quotes = 0;
        for (Path md : markdownFiles()) {
            String[] lines = Golden.read(md).split("\n", -1);
            List<String> updated = new ArrayList<>(List.of(lines));
            int shift = 0; // lines added to updated so far, minus lines removed
            boolean[] fenced = fenced(lines);
            for (int i = 0; i < lines.length; i++) {
                if (fenced[i] || !lines[i].startsWith("<!-- golden:")) {
                    continue;
                }
                String where = Golden.ROOT.relativize(md) + ":" + (i + 1);
                Matcher m = MARKER.matcher(lines[i]);
                if (!m.matches()) {
                    problems.add(where + ": malformed marker (want <!-- golden: FILE lines A-B -->): " + lines[i]);
                    continue;
                }
                quotes++;
                if (i + 1 >= lines.length || !lines[i + 1].startsWith("```")) {
                    problems.add(where + ": the marker must be followed directly by a fenced block (```)");
                    continue;
                }
                StringBuilder block = new StringBuilder();
                int j = i + 2;
                while (j < lines.length && !lines[j].equals("```")) {
                    block.append(lines[j]).append('\n');
                    j++;
                }
                if (j >= lines.length) {
                    problems.add(where + ": the fenced block is not closed");
                    continue;
                }
                Path file = Golden.ROOT.resolve(m.group(1)).normalize();
                if (!file.startsWith(Golden.ROOT) || !Files.isRegularFile(file)) {
                    problems.add(where + ": no such file in the repository: " + m.group(1));
                    continue;
                }
                String text = Golden.read(file);
                String excerpt;
                if (m.group(2) == null) {
                    excerpt = text;
                } else {
                    List<String> fileLines = text.lines().toList();
                    int from = Integer.parseInt(m.group(2));
                    int to = Integer.parseInt(m.group(3));
                    if (from < 1 || to < from || to > fileLines.size()) {
                        problems.add(where + ": lines " + from + "-" + to + " but " + m.group(1) + " has "
                                + fileLines.size() + " lines");
                        continue;
                    }
                    excerpt = String.join("\n", fileLines.subList(from - 1, to)) + "\n";
                }
                String expected = Golden.mask(excerpt);
                String actual = Golden.mask(block.toString());
                if (!expected.equals(actual) && Golden.updating()) {
                    List<String> replacement = excerpt.lines().toList();
                    List<String> region = updated.subList(i + 2 + shift, j + shift);
                    region.clear();
                    region.addAll(replacement);
                    shift += replacement.size() - (j - i - 2);
                } else if (!expected.equals(actual)) {
                    problems.add(where + ": the block differs from " + m.group(1)
                            + (m.group(2) == null ? "" : " lines " + m.group(2) + "-" + m.group(3)) + ", "
                            + Golden.firstDifference(expected, actual) + " (copy the lines again; to shorten a "
                            + "quotation change its line range)");
                }
            }
            if (Golden.updating() && !updated.equals(List.of(lines))) {
                Files.writeString(md, String.join("\n", updated), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        assertThat(problems).as("quotations of golden files in the documentation").isEmpty();
        assertThat(quotes).as("marked quotations found (README.md shows one decision)").isPositive();
    }

    @Test
    void readmeIsShortAndHoldsTheTwoCommands() {
        String readme = Golden.read(Golden.ROOT.resolve("README.md"));
        assertThat(readme.lines().count()).as("README.md lines; move detail into the guides").isLessThanOrEqualTo(README_MAX_LINES);
        assertThat(readme).as("README.md's build-and-evaluate command").contains(BUILD_AND_EVALUATE);
        assertThat(readme).as("README.md's test command").contains("\n" + VERIFY + "\n");
    }

    @Test
    void everyRelativeLinkPointsAtAFileInTheRepository() {
        List<String> problems = new ArrayList<>();
        for (Path md : markdownFiles()) {
            String text = Golden.read(md);
            if (text.contains("../shared")) {
                problems.add(Golden.ROOT.relativize(md) + ": mentions ../shared, which is outside the repository");
            }
            String[] lines = text.split("\n", -1);
            boolean[] fenced = fenced(lines);
            for (int i = 0; i < lines.length; i++) {
                int n = i + 1;
                String line = lines[i];
                if (fenced[i]) {
                    continue;
                }
                Matcher m = LINK.matcher(line.replaceAll("``.*?``|`[^`]*`", ""));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-z]+:.*")) {
                        continue; // https:, mailto:
                    }
                    String where = Golden.ROOT.relativize(md) + ":" + n + ": " + target;
                    int hash = target.indexOf('#');
                    String pathPart = hash < 0 ? target : target.substring(0, hash);
                    String anchor = hash < 0 ? null : target.substring(hash + 1);
                    Path file = pathPart.isEmpty() ? md : md.getParent().resolve(pathPart).normalize();
                    if (!file.startsWith(Golden.ROOT)) {
                        problems.add(where + " points outside the repository");
                    } else if (!Files.exists(file)) {
                        problems.add(where + " does not exist");
                    } else if (anchor != null && !anchors(file).contains(anchor)) {
                        problems.add(where + ": no heading with that anchor in " + Golden.ROOT.relativize(file));
                    }
                }
            }
        }
        assertThat(problems).as("links in the Markdown files").isEmpty();
    }

    /** @return the anchors GitHub gives the headings of a Markdown file */
    private static Set<String> anchors(Path md) {
        Set<String> anchors = new HashSet<>();
        if (!md.toString().endsWith(".md")) {
            return anchors;
        }
        String[] lines = Golden.read(md).split("\n", -1);
        boolean[] fenced = fenced(lines);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!fenced[i] && line.matches("^#{1,6} .*")) {
                String title = line.replaceFirst("^#+ ", "").trim().toLowerCase(Locale.ROOT);
                anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    /**
     * @param lines a Markdown file's lines
     * @return per line, whether it is a fence line or inside a fenced block (a fence closes only with at
     *         least as many backticks as opened it, so a {@code ````} block can show a {@code ```} one)
     */
    static boolean[] fenced(String[] lines) {
        boolean[] result = new boolean[lines.length];
        int open = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = FENCE.matcher(lines[i]);
            if (open == 0) {
                if (m.matches()) {
                    open = m.group(1).length();
                    result[i] = true;
                }
            } else {
                result[i] = true;
                if (m.matches() && m.group(1).length() >= open && m.group(2).isBlank()) {
                    open = 0;
                }
            }
        }
        return result;
    }

    /** @return every Markdown file of the repository, build output and hidden folders left out */
    static List<Path> markdownFiles() {
        try (Stream<Path> files = Files.walk(Golden.ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
                    .filter(p -> {
                        for (Path part : Golden.ROOT.relativize(p)) {
                            String s = part.toString();
                            if (s.equals("target") || s.startsWith(".") || s.equals("node_modules")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
