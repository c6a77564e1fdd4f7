package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.zorgregels.model.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Reading NDJSON case files line by line: numbers, blank lines, line ends, bad bytes. */
class NdjsonCasesTest {

    private static final String CASE = "{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"}}";

    private static List<NdjsonCases.Line> read(byte[] bytes) throws Exception {
        List<NdjsonCases.Line> lines = new ArrayList<>();
        try (NdjsonCases cases = new NdjsonCases(new ByteArrayInputStream(bytes))) {
            for (NdjsonCases.Line l = cases.next(); l != null; l = cases.next()) {
                lines.add(l);
            }
            assertThat(cases.next()).as("stays at the end").isNull();
        }
        return lines;
    }

    private static List<NdjsonCases.Line> read(String text) throws Exception {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void numbersLinesAsInTheFileSkippingBlankOnes() throws Exception {
        List<NdjsonCases.Line> lines = read(CASE + "\n\n   \n" + CASE + "\r\n\t\r\n" + CASE);
        assertThat(lines).extracting(NdjsonCases.Line::number).containsExactly(1L, 4L, 6L);
        assertThat(lines).extracting(NdjsonCases.Line::text).containsOnly(CASE);
        for (NdjsonCases.Line l : lines) {
            assertThat(l.assessment().patient().birthDate()).hasToString("1980-04-02");
        }
    }

    @Test
    void anEmptyInputHasNoLines() throws Exception {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n")).isEmpty();
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped() throws Exception {
        List<NdjsonCases.Line> lines = read("\uFEFF" + CASE + "\n" + CASE + "\n");
        assertThat(lines).extracting(NdjsonCases.Line::text).containsExactly(CASE, CASE);
    }

    @Test
    void anInvalidLineFailsOnItsOwnWithFieldAndRule() throws Exception {
        List<NdjsonCases.Line> lines = read(CASE + "\n{\"assessmentDate\":\"2026-11-23\"}\n" + CASE + "\n");
        assertThat(lines).hasSize(3);
        assertThatThrownBy(() -> lines.get(1).assessment()).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("patient"));
        assertThat(lines.get(2).assessment()).isNotNull();
    }

    @Test
    void aLineThatIsNotUtf8IsReportedAndTheNextIsRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"assessmentDate\":\"2026-11-23\",\"x\":\"".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xC3); // a lead byte without its continuation
        bytes.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(CASE.getBytes(StandardCharsets.UTF_8));
        List<NdjsonCases.Line> lines = read(bytes.toByteArray());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).text()).isNull();
        assertThatThrownBy(() -> lines.get(0).assessment()).hasMessageContaining("not valid UTF-8");
        assertThat(lines.get(1).number()).isEqualTo(2);
        assertThat(lines.get(1).assessment()).isNotNull();
    }

    @Test
    void aLineOverOneMebibyteIsReportedWithoutHoldingItAndTheNextIsRead() throws Exception {
        String huge = "{\"x\":\"" + "a".repeat(NdjsonCases.MAX_LINE_BYTES) + "\"}";
        List<NdjsonCases.Line> lines = read(huge + "\n" + CASE + "\n");
        assertThat(lines).hasSize(2);
        assertThatThrownBy(() -> lines.get(0).assessment()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than 1 MiB");
        assertThat(lines.get(1).number()).isEqualTo(2);
        assertThat(lines.get(1).text()).isEqualTo(CASE);
    }
}
