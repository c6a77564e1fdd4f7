package nl.zorgregels.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.KnowledgeBaseInfo;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.PostCovidDecision;
import nl.zorgregels.model.ToMeet;
import nl.zorgregels.model.TreatmentPathway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A decision an EHR stored reads back: {@code readDecision(write(d))} equals {@code d} and
 * {@code write(readDecision(write(d)))} is {@code write(d)}, on
 * every example case and on the first thousand shipped synthetic cases (both parts, every outcome);
 * what is not a decision is refused naming the field.
 */
class DecisionReadBackTest {
    private static ZorgregelsEngine engine;

    @BeforeAll
    static void engine() {
        engine = ZorgregelsEngine.packaged();
    }

    @Test
    void everyExampleDecisionReadsBackToTheSameJson() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            cases = files.filter(f -> f.toString().endsWith(".json") && !f.getFileName().toString().contains("typo"))
                    .sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(7);
        for (Path c : cases) {
            String written = DecisionJson.write(d(c));
            Decision back = DecisionJson.readDecision(written);
            assertThat(DecisionJson.write(back)).as(c.toString()).isEqualTo(written);
            assertThat(back).as(c.toString()).isEqualTo(d(c));
        }
    }

    private static Decision d(Path example) throws IOException {
        return engine.evaluate(DecisionJson.readAssessment(Files.readString(example)));
    }

    @Test
    void syntheticDecisionsReadBackFromTheirOneLineForm() throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(Path.of("..", "examples", "cases-10k.ndjson"), StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null && lines.size() < 1000; line = r.readLine()) {
                lines.add(line);
            }
        }
        int withCriteria = 0;
        for (String line : lines) {
            Decision d = engine.evaluate(DecisionJson.readAssessment(line));
            String one = DecisionJson.writeLine(d);
            Decision back = DecisionJson.readDecision(one);
            assertThat(back).isEqualTo(d).hasSameHashCodeAs(d);
            assertThat(DecisionJson.writeLine(back)).isEqualTo(one);
            assertThat(DecisionJson.write(back)).isEqualTo(DecisionJson.write(d));
            if (back.postCovid() != null) {
                withCriteria++;
                assertThat(back.postCovid().outcome()).isEqualTo(d.postCovid().outcome());
                assertThat(back.postCovid().criteria()).extracting(c -> c.status())
                        .containsExactlyElementsOf(d.postCovid().criteria().stream().map(c -> c.status()).toList());
            }
        }
        assertThat(withCriteria).isPositive();
        assertThat(CriterionStatus.values()).isNotEmpty();
    }

    @Test
    void factsOfEveryKindReadBackEqualAndAreWrittenAsBefore() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("int", 60);
        facts.put("long", 12L);
        facts.put("decimal", new BigDecimal("2.50"));
        facts.put("double", 0.1);
        facts.put("big", new BigInteger("123456789012345678901234567890"));
        facts.put("date", LocalDate.of(2026, 1, 31));
        facts.put("enum", TreatmentPathway.IN_PROGRESS);
        facts.put("flag", true);
        facts.put("list", List.of(1, 2L, "LYME"));
        LocalizedText text = new LocalizedText("t", "t");
        CriterionResult c = new CriterionResult("PC-A3", CriterionStatus.NOT_MET, text, "source", facts, List.of(),
                new ToMeet(text, facts));
        Decision d = new Decision(new KnowledgeBaseInfo("v", "sha256:0"), LocalDate.of(2026, 11, 23),
                new PostCovidDecision(AgeGroup.ADULT, Outcome.NOT_ELIGIBLE, List.of(c), List.of(), null, List.of()));

        String json = DecisionJson.writeLine(d);
        Decision back = DecisionJson.readDecision(json);

        assertThat(back).isEqualTo(d);
        assertThat(DecisionJson.writeLine(back)).isEqualTo(json);
        assertThat(DecisionJson.readDecision(DecisionJson.write(back))).isEqualTo(d);
        assertThat(json).contains("\"facts\":{\"big\":123456789012345678901234567890,\"date\":\"2026-01-31\","
                + "\"decimal\":2.50,\"double\":0.1,\"enum\":\"IN_PROGRESS\",\"flag\":true,\"int\":60,"
                + "\"list\":[1,2,\"LYME\"],\"long\":12}");
    }

    @Test
    void anUnknownFieldInAStoredDecisionIsRefusedNamingIt() throws IOException {
        String written = DecisionJson.write(engine.evaluate(DecisionJson.readAssessment(
                Files.readString(Path.of("..", "examples", "adult-eligible.json")))));
        String tampered = written.replaceFirst("\"ageGroup\"", "\"ageGrup\": \"ADULT\", \"ageGroup\"");
        assertThatThrownBy(() -> DecisionJson.readDecision(tampered))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("postCovid.ageGrup");
        String missing = written.replaceFirst("\"outcome\"", "\"outcomme\"");
        assertThatThrownBy(() -> DecisionJson.readDecision(missing))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("postCovid");
    }

    @Test
    void aDecisionWithoutItsKnowledgeBaseIsRefused() {
        assertThatThrownBy(() -> DecisionJson.readDecision("{\"assessmentDate\": \"2026-11-23\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("knowledgeBase");
        assertThatThrownBy(() -> DecisionJson.readDecision("[1, 2]"))
                .isInstanceOf(InvalidInputException.class);
    }
}
