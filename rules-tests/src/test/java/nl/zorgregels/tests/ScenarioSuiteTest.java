package nl.zorgregels.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.zorgregels.cli.scenario.ScenarioChecks;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.cli.scenario.ScenarioFile;
import nl.zorgregels.cli.scenario.ScenarioFormatException;
import nl.zorgregels.model.Decision;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario file under {@code src/test/resources/scenarios/} (format: the README there).
 * One test per scenario, named {@code file / scenario}. Each scenario's merged input goes through
 * the strict JSON binding, is evaluated by the packaged engine and compared with the scenario's
 * expectations ({@code expect.postCovid}, {@code expect.alk}, {@code sameAs}, {@code expect.safety},
 * {@code expect.safetyContains}, and {@code expect.report} and {@code expect.letter} through what
 * {@code evaluate} writes: {@link ScenarioChecks}, the check {@code check-kb} makes) and with the invariants every decision must keep (CONTRACT.md §1: outcome from the criteria, missing
 * facts, messages and sources; CONTRACT.md §3 for the ALK advice). A file the runner
 * cannot read (an unknown key, a typo) is a failing test of its own.
 */
class ScenarioSuiteTest {

    @TestFactory
    Stream<DynamicTest> scenarios() {
        Path root = ScenarioLoader.root();
        List<Path> files = ScenarioLoader.files();
        if (files.isEmpty()) {
            fail("no scenario files (*.yaml) under " + root);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path path : files) {
            String name = ScenarioLoader.relative(root, path);
            ScenarioFile file;
            try {
                file = ScenarioLoader.load(root, path);
            } catch (ScenarioFormatException e) {
                tests.add(DynamicTest.dynamicTest(name + " / (file format)", path.toUri(), () -> fail(e.getMessage())));
                continue;
            }
            for (Scenario scenario : file.scenarios()) {
                tests.add(DynamicTest.dynamicTest(scenario.displayName(), path.toUri(), () -> run(file, scenario)));
            }
        }
        return tests.stream();
    }

    private static void run(ScenarioFile file, Scenario scenario) {
        // what the scenario expects: the same check as check-kb's (ScenarioChecks)
        ScenarioChecks.Result result = ScenarioChecks.check(Engines.shared(), file, scenario);
        Decision decision = result.decision();
        if (decision == null) {
            fail(scenario.displayName() + ": " + String.join("\n", result.problems()));
        }
        List<String> problems = new ArrayList<>();
        // and what CONTRACT.md says of every decision (this suite's own oracle)
        DecisionChecks.invariants(scenario.input(), decision, problems);
        problems.addAll(result.problems());
        if (!problems.isEmpty()) {
            fail(scenario.displayName() + ": " + problems.size() + " difference(s)\n  - "
                    + String.join("\n  - ", problems)
                    + "\n  actual: " + ScenarioChecks.describe(decision)
                    + "\n  input: " + scenario.inputJson());
        }
    }
}
