package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * The engine reuses its rule sessions (primed once with the knowledge facts, cleaned after each
 * decision). A reused session must decide exactly as a new one: every scenario input and a
 * generated set, in a shuffled order so that each case follows a different one, give the same
 * JSON, byte for byte, as a session primed for that case alone. And the reuse is real: on one
 * thread one session serves every decision, none is discarded.
 */
class SessionReuseTest {
    private static final int GENERATED = 1_500;

    @Test
    void aReusedSessionDecidesAsANewOneAndIsReused() {
        List<Assessment> cases = new ArrayList<>();
        for (Scenario s : ScenarioLoader.allScenarios()) {
            try {
                cases.add(DecisionJson.readAssessment(s.inputJson()));
            } catch (InvalidInputException e) {
                // a scenario of rejected input: nothing to decide
            }
        }
        Random random = new Random(7L);
        for (int i = 0; i < GENERATED; i++) {
            cases.add(GeneratedAssessments.next(random));
        }
        Collections.shuffle(cases, random);

        ZorgregelsEngine engine = ZorgregelsEngine.packaged();
        EngineInternals fresh = new EngineInternals();
        List<String> differences = new ArrayList<>();
        for (Assessment a : cases) {
            String reused = DecisionJson.write(engine.evaluate(a));
            String inNewSession = DecisionJson.write(fresh.decideInNewSession(a));
            if (!reused.equals(inNewSession) && differences.size() < 3) {
                differences.add(a + "\n  reused: " + reused + "\n  new:    " + inNewSession);
            }
        }
        assertThat(differences).as("decisions of a reused session that differ from a new session's").isEmpty();
        assertThat(EngineInternals.sessionsDiscarded(engine)).as("sessions discarded after clean-up").isZero();
        assertThat(EngineInternals.sessionsCreated(engine)).as("sessions primed for %d decisions on one thread",
                cases.size()).isEqualTo(1);
    }
}
