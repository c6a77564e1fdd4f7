package nl.zorgregels.tests;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a scenario's input through the command line in this JVM ({@code evaluate - --format text|letter
 * --lang nl|en}, as {@code java -jar} would, like the golden tests) and checks the output against
 * {@code expect.report} and {@code expect.letter}. Each difference is a readable line in
 * {@code problems}.
 */
final class OutputChecks {
    private OutputChecks() {
    }

    /** {@code expect.report}: the text report in each language named contains / lacks each text. */
    static void report(Scenario scenario, List<String> problems) {
        for (Map.Entry<String, OutputExpectation> e : scenario.report().entrySet()) {
            String lang = e.getKey();
            CliRunner.Result r = run(scenario, "text", lang);
            if (r.exitCode() != 0) {
                problems.add("report." + lang + ": evaluate --format text exited with " + r.exitCode() + ": " + r.err().strip());
                continue;
            }
            texts("report." + lang, r.out(), e.getValue(), problems);
        }
    }

    /** {@code expect.letter}: the exit code, and the letter (or with exit 3 the refusal) in each language named. */
    static void letter(Scenario scenario, List<String> problems) {
        LetterExpectation want = scenario.letter();
        Set<String> languages = new TreeSet<>(want.languages().isEmpty() ? Set.of("nl", "en") : want.languages().keySet());
        for (String lang : languages) {
            letter(want, lang, run(scenario, "letter", lang), problems);
        }
    }

    /**
     * One language's letter against the expectation.
     *
     * @param want     the expectation
     * @param lang     the language the letter was asked in
     * @param result   what {@code evaluate --format letter --lang lang} gave
     * @param problems receives one line per difference
     */
    static void letter(LetterExpectation want, String lang, CliRunner.Result result, List<String> problems) {
        String where = "letter." + lang;
        if (result.exitCode() != want.exit()) {
            problems.add(where + ": expected exit code " + want.exit() + " but was " + result.exitCode()
                    + (result.err().isBlank() ? "" : " (standard error: " + result.err().strip() + ")"));
            return;
        }
        String checked;
        if (want.exit() == LetterExpectation.REFUSED) {
            if (!result.out().isEmpty()) {
                problems.add(where + ": a refused letter (exit 3) writes nothing on standard output, but it wrote "
                        + abbreviate(result.out()));
            }
            String err = result.err();
            if (err.isEmpty() || err.indexOf('\n') != err.length() - 1) {
                problems.add(where + ": a refused letter (exit 3) writes exactly one line on standard error, but it wrote \""
                        + err + "\"");
            }
            checked = err;
        } else {
            checked = result.out();
        }
        OutputExpectation texts = want.languages().get(lang);
        if (texts != null) {
            texts(where + (want.exit() == LetterExpectation.REFUSED ? " (standard error)" : ""), checked, texts, problems);
        }
    }

    private static void texts(String where, String output, OutputExpectation want, List<String> problems) {
        for (String t : want.contains()) {
            if (!output.contains(t)) {
                problems.add(where + ".contains: expected \"" + t + "\" in\n" + indent(output));
            }
        }
        for (String t : want.notContains()) {
            if (output.contains(t)) {
                problems.add(where + ".notContains: did not expect \"" + t + "\" in\n" + indent(output));
            }
        }
    }

    private static CliRunner.Result run(Scenario scenario, String format, String lang) {
        return CliRunner.run(scenario.inputJson().getBytes(StandardCharsets.UTF_8),
                "evaluate", "-", "--format", format, "--lang", lang);
    }

    private static String indent(String output) {
        return "      | " + output.strip().replace("\n", "\n      | ");
    }

    private static String abbreviate(String s) {
        String line = s.strip().replace('\n', ' ');
        return "\"" + (line.length() > 120 ? line.substring(0, 120) + "…" : line) + "\"";
    }
}
