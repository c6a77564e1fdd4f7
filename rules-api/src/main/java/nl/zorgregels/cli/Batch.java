package nl.zorgregels.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.InvalidInputException;

/**
 * The {@code batch} command: decides every line of a newline-delimited JSON file (one assessment
 * per line) and writes one line per input line, in input order: the decision as one-line JSON, or
 * for a line that is not a valid assessment an error record
 * {@code {"line":N,"error":{"field":"…","rule":"…"}}}; the run goes on after a bad line.
 *
 * <p>The input is streamed: lines are read in chunks, decided on a pool of worker threads (one per
 * processor by default) and written in order, with a bounded number of chunks in flight, so
 * memory does not grow with the size of the file. A progress line (cases done, rate, time left
 * when the input size is known) goes to the error stream about every two seconds, and a summary
 * at the end.
 */
final class Batch {
    /** Longest line accepted, in bytes; a longer line gets an error record (as {@code evaluate}'s limit). */
    static final int MAX_LINE_BYTES = Main.MAX_INPUT_BYTES;
    /** Lines per chunk handed to a worker. */
    private static final int CHUNK_LINES = 256;
    /** A chunk is also closed once it holds this many bytes of input. */
    private static final int CHUNK_BYTES = 1 << 20;
    /** Nanoseconds between progress lines. */
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run did. */
    record Summary(long lines, long invalid, long internalErrors, long nanos) {
    }

    private final ZorgregelsEngine engine;
    private final int threads;
    private final PrintStream progress;
    private final LongSupplier clock;

    /**
     * @param engine   the engine that decides every line
     * @param threads  worker threads, at least 1
     * @param progress where progress and the summary go
     * @param clock    nanosecond clock for the progress line (System::nanoTime)
     */
    Batch(ZorgregelsEngine engine, int threads, PrintStream progress, LongSupplier clock) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
        }
        this.engine = engine;
        this.threads = threads;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Decides every line of {@code in} and writes the results to {@code out}.
     *
     * @param in         the cases, UTF-8, one JSON object per line
     * @param out        where the decisions go, one per input line, in input order
     * @param inputBytes the size of the input when known (for the time left), or -1
     * @return what the run did
     * @throws UncheckedIOException if reading or writing fails
     */
    Summary run(InputStream in, OutputStream out, long inputBytes) {
        long start = clock.getAsLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "zorgregels-batch");
            t.setDaemon(true);
            return t;
        });
        Progress counts = new Progress(start, inputBytes);
        try {
            LineReader lines = new LineReader(in);
            ArrayDeque<Future<Chunk.Result>> inFlight = new ArrayDeque<>();
            int maxInFlight = threads * 4;
            long lineNumber = 0;
            while (true) {
                Chunk chunk = lines.next(lineNumber);
                if (chunk == null) {
                    break;
                }
                lineNumber += chunk.size();
                inFlight.add(pool.submit(chunk::decide));
                while (inFlight.size() >= maxInFlight) {
                    counts.add(write(inFlight.poll(), out), lines.bytesRead());
                }
            }
            while (!inFlight.isEmpty()) {
                counts.add(write(inFlight.poll(), out), lines.bytesRead());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdownNow();
        }
        Summary summary = new Summary(counts.lines, counts.invalid, counts.internal, clock.getAsLong() - start);
        progress.println(String.format(Locale.ROOT, "batch: %,d cases (%,d invalid%s) in %.1f s, %,.0f cases/s",
                summary.lines(), summary.invalid(),
                summary.internalErrors() == 0 ? "" : ", " + summary.internalErrors() + " internal errors",
                summary.nanos() / 1e9, rate(summary.lines(), summary.nanos())));
        return summary;
    }

    private Chunk.Result write(Future<Chunk.Result> next, OutputStream out) throws IOException {
        Chunk.Result result;
        try {
            result = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("batch interrupted", e);
        } catch (ExecutionException e) {
            // Chunk.decide catches everything per line; reaching this is a defect of the batch itself.
            throw new IllegalStateException("batch worker failed", e.getCause());
        }
        out.write(result.output());
        return result;
    }

    private static double rate(long lines, long nanos) {
        return nanos <= 0 ? 0 : lines * 1e9 / nanos;
    }

    /** Running totals and the progress line. */
    private final class Progress {
        private final long start;
        private final long inputBytes;
        private long lines;
        private long invalid;
        private long internal;
        private long lastReport;

        Progress(long start, long inputBytes) {
            this.start = start;
            this.inputBytes = inputBytes;
            this.lastReport = start;
        }

        void add(Chunk.Result result, long bytesRead) {
            lines += result.lines();
            invalid += result.invalid();
            internal += result.internal();
            long now = clock.getAsLong();
            if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                lastReport = now;
                long elapsed = now - start;
                String left = "";
                if (inputBytes > 0 && bytesRead > 0) {
                    double fraction = Math.min(1.0, (double) bytesRead / inputBytes);
                    left = String.format(Locale.ROOT, ", about %.0f s left", elapsed / 1e9 * (1 - fraction) / fraction);
                }
                progress.println(String.format(Locale.ROOT, "batch: %,d cases, %,.0f cases/s%s",
                        lines, rate(lines, elapsed), left));
            }
        }
    }

    /** Consecutive lines of input, decided together by one worker. */
    private final class Chunk {
        private final long firstLine;
        private final List<byte[]> lines = new ArrayList<>(CHUNK_LINES);

        /** What a worker made of a chunk: the output bytes and counts. */
        record Result(byte[] output, int lines, int invalid, int internal) {
        }

        Chunk(long firstLine) {
            this.firstLine = firstLine;
        }

        int size() {
            return lines.size();
        }

        Result decide() {
            ByteArrayOutputStream output = new ByteArrayOutputStream(lines.size() * 2048);
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            int invalid = 0;
            int internal = 0;
            for (int i = 0; i < lines.size(); i++) {
                long lineNumber = firstLine + i + 1;
                String record;
                try {
                    record = DecisionJson.writeLine(engine.evaluate(parse(utf8, lines.get(i))));
                } catch (InvalidInputException e) {
                    invalid++;
                    record = errorRecord(lineNumber, e);
                } catch (RuntimeException e) {
                    internal++;
                    record = internalErrorRecord(lineNumber, e);
                }
                output.writeBytes(record.getBytes(StandardCharsets.UTF_8));
                output.write('\n');
            }
            return new Result(output.toByteArray(), lines.size(), invalid, internal);
        }

        private Assessment parse(CharsetDecoder utf8, byte[] line) {
            if (line == null) {
                throw new InvalidInputException("$", "line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            String text;
            try {
                text = utf8.reset().decode(ByteBuffer.wrap(line)).toString();
            } catch (CharacterCodingException e) {
                throw new InvalidInputException("$", "line is not valid UTF-8");
            }
            if (text.isBlank()) {
                throw new InvalidInputException("$", "empty line; expected a JSON object (the assessment)");
            }
            return DecisionJson.readAssessment(text);
        }
    }

    static String errorRecord(long line, InvalidInputException e) {
        ObjectNode record = JSON.createObjectNode();
        record.put("line", line);
        ObjectNode error = record.putObject("error");
        error.put("field", e.field());
        error.put("rule", e.rule());
        return toJson(record);
    }

    private static String internalErrorRecord(long line, RuntimeException e) {
        ObjectNode record = JSON.createObjectNode();
        record.put("line", line);
        record.putObject("internalError").put("message", String.valueOf(e));
        return toJson(record);
    }

    private static String toJson(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Splits a byte stream into lines ({@code \n}, an optional {@code \r} before it is dropped),
     * never holding more than {@link #MAX_LINE_BYTES} of one line: a longer line becomes a null
     * entry (an error record) and the rest of it is skipped.
     */
    private final class LineReader {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int pos;
        private int limit;
        private long bytesRead;
        private boolean eof;

        LineReader(InputStream in) {
            this.in = in;
        }

        long bytesRead() {
            return bytesRead;
        }

        /** The next chunk of lines, or null at the end of the input. */
        Chunk next(long firstLine) throws IOException {
            Chunk chunk = new Chunk(firstLine);
            int bytes = 0;
            while (chunk.size() < CHUNK_LINES && bytes < CHUNK_BYTES) {
                byte[] line = readLine();
                if (line == NO_MORE) {
                    break;
                }
                chunk.lines.add(line);
                bytes += line == null ? MAX_LINE_BYTES : line.length;
            }
            return chunk.size() == 0 ? null : chunk;
        }

        /** One line without its terminator; null if too long; {@link #NO_MORE} at the end. */
        private byte[] readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == limit && !fill()) {
                    if (!any) {
                        return NO_MORE;
                    }
                    break;
                }
                any = true;
                int start = pos;
                while (pos < limit && buffer[pos] != '\n') {
                    pos++;
                }
                int length = pos - start;
                if (!tooLong) {
                    if (line.size() + length > MAX_LINE_BYTES) {
                        tooLong = true;
                        line = null;
                    } else {
                        line.write(buffer, start, length);
                    }
                }
                if (pos < limit) {
                    pos++; // the '\n'
                    break;
                }
            }
            if (tooLong) {
                return null;
            }
            byte[] bytes = line.toByteArray();
            if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
                return java.util.Arrays.copyOf(bytes, bytes.length - 1);
            }
            return bytes;
        }

        private boolean fill() throws IOException {
            if (eof) {
                return false;
            }
            int n = in.read(buffer);
            if (n <= 0) {
                eof = n < 0;
                if (n == 0) {
                    return fill();
                }
                return false;
            }
            pos = 0;
            limit = n;
            bytesRead += n;
            return true;
        }
    }

    /** Marks the end of the input in {@link LineReader#readLine()}. */
    private static final byte[] NO_MORE = new byte[0];
}
