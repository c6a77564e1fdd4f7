package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.Note;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primed session holds what the rules insert on an empty working memory. That is only the
 * knowledge when nothing but the condition-less rules fires then. A rule on the absence of a case
 * fact ({@code not PostCovidFacts()}) also fires on an empty working memory; the engine must notice,
 * decide every case in a new session, and so give that rule's note only where it belongs.
 */
class SessionReuseGuardTest {
    private static final String ALK_ONLY = """
            { "assessmentDate": "2026-11-23", "patient": { "birthDate": "1985-03-14" },
              "alk": { "complaintOnsetDate": "2026-05-01", "limitsFunctioningOrCausesSuffering": true,
                       "complaintPattern": "MULTIPLE", "functionalLimitation": "MODERATE" } }
            """;

    @Test
    void thePackagedRulesAreReused() {
        ZorgregelsEngine engine = ZorgregelsEngine.packaged();
        engine.evaluate(DecisionJson.readAssessment(ALK_ONLY));
        assertThat(EngineInternals.reusesSessions(engine)).isTrue();
    }

    @Test
    void aRuleOnAnAbsentCaseFactTurnsReuseOffAndDecidesAsANewSession(@TempDir Path tmp) throws IOException {
        Path kb = KbSources.copy(tmp);
        Path dir = kb.resolve("nl/zorgregels/kb");
        Files.writeString(dir.resolve("guard-test.drl"), """
                package nl.zorgregels.kb;

                import nl.zorgregels.model.*;
                import nl.zorgregels.kb.fact.*;

                rule "ALK-N9 test: a note only when there are no post-COVID facts"
                    @id("ALK-N9")
                    @source("004_1709dfbc268e60ad.txt — SessionReuseGuardTest")
                when
                    not PostCovidFacts()
                then
                    insert(NoteFinding.of(drools));
                end
                """, StandardCharsets.UTF_8);
        for (String bundle : new String[] {"messages_nl.properties", "messages_en.properties"}) {
            Files.writeString(dir.resolve(bundle), "\nALK-N9=Test note.\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }
        Path requirements = dir.resolve("requirements.json");
        String list = Files.readString(requirements, StandardCharsets.UTF_8);
        int end = list.lastIndexOf(']');
        Files.writeString(requirements, list.substring(0, list.lastIndexOf('}', end) + 1) + """
                ,
                    { "id": "ALK-N9", "title": "Test note of SessionReuseGuardTest", "spec": "none", "kind": "note", "part": "ALK",
                      "cover": ["SHOWN"], "seed": "004_1709dfbc268e60ad.txt", "passage": "none" }
                """ + list.substring(end), StandardCharsets.UTF_8);
        ZorgregelsEngine engine = ZorgregelsEngine.fromDirectory(kb);

        Decision alkOnly = engine.evaluate(DecisionJson.readAssessment(ALK_ONLY));
        Decision both = engine.evaluate(DecisionJson.readAssessment(nl.zorgregels.tests.bench.BenchCases.FULL_JSON));
        Decision alkOnlyAgain = engine.evaluate(DecisionJson.readAssessment(ALK_ONLY));

        assertThat(alkOnly.alk().notes()).extracting(Note::id).contains("ALK-N9");
        assertThat(both.alk().notes()).extracting(Note::id).doesNotContain("ALK-N9");
        assertThat(alkOnlyAgain.alk().notes()).extracting(Note::id).contains("ALK-N9");
        assertThat(EngineInternals.reusesSessions(engine)).as("sessions reused").isFalse();
    }
}
