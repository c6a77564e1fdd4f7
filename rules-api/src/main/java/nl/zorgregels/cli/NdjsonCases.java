package nl.zorgregels.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.InvalidInputException;

/**
 * Reads a file of cases in newline-delimited JSON (NDJSON): one assessment (SPEC section 4) per
 * line, read one line at a time so a file of any length streams in constant memory.
 *
 * <p>Lines end with {@code \n} or {@code \r\n}; the last line needs no line break. Blank lines
 * (only spaces and tabs) are skipped and not counted as cases, but line numbers count them, so a
 * number always points at the line in the file. A UTF-8 byte-order mark at the start is skipped.
 * A line that is not UTF-8 or is longer than 1 MiB is still returned, as a {@link Line} that
 * {@link Line#assessment() fails to read}, so one bad line never stops the rest. Not thread-safe:
 * read from one thread; the returned lines may be parsed on any thread.
 */
final class NdjsonCases implements Closeable {
    /** Longest line accepted, in bytes: the 1 MiB limit of one assessment. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private long lineNumber;
    private boolean atStart = true;
    private boolean ended;

    /** @param in the NDJSON bytes (UTF-8); closed by {@link #close()} */
    NdjsonCases(InputStream in) {
        this.in = new BufferedInputStream(Objects.requireNonNull(in, "in"), 1 << 16);
    }

    /**
     * One non-blank line of the file.
     *
     * @param number the line number in the file, from 1
     * @param text   the line without its line break; null when it could not be read as text
     * @param error  why the line could not be read as text; null when {@code text} is set
     */
    record Line(long number, String text, InvalidInputException error) {

        /**
         * Reads the line as an assessment with the strict reader of {@link DecisionJson}.
         *
         * @return the assessment
         * @throws InvalidInputException if the line is not a valid assessment
         */
        Assessment assessment() {
            if (error != null) {
                throw error;
            }
            return DecisionJson.readAssessment(text);
        }
    }

    /**
     * The next non-blank line.
     *
     * @return the line, or null at the end of the input
     * @throws UncheckedIOException if reading fails
     */
    Line next() {
        try {
            while (!ended) {
                buffer.reset();
                boolean tooLong = false;
                int b;
                while ((b = in.read()) != -1 && b != '\n') {
                    if (buffer.size() < MAX_LINE_BYTES) {
                        buffer.write(b);
                    } else {
                        tooLong = true;
                    }
                }
                if (b == -1) {
                    ended = true;
                    if (buffer.size() == 0 && !tooLong) {
                        return null;
                    }
                }
                lineNumber++;
                byte[] bytes = buffer.toByteArray();
                int start = 0;
                if (atStart) {
                    atStart = false;
                    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
                        start = 3;
                    }
                }
                int end = bytes.length;
                if (end > start && bytes[end - 1] == '\r') {
                    end--;
                }
                if (tooLong) {
                    return new Line(lineNumber, null, new InvalidInputException("$",
                            "line longer than 1 MiB (" + MAX_LINE_BYTES + " bytes); one assessment per line"));
                }
                if (blank(bytes, start, end)) {
                    continue;
                }
                try {
                    String text = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
                    return new Line(lineNumber, text, null);
                } catch (CharacterCodingException e) {
                    return new Line(lineNumber, null, new InvalidInputException("$", "line is not valid UTF-8 text"));
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read line " + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
    }

    private static boolean blank(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
