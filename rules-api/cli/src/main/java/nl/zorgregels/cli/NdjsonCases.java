package nl.zorgregels.cli;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.InvalidInputException;

/**
 * Reads a file of cases in newline-delimited JSON (NDJSON): one assessment (CONTRACT.md section 4) per
 * line, read one line at a time so a file of any length streams in constant memory.
 *
 * <p>Lines end with {@code \n} or {@code \r\n}; the last line needs no line break. Blank lines
 * (only spaces and tabs) are skipped and not counted as cases (unless kept, for {@code batch}), but line numbers count them, so a
 * number always points at the line in the file. A UTF-8 byte-order mark at the start is skipped.
 * A line that is not UTF-8 or is longer than 1 MiB is still returned, as a {@link Line} that
 * {@link Line#assessment() fails to read}, so one bad line never stops the rest. Not thread-safe:
 * read from one thread; the returned lines may be parsed on any thread.
 */
final class NdjsonCases implements Closeable {
    /** Longest line accepted, in bytes: the 1 MiB limit of one assessment. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final boolean keepBlankLines;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private final byte[] chunk = new byte[1 << 16];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int pos;
    private int limit;
    private long bytesRead;
    private long lineNumber;
    private boolean atStart = true;
    private boolean ended;

    /** @param in the NDJSON bytes (UTF-8); closed by {@link #close()}; blank lines are skipped */
    NdjsonCases(InputStream in) {
        this(in, false);
    }

    /**
     * @param in             the NDJSON bytes (UTF-8); closed by {@link #close()}
     * @param keepBlankLines whether a blank line is returned (as a line that fails to read)
     *                       instead of skipped
     */
    NdjsonCases(InputStream in, boolean keepBlankLines) {
        this.in = Objects.requireNonNull(in, "in");
        this.keepBlankLines = keepBlankLines;
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
     * The next line: the next non-blank line, or with {@code keepBlankLines} the next line of any
     * kind (a blank one as a line that fails to read, so that output can keep one line per input
     * line).
     *
     * @return the line, or null at the end of the input
     * @throws UncheckedIOException if reading fails
     */
    Line next() {
        try {
            while (true) {
                int read = readLine();
                if (read == END) {
                    return null;
                }
                boolean tooLong = read == TOO_LONG;
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
                    if (keepBlankLines) {
                        return new Line(lineNumber, null, new InvalidInputException("$",
                                "empty line; expected a JSON object (the assessment)"));
                    }
                    continue;
                }
                try {
                    String text = utf8.reset().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
                    return new Line(lineNumber, text, null);
                } catch (CharacterCodingException e) {
                    return new Line(lineNumber, null, new InvalidInputException("$", "line is not valid UTF-8 text"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read line " + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
    }

    /** {@link #readLine()}: a line was read. */
    private static final int READ = 0;
    /** {@link #readLine()}: a line was read, cut at {@link #MAX_LINE_BYTES}. */
    private static final int TOO_LONG = 1;
    /** {@link #readLine()}: no line, the input has ended. */
    private static final int END = -1;

    /**
     * Reads one line into {@link #buffer}, keeping at most {@link #MAX_LINE_BYTES} of it.
     *
     * @return {@link #READ}, {@link #TOO_LONG} or {@link #END}
     */
    private int readLine() throws IOException {
        buffer.reset();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                int n = ended ? -1 : in.read(chunk);
                if (n < 0) {
                    ended = true;
                    return !any ? END : tooLong ? TOO_LONG : READ;
                }
                pos = 0;
                limit = n;
                bytesRead += n;
                continue;
            }
            any = true;
            int from = pos;
            while (pos < limit && chunk[pos] != '\n') {
                pos++;
            }
            int length = pos - from;
            if (buffer.size() + length > MAX_LINE_BYTES) {
                tooLong = true;
                length = Math.max(0, MAX_LINE_BYTES - buffer.size());
            }
            buffer.write(chunk, from, length);
            if (pos < limit) {
                pos++; // the line break
                return tooLong ? TOO_LONG : READ;
            }
        }
    }

    /** @return how many bytes have been read from the input so far */
    long bytesRead() {
        return bytesRead;
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
