package nl.zorgregels.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.api.internal.kb.EngineKnowledgeBase;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.cli.scenario.ScenarioChecks;
import nl.zorgregels.cli.scenario.ScenarioFile;
import nl.zorgregels.cli.scenario.ScenarioFiles;
import nl.zorgregels.cli.scenario.ScenarioFormatException;
import nl.zorgregels.cli.scenario.ScenarioVocabulary;

/**
 * The {@code check-kb} command: builds the knowledge base in a directory as every engine build does
 * (compile, tables, requirements, messages, metadata, the proof on its covering set), then decides
 * the author's expected decisions, the scenario files kept beside it, and refuses the knowledge base
 * when one of them does not decide as it says.
 *
 * <pre>
 * zorgregels check-kb DIR [--scenarios SCENARIOS]
 * </pre>
 *
 * The scenarios are those of {@code --scenarios}, else of the folder {@value #SCENARIOS} inside DIR
 * when there is one; without either only the knowledge base is checked. On success each check prints
 * one {@code ok:} line; otherwise nothing goes to standard output and every problem to standard
 * error (exit 2): every failing scenario with its file, its name and each difference, and every
 * scenario file that cannot be read, with the key. A parameter off its domain ({@code parameters.csv},
 * e.g. a Bell threshold of 65 on a scale in steps of 10) is a {@code warning:} line on standard
 * error, with the file and line; it does not refuse the knowledge base.
 */
final class CheckKb {
    /** The folder inside a knowledge-base directory whose scenario files check-kb runs. */
    static final String SCENARIOS = "scenarios";

    private CheckKb() {
    }

    /**
     * @param args the arguments after the command name
     * @param out  the {@code ok:} lines
     * @param err  the problems
     * @return the exit code
     * @throws UsageException         if the arguments are wrong or the scenario folder has no scenario files
     * @throws KnowledgeBaseException if the knowledge base itself cannot be used
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String dir = null;
        String scenarios = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help", "help" -> {
                    out.print(Main.USAGE);
                    return Main.OK;
                }
                case "--scenarios" -> scenarios = Args.value(args, ++i, a);
                default -> dir = Args.positional("check-kb", a, dir, "check-kb takes one directory");
            }
        }
        if (dir == null) {
            throw new UsageException("check-kb takes one directory");
        }
        Path root = scenarios != null ? Path.of(scenarios) : Path.of(dir).resolve(SCENARIOS);
        if (scenarios != null && !Files.isDirectory(root)) {
            throw new UsageException("--scenarios " + scenarios + ": not a directory");
        }
        ZorgregelsEngine engine = ZorgregelsEngine.fromDirectory(Path.of(dir));
        for (String warning : EngineKnowledgeBase.of(engine).parameters.warnings) {
            err.println("warning: " + warning);
        }
        String ok = "ok: " + dir + " compiles, its tables, requirements and messages check, and it passes its"
                + " proof (every expected criterion decided exactly once on its covering set, the contract's invariants);"
                + " checksum " + engine.knowledgeBase().checksum();
        if (!Files.isDirectory(root)) {
            out.println(ok);
            return Main.OK;
        }
        List<Path> files = ScenarioFiles.files(root);
        if (files.isEmpty()) {
            throw new UsageException("no scenario files (*.yaml, *.yml) under " + root);
        }
        ScenarioVocabulary vocabulary = ScenarioVocabulary.of(engine);
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (Path path : files) {
            ScenarioFile file;
            try {
                file = ScenarioFiles.load(root, path, vocabulary);
            } catch (ScenarioFormatException e) {
                problems.add(e.getMessage());
                continue;
            }
            for (Scenario scenario : file.scenarios()) {
                count++;
                try {
                    ScenarioChecks.Result result = ScenarioChecks.check(engine, file, scenario);
                    if (!result.problems().isEmpty()) {
                        problems.add(result.report(scenario));
                    }
                } catch (KnowledgeBaseException e) {
                    problems.add(scenario.displayName() + ": the knowledge base refused to decide it: " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            err.println("zorgregels: knowledge base unusable: " + problems.size() + " problem(s) in its expected decisions,"
                    + " the " + count + " scenario(s) in " + files.size() + " file(s) under " + root + ":");
            for (String p : problems) {
                err.println("  " + p.replace("\n", "\n  "));
            }
            return Main.INVALID;
        }
        out.println(ok);
        out.println("ok: the " + count + " scenario(s) in " + files.size() + " file(s) under " + root
                + " decide as they expect");
        return Main.OK;
    }
}
