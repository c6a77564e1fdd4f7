package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Input the fuzz tests of rules-tests ({@code JsonInputFuzzTest}) found mishandled by the
 * command line.
 */
class MainInputRegressionTest {

    /**
     * Invalid UTF-8 used to be decoded with replacement characters, so that a broken byte in a
     * field name came back as an "unknown field" that looked like a known one, with a "did you
     * mean" suggestion of the same name. It is refused as what it is.
     */
    @Test
    void invalidUtf8IsRefusedAsSuchNotReplaced() {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes("{\"assessmentDate\":\"2026-11-23\",\n\"patient\":{\"birthDate\":\"1980-04-02\"},\"postCovid\":{\"bell"
                .getBytes(StandardCharsets.US_ASCII));
        input.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
        input.writeBytes("Score\":50}}".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"evaluate", "-"}, new ByteArrayInputStream(input.toByteArray()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "zorgregels: invalid input: $: is not valid UTF-8: malformed byte 0xC0 at byte 87 (line 2);"
                        + " the input must be UTF-8 text\n");
    }

    @Test
    void validUtf8OutsideAsciiIsStillRead() {
        byte[] input = "{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"},\"é\":1}"
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"evaluate", "-"}, new ByteArrayInputStream(input),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("zorgregels: invalid input: [\"é\"]: is not a known field");
    }
}
