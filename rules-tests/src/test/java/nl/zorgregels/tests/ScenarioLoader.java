package nl.zorgregels.tests;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.zorgregels.cli.scenario.AlkExpectation;
import nl.zorgregels.cli.scenario.Expectation;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.cli.scenario.ScenarioFile;
import nl.zorgregels.cli.scenario.ScenarioFiles;
import nl.zorgregels.cli.scenario.ScenarioFormatException;
import nl.zorgregels.cli.scenario.ScenarioVocabulary;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.Outcome;

/**
 * The scenario files of this module ({@code scenarios/} on the test class path), read by the same
 * reader as {@code check-kb} ({@link ScenarioFiles}, the ids from the packaged knowledge base), and
 * then held to what CONTRACT.md says a scenario of this knowledge base may expect (a lint the generic reader
 * cannot do, since it knows no requirement): criteria of the right part, an ALK criterion's status
 * that gives the ALK outcome expected, the ALK warnings and notes, ALK-N1 only when APPLICABLE and
 * ALK-N2 only when NOT_APPLICABLE, and a centre on a NOT_ELIGIBLE decision only by PC-R6. Either way
 * an error names the file and the key path.
 */
final class ScenarioLoader {
    private static volatile List<ScenarioFile> all;
    private static volatile ScenarioVocabulary vocabulary;

    private ScenarioLoader() {
    }

    /** @return the {@code scenarios/} folder of the test class path */
    static Path root() {
        URL url = ScenarioLoader.class.getResource("/scenarios");
        if (url == null) {
            throw new IllegalStateException("no scenarios/ folder on the test class path");
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return every {@code .yaml}/{@code .yml} file below {@link #root()}, sorted by path */
    static List<Path> files() {
        return ScenarioFiles.files(root());
    }

    /** @return the file's path below {@link #root()}, '/'-separated */
    static String relative(Path root, Path file) {
        return ScenarioFiles.relative(root, file);
    }

    /**
     * Every scenario of every file, read once per JVM.
     *
     * @throws ScenarioFormatException if any file is malformed
     */
    static List<ScenarioFile> all() {
        List<ScenarioFile> result = all;
        if (result == null) {
            synchronized (ScenarioLoader.class) {
                result = all;
                if (result == null) {
                    Path root = root();
                    List<ScenarioFile> loaded = new ArrayList<>();
                    for (Path file : files()) {
                        loaded.add(load(root, file));
                    }
                    result = List.copyOf(loaded);
                    all = result;
                }
            }
        }
        return result;
    }

    /** @return every scenario of every file, in file order */
    static List<Scenario> allScenarios() {
        return all().stream().flatMap(f -> f.scenarios().stream()).collect(Collectors.toList());
    }

    /**
     * @param root the scenarios folder
     * @param file a scenario file below it
     * @return the file's scenarios, inputs merged
     * @throws ScenarioFormatException if the file is malformed or expects what CONTRACT.md rules out
     */
    static ScenarioFile load(Path root, Path file) {
        ScenarioFile f = ScenarioFiles.load(root, file, vocabulary());
        lint(f);
        return f;
    }

    /** The ids of the packaged knowledge base, the one the suite runs against. */
    static ScenarioVocabulary vocabulary() {
        ScenarioVocabulary v = vocabulary;
        if (v == null) {
            v = ScenarioVocabulary.of(Engines.shared());
            vocabulary = v;
        }
        return v;
    }

    /** What CONTRACT.md says a scenario may expect, beyond what the reader checks. */
    private static void lint(ScenarioFile f) {
        for (int i = 0; i < f.scenarios().size(); i++) {
            Scenario s = f.scenarios().get(i);
            String path = "scenarios[" + i + "].expect";
            Expectation pc = s.expect();
            if (pc != null && !pc.absent()) {
                for (String id : pc.criteria().keySet()) {
                    if (!DecisionChecks.KNOWN_CRITERIA.contains(id)) {
                        throw error(f, path + ".postCovid.criteria." + id, "unknown criterion id; known: "
                                + DecisionChecks.KNOWN_CRITERIA);
                    }
                }
                Expectation.CentreExpectation centre = pc.centre();
                if (pc.outcome() == Outcome.NOT_ELIGIBLE && centre != null && !centre.absent()
                        && !"PC-R6".equals(centre.ruleId())) {
                    throw error(f, path + ".postCovid.centre", "a NOT_ELIGIBLE decision has no centre part (CONTRACT.md §2 PC-R)"
                            + " unless the patient is already treated at one (CONTRACT.md §9: write `ruleId: PC-R6`); else write"
                            + " `centre: null`");
                }
            }
            AlkExpectation alk = s.alk();
            if (alk != null && !alk.absent()) {
                for (Map.Entry<String, Expectation.CriterionExpectation> e : alk.criteria().entrySet()) {
                    String cPath = path + ".alk.criteria." + e.getKey();
                    if (!DecisionChecks.ALK_CRITERIA.contains(e.getKey())) {
                        throw error(f, cPath, "unknown criterion id; known: " + DecisionChecks.ALK_CRITERIA);
                    }
                    AlkOutcome gives = DecisionChecks.alkOutcomeOf(e.getValue().status());
                    if (gives != alk.outcome()) {
                        throw error(f, cPath, e.getValue().status() + " gives the outcome " + gives + ", not "
                                + alk.outcome());
                    }
                }
                allowed(f, path + ".alk.warnings", alk.warnings(), DecisionChecks.ALK_WARNINGS);
                allowed(f, path + ".alk.notes", alk.notes(), DecisionChecks.ALK_NOTES);
                if (alk.notes() != null && alk.notes().contains("ALK-N1") && alk.outcome() != AlkOutcome.APPLICABLE) {
                    throw error(f, path + ".alk.notes", "only an APPLICABLE advice has ALK-N1, not a " + alk.outcome() + " one");
                }
                if (alk.notes() != null && alk.notes().contains("ALK-N2") && alk.outcome() != AlkOutcome.NOT_APPLICABLE) {
                    throw error(f, path + ".alk.notes", "only a NOT_APPLICABLE advice has ALK-N2, not a " + alk.outcome()
                            + " one");
                }
            }
        }
    }

    private static void allowed(ScenarioFile f, String path, List<String> ids, java.util.Set<String> allowed) {
        if (ids == null) {
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!allowed.contains(ids.get(i))) {
                throw error(f, path + "[" + i + "]", "unknown id " + ids.get(i) + "; allowed here: "
                        + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static ScenarioFormatException error(ScenarioFile f, String path, String problem) {
        return new ScenarioFormatException(f.file(), path, problem);
    }
}
