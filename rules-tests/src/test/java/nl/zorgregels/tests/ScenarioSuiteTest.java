package nl.zorgregels.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario file under {@code src/test/resources/scenarios/} (format: the README there).
 * One test per scenario, named {@code file / scenario}. Each scenario's merged input goes through
 * the strict JSON binding ({@link DecisionJson#readAssessment}), is evaluated by the packaged
 * engine and compared with the scenario's expectations ({@code expect.postCovid}, {@code expect.alk},
 * {@code expect.safety}, {@code expect.safetyContains}; {@code expect.report} and {@code expect.letter}
 * through the command line in this JVM, {@link OutputChecks}) and with the invariants every decision must keep (SPEC §1: outcome from the criteria, missing
 * facts, messages and sources; SPEC §3 for the ALK advice). A file the runner
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
        Decision decision = decide(scenario);
        List<String> problems = new ArrayList<>();
        DecisionChecks.invariants(scenario.input(), decision, problems);
        if (scenario.expect() != null) {
            DecisionChecks.expectations(scenario.expect(), decision, problems);
        }
        AlkExpectation alk = scenario.alk();
        if (alk != null) {
            DecisionChecks.alkExpectations(alk, decision, problems);
            if (alk.sameOptionNotesAs() != null) {
                DecisionChecks.alkOptionNotes(decision, decide(file.scenario(alk.sameOptionNotesAs())),
                        alk.sameOptionNotesAs(), true, problems);
            }
            if (alk.otherOptionNotesThan() != null) {
                DecisionChecks.alkOptionNotes(decision, decide(file.scenario(alk.otherOptionNotesThan())),
                        alk.otherOptionNotesThan(), false, problems);
            }
        }
        if (scenario.sameAs() != null) {
            DecisionChecks.same(decision, decide(file.scenario(scenario.sameAs())), scenario.sameAs(), problems);
        }
        DecisionChecks.safetyExpectations(scenario.safety(), scenario.safetyContains(), decision, problems);
        OutputChecks.report(scenario, problems);
        if (scenario.letter() != null) {
            OutputChecks.letter(scenario, problems);
        }
        if (!problems.isEmpty()) {
            fail(scenario.displayName() + ": " + problems.size() + " difference(s)\n  - "
                    + String.join("\n  - ", problems)
                    + "\n  actual: " + DecisionChecks.describe(decision)
                    + "\n  input: " + scenario.inputJson());
        }
    }

    private static Decision decide(Scenario scenario) {
        String json = scenario.inputJson();
        Assessment assessment;
        try {
            assessment = DecisionJson.readAssessment(json);
        } catch (InvalidInputException e) {
            return fail(scenario.displayName() + ": the input was rejected at " + e.field() + ": " + e.rule()
                    + "\n  input: " + json, e);
        }
        return Engines.shared().evaluate(assessment);
    }
}
