package nl.zorgregels.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.api.internal.session.ScreeningDecisions;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;

/**
 * The {@code batch} command: decides every line of a newline-delimited JSON file (one assessment
 * per line) and writes one line per input line, in input order: the decision as one-line JSON, or
 * for a line that is not a valid assessment an error record
 * {@code {"line":N,"error":{"field":"…","rule":"…"}}}; the run goes on after a bad line. With
 * {@link Format#COMPACT} a decision is written as its compact projection ({@link CompactDecision}:
 * line, knowledge base, outcomes, criterion statuses, missing facts, centre, severity, option ids)
 * instead of the full decision; the error records are the same.
 *
 * <p>The input is streamed: lines are read in chunks, decided on a pool of worker threads (one per
 * processor by default) and written in order, with a bounded number of chunks in flight, so
 * memory does not grow with the size of the file. A progress line (cases done, rate, time left
 * when the input size is known) goes to the error stream about every two seconds, and a summary
 * at the end.
 *
 * <p>A knowledge base that refuses a decision at run time (a {@link KnowledgeBaseException}, e.g.
 * a criterion the rules left without a result for a case its proof did not cover) is not a bad
 * line: the knowledge base is unusable, so the run stops there (fail closed). The lines before the
 * first such line (in input order) have been written, nothing of it or after.
 */
final class Batch {
    /** Longest line accepted, in bytes; a longer line gets an error record (as {@code evaluate}'s limit). */
    static final int MAX_LINE_BYTES = NdjsonCases.MAX_LINE_BYTES;
    /** Lines per chunk handed to a worker. */
    private static final int CHUNK_LINES = 256;
    /** A chunk is also closed once it holds this many bytes of input. */
    private static final int CHUNK_BYTES = 1 << 20;
    /** Nanoseconds between progress lines. */
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is written for a decided line. */
    enum Format {
        /** The full decision, as {@code evaluate} writes it, on one line ({@link DecisionJson#writeLine}). */
        FULL,
        /** The compact projection ({@link CompactDecision}). */
        COMPACT
    }

    /** What a run did. */
    record Summary(long lines, long invalid, long internalErrors, long nanos) {
    }

    private final ZorgregelsEngine engine;
    private final Format format;
    private final int threads;
    private final PrintStream progress;
    private final LongSupplier clock;
    private final boolean audit;

    /**
     * @param engine   the engine that decides every line
     * @param threads  worker threads, at least 1
     * @param progress where progress and the summary go
     * @param clock    nanosecond clock for the progress line (System::nanoTime)
     */
    Batch(ZorgregelsEngine engine, int threads, PrintStream progress, LongSupplier clock) {
        this(engine, Format.FULL, threads, progress, clock);
    }

    /**
     * @param engine   the engine that decides every line
     * @param format   what is written for a decided line
     * @param threads  worker threads, at least 1
     * @param progress where progress and the summary go
     * @param clock    nanosecond clock for the progress line (System::nanoTime)
     */
    Batch(ZorgregelsEngine engine, Format format, int threads, PrintStream progress, LongSupplier clock) {
        this(engine, format, threads, progress, clock, false);
    }

    /**
     * @param engine   the engine that decides every line
     * @param format   what is written for a decided line
     * @param threads  worker threads, at least 1
     * @param progress where progress and the summary go
     * @param clock    nanosecond clock for the progress line (System::nanoTime)
     * @param audit    whether every line leaves an audit record ({@link CliAudit}, channel cli, its line number)
     */
    Batch(ZorgregelsEngine engine, Format format, int threads, PrintStream progress, LongSupplier clock, boolean audit) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
        }
        this.engine = engine;
        this.format = java.util.Objects.requireNonNull(format, "format");
        this.threads = threads;
        this.progress = progress;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Decides every line of {@code in} and writes the results to {@code out}.
     *
     * @param in         the cases, UTF-8, one JSON object per line
     * @param out        where the decisions go, one per input line, in input order
     * @param inputBytes the size of the input when known (for the time left), or -1
     * @return what the run did
     * @throws UncheckedIOException if reading or writing fails
     * @throws KnowledgeBaseException if the knowledge base refuses to decide a line; the message
     *                                starts with {@code line N: } and says what the rules did wrong
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
            NdjsonCases lines = new NdjsonCases(in, true);
            ArrayDeque<Future<Chunk.Result>> inFlight = new ArrayDeque<>();
            int maxInFlight = threads * 4;
            while (true) {
                Chunk chunk = nextChunk(lines);
                if (chunk == null) {
                    break;
                }
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
            throw new UncheckedIOException(e.getMessage(), e);
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

    /** The next lines, up to {@link #CHUNK_LINES} or about {@link #CHUNK_BYTES}; null at the end. */
    private Chunk nextChunk(NdjsonCases lines) {
        Chunk chunk = new Chunk();
        long bytes = 0;
        while (chunk.lines.size() < CHUNK_LINES && bytes < CHUNK_BYTES) {
            NdjsonCases.Line line = lines.next();
            if (line == null) {
                break;
            }
            chunk.lines.add(line);
            bytes += line.text() == null ? 0 : line.text().length();
        }
        return chunk.lines.isEmpty() ? null : chunk;
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
        result.output().writeTo(out);
        if (result.refused() != null) {
            out.flush();
            throw result.refused(); // the knowledge base is unusable: stop (see the class comment)
        }
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
        private final List<NdjsonCases.Line> lines = new ArrayList<>(CHUNK_LINES);

        /**
         * What a worker made of a chunk: the output bytes and counts; {@code refused} (else null):
         * the knowledge base refused a line, and the output holds the lines before it.
         */
        record Result(LineBuffer output, int lines, int invalid, int internal, KnowledgeBaseException refused) {
        }

        Result decide() {
            LineBuffer output = new LineBuffer(lines.size() * (format == Format.COMPACT ? 768 : 12 * 1024));
            int invalid = 0;
            int internal = 0;
            for (NdjsonCases.Line line : lines) {
                int start = output.size();
                long started = audit ? System.nanoTime() : 0;
                try {
                    if (format == Format.COMPACT) {
                        // the compact line shows no reassessFrom: decided without the later dates (CONTRACT.md §9)
                        Decision decision = ScreeningDecisions.decide(engine, line.assessment());
                        CompactDecision.write(line.number(), decision, output);
                        audit(decision, line.number(), started);
                    } else {
                        Decision decision = engine.evaluate(line.assessment());
                        DecisionJson.writeLine(decision, output);
                        audit(decision, line.number(), started);
                    }
                } catch (InvalidInputException e) {
                    if (audit) {
                        CliAudit.cannotAssess(engine.knowledgeBase(), e.field(), line.number(), started);
                    }
                    invalid++;
                    output.truncate(start);
                    output.write(errorRecord(line.number(), e).getBytes(StandardCharsets.UTF_8));
                } catch (KnowledgeBaseException e) {
                    output.truncate(start);
                    return new Result(output, lines.size(), invalid, internal,
                            new KnowledgeBaseException("line " + line.number() + ": " + e.getMessage(), e));
                } catch (RuntimeException | IOException e) {
                    internal++;
                    output.truncate(start); // nothing of a decision that failed half-way
                    output.write(internalErrorRecord(line.number(), e).getBytes(StandardCharsets.UTF_8));
                }
                output.write('\n');
            }
            return new Result(output, lines.size(), invalid, internal, null);
        }

        private void audit(Decision decision, long line, long started) {
            if (audit) {
                CliAudit.decision(decision, line, started);
            }
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

    private static String internalErrorRecord(long line, Exception e) {
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

}
