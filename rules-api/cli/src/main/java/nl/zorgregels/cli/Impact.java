package nl.zorgregels.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.api.internal.session.ScreeningDecisions;
import nl.zorgregels.cli.DecisionDiff.Change;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;

/**
 * The {@code impact} command: decides every case of an NDJSON file with two knowledge bases, a
 * baseline and a candidate (an author's edit), and reports which cases change and how
 * ({@link DecisionDiff}), where their wording changes ({@link DecisionTexts}), then the totals
 * ({@link ImpactTotals}). The two decisions of a case are first compared by their compact
 * projection ({@link CompactDecision#sameProjection}, the line of {@code batch --format compact})
 * and what it leaves out ({@link DecisionDiff#sameBeyondProjection}); only when those differ is the
 * detailed diff made. The wording is compared without naming places first ({@link DecisionTexts#same}).
 *
 * <pre>
 * zorgregels impact [--baseline DIR|packaged] --candidate DIR|packaged CASES.ndjson|-
 *                   [--format text|json] [--threads N] [--later-dates]
 * </pre>
 *
 * Without {@code --later-dates} the cases are decided without what CONTRACT.md §9 says about later dates
 * ({@link ScreeningDecisions}: no {@code reassessFrom}, no list of the criteria that change at 18),
 * about a tenth faster, and the report says that those are not compared; with it, they are.
 *
 * The baseline is the packaged knowledge base unless {@code --baseline} names a directory. The file
 * is streamed: cases are read one line at a time and decided on {@code N} threads (default: one per
 * processor), and the report lists them in input order, so it is the same for every thread count.
 * An invalid line is reported with its line number and counted; the run goes on. Exit codes: 0 done
 * (whatever changed); 2 bad usage, a knowledge base that does not compile, an unreadable file, or a
 * knowledge base that failed to decide a case (those cases are reported as not decided); 1
 * internal error.
 */
final class Impact {
    /** The value of {@code --baseline} or {@code --candidate} that names the packaged knowledge base. */
    static final String PACKAGED = "packaged";
    /** Cases decided ahead of the one being reported, per thread: keeps the threads busy, memory bounded. */
    private static final int WINDOW_PER_THREAD = 64;

    private Impact() {
    }

    /** What became of one case. */
    private record Result(long line, Decision before, Decision after, List<Change> changes, List<String> texts,
                          InvalidInputException invalid, String failedSide, String failure) {
    }

    /**
     * The {@code impact} command.
     *
     * @param args  the arguments after the command name
     * @param stdin read for {@code -}
     * @param out   where the report goes
     * @param err   where errors go
     * @return the exit code
     * @throws UsageException         if the arguments are wrong
     * @throws KnowledgeBaseException if a knowledge base cannot be used (its message names which)
     */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        String baselineArg = PACKAGED;
        String candidateArg = null;
        String format = "text";
        String cases = null;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean laterDates = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help", "help" -> {
                    out.print(Main.USAGE);
                    return Main.OK;
                }
                case "--baseline" -> baselineArg = Args.value(args, ++i, a);
                case "--candidate" -> candidateArg = Args.value(args, ++i, a);
                case "--format" -> {
                    format = Args.value(args, ++i, a);
                    if (!format.equals("text") && !format.equals("json")) {
                        throw new UsageException("--format must be one of text, json but was " + format);
                    }
                }
                case "--threads" -> threads = Args.threads(Args.value(args, ++i, a));
                case "--later-dates" -> laterDates = true;
                default -> cases = Args.positional("impact", a, cases, "impact takes one case file (NDJSON, or - for standard input)");
            }
        }
        if (candidateArg == null) {
            throw new UsageException("impact needs --candidate DIR (the edited knowledge base)");
        }
        if (cases == null) {
            throw new UsageException("impact needs a case file (NDJSON, one case per line, or - for standard input)");
        }
        InputStream in;
        try {
            in = cases.equals("-") ? stdin : Files.newInputStream(Path.of(cases));
        } catch (NoSuchFileException e) {
            err.println("zorgregels: cannot read " + cases + ": no such file");
            return Main.INVALID;
        } catch (IOException e) {
            err.println("zorgregels: cannot read " + cases + ": " + e);
            return Main.INVALID;
        }
        try (NdjsonCases lines = new NdjsonCases(in)) {
            ZorgregelsEngine baseline = engine("baseline", baselineArg);
            ZorgregelsEngine candidate = candidateArg.equals(baselineArg) && candidateArg.equals(PACKAGED) ? baseline
                    : engine("candidate", candidateArg);
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            ImpactReport report = ImpactReport.of(format, w);
            report.start(baseline.knowledgeBase(), candidate.knowledgeBase(), cases, laterDates);
            ImpactTotals totals = compare(lines, baseline, candidate, threads, laterDates, report);
            report.end(totals);
            if (totals.errors > 0) {
                err.println("zorgregels: knowledge base unusable: " + totals.errors
                        + " case(s) could not be decided; see the lines marked 'not decided'");
                return Main.INVALID;
            }
            return Main.OK;
        } catch (UncheckedIOException e) {
            err.println("zorgregels: cannot read " + cases + ": " + e.getMessage());
            return Main.INVALID;
        } catch (IOException e) {
            err.println("zorgregels: cannot write the report: " + e);
            return Main.INVALID;
        }
    }

    /**
     * Decides every line with both engines and reports each changed, invalid or undecided case in
     * input order.
     *
     * @param lines     the cases
     * @param baseline  the baseline engine
     * @param candidate the candidate engine
     * @param threads   how many threads decide; 1 decides on the calling thread
     * @param laterDates whether the decisions include what CONTRACT.md §9 says about later dates (reassessFrom)
     * @param report    where each case goes (not its totals)
     * @return the totals
     * @throws IOException if writing the report fails
     */
    static ImpactTotals compare(NdjsonCases lines, ZorgregelsEngine baseline, ZorgregelsEngine candidate, int threads,
                                boolean laterDates, ImpactReport report) throws IOException {
        ImpactTotals totals = new ImpactTotals();
        if (threads == 1) {
            for (NdjsonCases.Line line = lines.next(); line != null; line = lines.next()) {
                emit(decide(line, baseline, candidate, laterDates), totals, report);
            }
            return totals;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "zorgregels-impact");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<Result>> window = new ArrayDeque<>();
            for (NdjsonCases.Line line = lines.next(); line != null; line = lines.next()) {
                NdjsonCases.Line l = line;
                window.add(pool.submit(() -> decide(l, baseline, candidate, laterDates)));
                if (window.size() >= threads * WINDOW_PER_THREAD) {
                    emit(get(window.removeFirst()), totals, report);
                }
            }
            while (!window.isEmpty()) {
                emit(get(window.removeFirst()), totals, report);
            }
            return totals;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result get(Future<Result> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deciding the cases", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("deciding a case failed: " + cause, cause);
        }
    }

    /** Reads and decides one line with both engines; never throws for a bad case or a failing rule. */
    private static Result decide(NdjsonCases.Line line, ZorgregelsEngine baseline, ZorgregelsEngine candidate,
                                 boolean laterDates) {
        Assessment assessment;
        try {
            assessment = line.assessment();
        } catch (InvalidInputException e) {
            return new Result(line.number(), null, null, null, null, e, null, null);
        }
        // Without --later-dates decided without the later dates of CONTRACT.md §9 (ScreeningDecisions): no
        // reassessFrom on either side, and the note on the 18th birthday without its list of criteria.
        Decision before;
        try {
            before = laterDates ? baseline.evaluate(assessment) : ScreeningDecisions.decide(baseline, assessment);
        } catch (RuntimeException e) {
            return new Result(line.number(), null, null, null, null, null, "baseline", message(e));
        }
        Decision after;
        try {
            after = laterDates ? candidate.evaluate(assessment) : ScreeningDecisions.decide(candidate, assessment);
        } catch (RuntimeException e) {
            return new Result(line.number(), null, null, null, null, null, "candidate", message(e));
        }
        // The compact projection (what batch --format compact writes) and what it leaves out hold
        // everything DecisionDiff compares: when both are equal the decision is unchanged, and only the
        // other cases get the detailed diff (which may still be empty: the options in another order).
        List<Change> changes = CompactDecision.sameProjection(before, after) && DecisionDiff.sameBeyondProjection(before, after)
                ? List.of() : DecisionDiff.compare(before, after);
        List<String> texts = DecisionTexts.same(before, after) ? List.of() : DecisionTexts.changed(before, after);
        return new Result(line.number(), before, after, changes, texts, null, null, null);
    }

    private static String message(RuntimeException e) {
        return e instanceof KnowledgeBaseException ? e.getMessage() : e.toString();
    }

    private static void emit(Result r, ImpactTotals totals, ImpactReport report) throws IOException {
        if (r.invalid() != null) {
            totals.addInvalid();
            report.invalid(r.line(), r.invalid());
        } else if (r.failedSide() != null) {
            totals.addError();
            report.notDecided(r.line(), r.failedSide(), r.failure());
        } else {
            totals.addDecided(r.line(), r.before(), r.after(), r.changes(), r.texts());
            if (!r.changes().isEmpty()) {
                report.changed(r.line(), r.changes(), r.texts());
            }
        }
    }

    /** The packaged engine for {@value #PACKAGED}, else the knowledge base in that directory. */
    private static ZorgregelsEngine engine(String side, String arg) {
        try {
            return arg.equals(PACKAGED) ? ZorgregelsEngine.packaged() : ZorgregelsEngine.fromDirectory(Path.of(arg));
        } catch (KnowledgeBaseException e) {
            throw new KnowledgeBaseException(side + ": " + e.getMessage(), e);
        }
    }
}
