package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-kb and --kb refuse a knowledge base the metadata check fails: exit 2, file, line and rules named. */
class CheckKbCommandTest {
    private static final Path KB_SOURCES = Path.of("..", "..", "rules-kb", "src", "main", "resources");

    private static Path copy(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(KB_SOURCES)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(KB_SOURCES.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return target;
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void aCopiedRuleWithItsOldIdMeansNoEngineAndExitTwo(@TempDir Path tmp) throws IOException {
        Path kb = copy(tmp.resolve("kb"));
        Path common = kb.resolve("nl/zorgregels/kb/postcovid-common.drl");
        Files.writeString(common, Files.readString(common) + """

                rule "PC-X3 registered with a Dutch GP"
                    @id("PC-X2")
                    @source("000_b510353f4949bed4.txt — Ik woon in het buitenland: '…'")
                when
                    PostCovidFacts()
                    Patient($gp : dutchGeneralPractitioner)
                then
                    insert(Finding.decide(drools, $gp, null, Finding.inputs("patient.dutchGeneralPractitioner", $gp),
                            "dutchGeneralPractitioner", $gp));
                end
                """);
        for (String[] r : new String[][] {run("check-kb", kb.toString()), run("trace", "--kb", kb.toString())}) {
            assertThat(r[0]).isEqualTo("2");
            assertThat(r[1]).isEmpty();
            assertThat(r[2]).startsWith("zorgregels: knowledge base unusable: 1 problem(s) in the rules' metadata:")
                    .contains(common + ":")
                    .contains("rule \"PC-X3 registered with a Dutch GP\" and rule \"PC-X2 Dutch GP and Dutch health"
                            + " insurer\"")
                    .contains("both derive message keys PC-X2.MET, PC-X2.NOT_MET, PC-X2.UNKNOWN");
        }
    }
}
