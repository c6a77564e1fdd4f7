package nl.zorgregels.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.api.internal.referral.ReferralSummary;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.PostCovidFacts;

/**
 * The {@code zorgregels} command line.
 *
 * <pre>
 * java -jar zorgregels.jar evaluate CASE.json|BUNDLE.json|- [--date YYYY-MM-DD] [--format json|text|letter|referral|fhir] [--lang nl|en]
 *                                   [--force-letter] [--kb DIR] [--codes FILE]... [--audit]
 * java -jar zorgregels.jar questionnaire [--prefill BUNDLE.json|- --date YYYY-MM-DD] [--kb DIR]
 * java -jar zorgregels.jar batch IN.ndjson|- OUT.ndjson|- [--format json|compact] [--threads N] [--kb DIR] [--audit]
 * java -jar zorgregels.jar check-kb DIR [--scenarios DIR]
 * java -jar zorgregels.jar generate-cases --seed S --count N [OUT.ndjson|-]
 * java -jar zorgregels.jar impact [--baseline DIR|packaged] --candidate DIR|packaged CASES.ndjson|- [--format text|json] [--threads N] [--later-dates]
 * java -jar zorgregels.jar trace [ID...] [--scenarios DIR] [--format text|json] [--kb DIR]
 * java -jar zorgregels.jar serve [--host H] [--port P] [--trust FILE] [--cors-origin ORIGIN]... [--public-url URL]
 *                                [--kb DIR [--watch]] [--lang nl|en] [--tls-keystore FILE --tls-password-env VAR]
 *                                [--no-metrics] [--codes FILE]...
 * </pre>
 *
 * Exit codes: 0 evaluated (whatever the outcome), 2 invalid input or usage (message on stderr
 * naming the field), 3 output withheld (one line on stderr): the patient letter while data is in
 * doubt, the referral summary when the post-COVID outcome is not ELIGIBLE; 1 internal error.
 */
public final class Main {
    /** Exit code: evaluated. */
    public static final int OK = 0;
    /** Exit code: internal error. */
    public static final int INTERNAL_ERROR = 1;
    /** Exit code: invalid input, invalid usage or unusable knowledge base. */
    public static final int INVALID = 2;
    /**
     * Exit code: the output asked for is withheld, stderr says why in one line: the patient letter
     * while a safety item of kind {@code data-doubt} stands (the data itself is in doubt), or the
     * referral summary when the post-COVID outcome is not ELIGIBLE.
     */
    public static final int LETTER_WITHHELD = 3;
    /** Largest case file accepted, in bytes. */
    static final int MAX_INPUT_BYTES = 1 << 20;

    public static final String USAGE = """
            Usage: zorgregels evaluate CASE.json|BUNDLE.json|- [--date YYYY-MM-DD] [--format json|text|letter|referral|fhir]
                                      [--lang nl|en] [--force-letter] [--kb DIR] [--codes FILE]... [--audit]
                   zorgregels questionnaire [--prefill BUNDLE.json|- --date YYYY-MM-DD] [--kb DIR]
                   zorgregels batch IN.ndjson|- OUT.ndjson|- [--format json|compact] [--threads N] [--kb DIR]
                                    [--audit]
                   zorgregels check-kb DIR [--scenarios DIR]
                   zorgregels generate-cases --seed S --count N [OUT.ndjson|-]
                   zorgregels impact [--baseline DIR|packaged] --candidate DIR|packaged CASES.ndjson|-
                                     [--format text|json] [--threads N] [--later-dates]
                   zorgregels trace [ID...] [--scenarios DIR] [--format text|json] [--kb DIR]
                   zorgregels serve [--host H] [--port P] [--trust FILE] [--cors-origin ORIGIN]...
                                    [--public-url URL] [--kb DIR [--watch]] [--lang nl|en]
                                    [--tls-keystore FILE --tls-password-env VAR] [--no-metrics]
                                    [--codes FILE]...

              evaluate   decide one case (a JSON file, or - for standard input) and print the decision.
                         A FHIR R4 Bundle (recognised by its resourceType) is read as a patient's
                         record (CONTRACT.md section 8); it needs --date, the assessment date
              questionnaire
                         print the intake Questionnaire (FHIR R4 JSON) whose answers a Bundle carries;
                         its questions and version are the knowledge base's. With --prefill BUNDLE
                         --date D: the intake pre-filled from that record (a QuestionnaireResponse
                         holding every fact the record gives), so only what is missing is asked
              batch      decide one case per line of IN (newline-delimited JSON) and write one line per
                         case to OUT in the same order: the decision (--format compact: its compact
                         line), or an error record
                         {"line":N,"error":{"field":...,"rule":...}} for an invalid line (the rest
                         still run); progress on stderr. Exit 2 if any line was invalid, or (the run
                         stops there) if the knowledge base refused to decide a line.
              --threads  worker threads for batch (default: one per processor)
              check-kb   compile the .drl files, tables and messages in DIR, prove the rules on a covering
                         set of cases (every criterion decided exactly once, the contract's invariants) and
                         report every error (file:line; criterion, rule file and a minimal case);
                         then decide the expected decisions kept beside it, the scenario files in
                         DIR/scenarios or in --scenarios DIR, and report each scenario that decides
                         otherwise (file / scenario and each difference)
              generate-cases
                         write N synthetic cases, one JSON case per line (NDJSON), to OUT or (-, the
                         default) standard output; the same seed always gives the same bytes
              impact     decide every case of an NDJSON file with a baseline (default: the packaged
                         knowledge base) and a candidate knowledge base (a directory, or packaged);
                         report each case whose decision changes (outcome, criteria, missing facts,
                         centre, warnings, notes, safety items, ALK severity and options, by id),
                         then the totals, with the cases whose texts alone changed counted per
                         text; --threads N: decide on N threads (default: one per processor); the
                         report is in input order whatever N is; --later-dates: also decide and
                         compare what the decisions say about later dates (reassessFrom)
              trace      per requirement (or the IDs given): title, source, rules (file:line) and the
                         scenarios covering each side (MET, NOT_MET, UNKNOWN, ...); --scenarios DIR
                         (default rules-tests/src/test/resources/scenarios); --format text (default) or json
              serve      the CDS Hooks 2.0 service (patient-view, service zorgregels) until SIGTERM;
                         default 127.0.0.1:8080 (--port 0: a free port). --trust FILE: the EHRs'
                         JWT issuers and keys [{"iss":...,"jwks":{"keys":[...]}}]; without it requests
                         are not authenticated and only a loopback --host is allowed. --cors-origin:
                         a browser origin allowed (repeatable). --public-url: the URL EHRs call when
                         behind a reverse proxy (tokens' aud). --watch: reload --kb DIR when it
                         changes (a KB that fails check-kb is refused; the old one keeps serving).
                         --tls-keystore FILE: serve HTTPS with the key and certificate of a PKCS#12
                         keystore whose password is in the environment variable --tls-password-env
                         names (never on the command line). GET /health/live, /health/ready and
                         /metrics (Prometheus) need no token; --no-metrics: no /metrics.
                         --codes FILE: a deployer's code table read with the knowledge base's
                         (repeatable); the discovery's prefetch searches ask for its codes too
              --format   evaluate: json (default), the decision as JSON; text, a report for the GP;
                         letter, a draft letter to the patient (to the parents under 18) for the GP
                         to check and hand over; referral, the referral summary to paste into the
                         registration (only when the post-COVID outcome is ELIGIBLE, else exit 3);
                         fhir, a FHIR R4 GuidanceResponse;
                         batch: json (default), each decision in full on one line; compact, per line
                         the line number, knowledge base, outcomes, criterion statuses, missing facts,
                         centre, ALK severity and option ids (rules-api/CONTRACT.md section 6.1);
                         impact and trace: text (default) or json
              --date     evaluate: the assessment date of a FHIR Bundle (required for one; a JSON case
                         gives its own assessmentDate, so --date is refused with it)
              --codes    evaluate: a deployer's code table (the columns of the knowledge base's
                         codes.csv; ICPC, NHG or local codes) read with it for a FHIR Bundle; may be
                         given more than once; a refused row is named by file and line (FHIR.md)
              --lang     language of the text report, letter or referral summary: nl (default) or en
              --force-letter
                         with --format letter: write the letter even while the data is in doubt
                         (a data-consistency warning or contradicting sections), opening with what
                         is in doubt; without it such a letter is not written (exit 3)
              --audit    evaluate, batch: write one audit record per decision (JSON, logger
                         nl.zorgregels.audit, on stderr unless configured otherwise): channel cli, the
                         user, the batch line, outcome per part and knowledge base; never the facts
              --kb       use the .drl files and messages in DIR (laid out like
                         rules-kb/src/main/resources) instead of the packaged knowledge base.
                         A .drl file is code: only load rules from an author you trust.

            Exit codes: 0 evaluated, 2 invalid input or usage, 3 output withheld: a letter while the
            data is in doubt, a referral summary when not ELIGIBLE (one line on stderr says why),
            1 internal error.
            """;

    private Main() {
    }

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // The command line's own logging setup; set before any logger exists. An embedding
        // application never runs this and keeps its own logging.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "nl/zorgregels/cli/logback-cli.xml");
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, System.in, out, err);
        out.flush();
        CliAudit.flush();
        System.exit(code);
    }

    /**
     * Runs one command.
     *
     * @param args the arguments
     * @param in   standard input (read for {@code -})
     * @param out  where the decision goes
     * @param err  where errors go
     * @return the exit code
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            if (Trace.isCommand(args)) {
                return Trace.run(args, out, err);
            }
            String command = args.length > 0 ? args[0] : "";
            String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
            if (command.equals("generate-cases")) {
                return CaseGenerator.run(rest, out, err);
            }
            if (command.equals("impact")) {
                return Impact.run(rest, in, out, err);
            }
            if (command.equals("check-kb")) {
                return CheckKb.run(rest, out, err);
            }
            if (command.equals("serve")) {
                return Serve.run(rest, out, err);
            }
            Options options = Options.parse(args);
            if (options.help) {
                out.print(USAGE);
                return OK;
            }
            return switch (options.command) {
                case "evaluate" -> evaluate(options, in, out, err);
                case "questionnaire" -> {
                    ZorgregelsEngine engine = options.kb == null ? packagedEngine()
                            : ZorgregelsEngine.fromDirectory(Path.of(options.kb));
                    if (options.prefill != null) {
                        // the intake pre-filled with what the record already says (SDC $populate)
                        out.println(FhirCommands.prefill(engine, read(options.prefill, in), FhirCommands.date(options.date)));
                    } else {
                        out.println(FhirCommands.questionnaire(engine));
                    }
                    yield OK;
                }
                case "batch" -> batch(options, in, out, err);
                default -> throw new UsageException("unknown command '" + options.command + "'");
            };
        } catch (UsageException e) {
            err.println("zorgregels: " + e.getMessage());
            err.print(USAGE);
            return INVALID;
        } catch (InvalidInputException e) {
            err.println("zorgregels: invalid input: " + e.field() + ": " + e.rule());
            return INVALID;
        } catch (KnowledgeBaseException e) {
            err.println("zorgregels: knowledge base unusable: " + e.getMessage());
            return INVALID;
        } catch (RuntimeException | Error e) {
            err.println("zorgregels: internal error: " + e);
            return INTERNAL_ERROR;
        }
    }

    private static int evaluate(Options options, InputStream in, PrintStream out, PrintStream err) {
        String json = read(options.file, in);
        Assessment assessment;
        if (FhirCommands.isFhir(json)) {
            if (options.date == null) {
                throw new UsageException("a FHIR Bundle needs --date YYYY-MM-DD, the date the decision is made for");
            }
            assessment = FhirCommands.read(json, FhirCommands.date(options.date), options.kb, options.codes);
        } else {
            if (!options.codes.isEmpty()) {
                throw new UsageException("--codes is for FHIR input only (which codes of a record give which fact)");
            }
            if (options.date != null) {
                throw new UsageException("--date is for FHIR input only; a JSON case gives its assessmentDate");
            }
            assessment = DecisionJson.readAssessment(json);
        }
        ZorgregelsEngine engine = options.kb == null ? packagedEngine()
                : ZorgregelsEngine.fromDirectory(Path.of(options.kb));
        Source source = new Source(FhirCommands.isFhir(json) ? json : null, options.kb, options.codes);
        long start = System.nanoTime();
        Decision decision;
        try {
            decision = engine.evaluate(assessment);
        } catch (InvalidInputException e) {
            // a refusal of the engine names the input path; a record read from FHIR is told its FHIR path
            InvalidInputException reported = source.fhirJson() == null ? e
                    : FhirCommands.atSource(e, json, FhirCommands.date(options.date), options.kb, options.codes);
            if (options.audit) {
                CliAudit.cannotAssess(engine.knowledgeBase(), reported.field(), null, start);
            }
            throw reported;
        }
        if (!options.audit) {
            return present(engine, assessment, decision, options.format, options.lang, options.forceLetter, out, err, source);
        }
        CliAudit.decision(decision, null, start);
        return present(engine, assessment, decision, options.format, options.lang, options.forceLetter, out, err, source);
    }

    /**
     * Where a case came from, for a GuidanceResponse: its subject and the codes that type its data requirements.
     *
     * @param fhirJson the FHIR record, or null for a section-4 JSON case
     * @param kb       the knowledge base directory, or null for the packaged one
     * @param codes    a deployer's code tables
     */
    private record Source(String fhirJson, String kb, List<String> codes) {
    }

    /**
     * What {@code evaluate} writes for one case, once it is read and the engine built: the decision in
     * the format asked for, or for a letter withheld while the data is in doubt one line on standard
     * error. The scenario checks ({@code expect.report}, {@code expect.letter}; {@code check-kb} and the
     * scenario suite) call this with the engine they check, so they see what the command line shows.
     *
     * @param engine      the engine that decides
     * @param assessment  the case
     * @param format      {@code json}, {@code text}, {@code letter} or {@code fhir}
     * @param lang        {@code nl} or {@code en}, for {@code text} and {@code letter}
     * @param forceLetter write the letter even while the data is in doubt
     * @param out         standard output
     * @param err         standard error
     * @return {@link #OK}, or {@link #LETTER_WITHHELD}
     * @throws nl.zorgregels.api.KnowledgeBaseException if the knowledge base refuses to decide the case
     */
    public static int evaluate(ZorgregelsEngine engine, Assessment assessment, String format, String lang,
                               boolean forceLetter, PrintStream out, PrintStream err) {
        return present(engine, assessment, engine.evaluate(assessment), format, lang, forceLetter, out, err,
                new Source(null, null, List.of()));
    }

    /** Writes a decision in the format asked for (see {@link #evaluate(ZorgregelsEngine, Assessment, String, String, boolean, PrintStream, PrintStream)}). */
    private static int present(ZorgregelsEngine engine, Assessment assessment, Decision decision, String format,
                               String lang, boolean forceLetter, PrintStream out, PrintStream err, Source source) {
        if (format.equals("text")) {
            out.print(TextReport.render(decision, lang, engine::text, engine.requirements()));
        } else if (format.equals("letter")) {
            LetterReport.Draft letter = LetterReport.render(decision, audience(engine, assessment, decision),
                    lang, forceLetter, LetterReport.Texts.of(engine));
            if (letter.withheld() != null) {
                err.println("zorgregels: " + letter.withheld());
                return LETTER_WITHHELD;
            }
            out.print(letter.letter());
        } else if (format.equals("referral")) {
            ReferralSummary.Result referral;
            try {
                referral = ReferralSummary.of(new ObjectMapper().readTree(DecisionJson.writeLine(decision)), engine::text, lang);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (referral.withheld() != null) {
                err.println("zorgregels: " + referral.withheld());
                return LETTER_WITHHELD;
            }
            out.print(referral.summary());
        } else if (format.equals("fhir")) {
            out.println(FhirCommands.guidanceResponse(decision, source.fhirJson(), source.kb(), source.codes()));
        } else {
            out.println(DecisionJson.write(decision));
        }
        return OK;
    }

    /**
     * Who the letter is for: the patient's age group as the knowledge base judges it (PC-G1). A
     * decision without a post-COVID part does not carry it; it is then decided for the same patient
     * with an empty post-COVID section (only the age group is read).
     */
    private static AgeGroup audience(ZorgregelsEngine engine, Assessment assessment, Decision decision) {
        if (decision.postCovid() != null) {
            return decision.postCovid().ageGroup();
        }
        Assessment patientOnly = new Assessment(assessment.assessmentDate(), assessment.patient(),
                PostCovidFacts.builder().build(), null);
        return engine.evaluate(patientOnly).postCovid().ageGroup();
    }

    private static int batch(Options options, InputStream stdin, PrintStream stdout, PrintStream err) {
        ZorgregelsEngine engine = options.kb == null ? packagedEngine()
                : ZorgregelsEngine.fromDirectory(Path.of(options.kb));
        Batch.Format format = options.format.equals(CompactDecision.FORMAT) ? Batch.Format.COMPACT : Batch.Format.FULL;
        Batch batch = new Batch(engine, format, options.threads, err, System::nanoTime, options.audit);
        Batch.Summary summary;
        try (InputStream in = options.file.equals("-") ? null : Files.newInputStream(Path.of(options.file));
             OutputStream out = options.output.equals("-") ? null
                     : new BufferedOutputStream(Files.newOutputStream(Path.of(options.output)), 1 << 16)) {
            long size = in == null ? -1 : Files.size(Path.of(options.file));
            OutputStream target = out == null ? stdout : out;
            summary = batch.run(in == null ? stdin : new BufferedInputStream(in, 1 << 16), target, size);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + e.getFile() + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException("batch: " + (e.getCause() != null ? e.getCause() : e).toString());
        }
        if (summary.internalErrors() > 0) {
            return INTERNAL_ERROR;
        }
        return summary.invalid() > 0 ? INVALID : OK;
    }

    /** Reads the case, at most {@link #MAX_INPUT_BYTES}; a missing file is a usage error. */
    private static String read(String file, InputStream stdin) {
        try (InputStream in = file.equals("-") ? null : Files.newInputStream(Path.of(file))) {
            InputStream source = in == null ? stdin : in;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = source.read(buffer)) > 0) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > MAX_INPUT_BYTES) {
                    throw new InvalidInputException("$", "input is larger than " + MAX_INPUT_BYTES + " bytes");
                }
            }
            return utf8(bytes.toByteArray());
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Decodes the case as UTF-8, strictly: a malformed byte sequence is refused, never replaced
     * (a replaced byte would surface later as a confusing unknown field or enum value).
     */
    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never gives more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InvalidInputException("$", String.format(java.util.Locale.ROOT,
                    "is not valid UTF-8: malformed byte 0x%02X at byte %d (line %d); the input must be UTF-8 text",
                    bytes[at] & 0xFF, at, line));
        }
        return out.flip().toString();
    }

    /** The engine with the packaged knowledge base, built on first use and shared. */
    private static ZorgregelsEngine packaged;

    /** @throws KnowledgeBaseException as it is, if the packaged knowledge base cannot be used */
    private static synchronized ZorgregelsEngine packagedEngine() {
        if (packaged == null) {
            packaged = ZorgregelsEngine.packaged();
        }
        return packaged;
    }

    /** The parsed arguments. */
    private static final class Options {
        String command;
        String file;
        String format;
        String lang = "nl";
        String kb;
        String output;
        String date;
        String prefill;
        final List<String> codes = new ArrayList<>();
        int threads = Runtime.getRuntime().availableProcessors();
        boolean forceLetter;
        boolean audit;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help", "help" -> o.help = true;
                    case "--format" -> o.format = Args.value(args, ++i, a);
                    case "--lang" -> o.lang = oneOf(a, Args.value(args, ++i, a), "nl", "en");
                    case "--kb" -> o.kb = Args.value(args, ++i, a);
                    case "--date" -> o.date = Args.value(args, ++i, a);
                    case "--prefill" -> o.prefill = Args.value(args, ++i, a);
                    case "--codes" -> o.codes.add(Args.value(args, ++i, a));
                    case "--threads" -> o.threads = Args.threads(Args.value(args, ++i, a));
                    case Args.FORCE_LETTER -> o.forceLetter = true;
                    case "--audit" -> o.audit = true;
                    default -> {
                        if (a.startsWith("--")) {
                            throw new UsageException("unknown option " + a);
                        }
                        positional.add(a);
                    }
                }
            }
            if (o.help) {
                return o;
            }
            if (positional.isEmpty()) {
                throw new UsageException("no command given");
            }
            o.command = positional.get(0);
            if (o.format == null) {
                o.format = "json";
            } else if (o.command.equals("batch")) {
                oneOf("--format", o.format, "json", CompactDecision.FORMAT);
            } else {
                oneOf("--format", o.format, "json", "text", "letter", "referral", "fhir");
            }
            if (o.forceLetter && !(o.command.equals("evaluate") && o.format.equals("letter"))) {
                throw new UsageException(Args.FORCE_LETTER + " is an option of evaluate --format letter");
            }
            if (o.audit && !(o.command.equals("evaluate") || o.command.equals("batch"))) {
                throw new UsageException("--audit is an option of evaluate and batch (serve always writes the audit trail)");
            }
            if (!o.codes.isEmpty() && !o.command.equals("evaluate")) {
                throw new UsageException("--codes is an option of evaluate (for a FHIR Bundle)");
            }
            if (o.prefill != null && !o.command.equals("questionnaire")) {
                throw new UsageException("--prefill is an option of questionnaire");
            }
            if (o.prefill != null && o.date == null) {
                throw new UsageException("questionnaire --prefill BUNDLE needs --date YYYY-MM-DD, the date the record is read for");
            }
            if (o.date != null && !o.command.equals("evaluate") && o.prefill == null) {
                throw new UsageException("--date is an option of evaluate (for a FHIR Bundle) and of questionnaire --prefill");
            }
            if (o.command.equals("evaluate")) {
                if (positional.size() != 2) {
                    throw new UsageException("evaluate takes one case file (or - for standard input)");
                }
                o.file = positional.get(1);
            } else if (o.command.equals("batch")) {
                if (positional.size() != 3) {
                    throw new UsageException("batch takes an input file and an output file (- for standard input/output)");
                }
                o.file = positional.get(1);
                o.output = positional.get(2);
            } else if (o.command.equals("questionnaire") && positional.size() != 1) {
                throw new UsageException("questionnaire takes no arguments");
            }
            return o;
        }

        private static String oneOf(String option, String value, String... allowed) {
            for (String a : allowed) {
                if (a.equals(value)) {
                    return value;
                }
            }
            throw new UsageException(option + " must be one of " + String.join(", ", allowed) + " but was " + value);
        }
    }
}
