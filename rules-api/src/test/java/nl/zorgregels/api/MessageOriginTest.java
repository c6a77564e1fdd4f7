package nl.zorgregels.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Note;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading back which message a decision's text is, and the raw templates (for the patient letter). */
class MessageOriginTest {
    private static ZorgregelsEngine engine;

    @BeforeAll
    static void engine() {
        engine = ZorgregelsEngine.packaged();
    }

    private static Decision decide(String json) {
        return engine.evaluate(DecisionJson.readAssessment(json));
    }

    @Test
    void aSafetyItemsVariantAndFilledInValuesAreReadBackFromItsText() {
        Decision d = decide("""
                {"assessmentDate":"2026-11-23","patient":{"birthDate":"2009-02-10","umcRegion":"UMC_UTRECHT"},
                 "postCovid":{"currentCentre":"AMSTERDAM_UMC"},
                 "alk":{"meCvsOrPem":true}}
                """);
        Map<String, Note> items = new java.util.HashMap<>();
        d.safety().forEach(n -> items.put(n.id(), n));
        assertThat(items).containsKeys("SAFE-AGE", "SAFE-MECVS", "SAFE-TREATMENT");
        MessageOrigin age = engine.messageOrigin("SAFE-AGE", items.get("SAFE-AGE").message()).orElseThrow();
        // SAFE-AGE shows PC-N3's text (safety.drl): its origin is that note's message
        assertThat(age.key()).startsWith("PC-N3");
        assertThat(age.facts()).containsEntry("adultFrom", new LocalizedText("2027-02-10", "2027-02-10"));
        assertThat(engine.messageOrigin("SAFE-MECVS", items.get("SAFE-MECVS").message()).orElseThrow().key())
                .isEqualTo("SAFE-MECVS.meCvsOrPem");
        MessageOrigin treatment = engine.messageOrigin("SAFE-TREATMENT", items.get("SAFE-TREATMENT").message()).orElseThrow();
        assertThat(treatment.facts().get("centre")).isEqualTo(new LocalizedText("Amsterdam UMC", "Amsterdam UMC"));
    }

    @Test
    void aTextNoMessageOfTheIdGivesHasNoOrigin() {
        assertThat(engine.messageOrigin("SAFE-AGE", new LocalizedText("iets anders", "something else"))).isEmpty();
        assertThat(engine.messageOrigin("PC-N1", new LocalizedText("x", "y"))).isEmpty();
        LocalizedText n1 = engine.text("PC-N1").orElseThrow();
        assertThat(engine.messageOrigin("PC-N1", n1).orElseThrow().key()).isEqualTo("PC-N1");
        assertThat(engine.messageOrigin("PC-N2", n1)).as("an id with texts of its own matches only those").isEmpty();
    }

    @Test
    void aTemplateIsGivenAsWrittenWithItsPlaceholders() {
        assertThat(engine.template("SAFE-TREATMENT").orElseThrow().nl()).contains("{centre}");
        assertThat(engine.text("SAFE-TREATMENT")).as("text() gives only texts without placeholders").isEmpty();
        assertThat(engine.template("value.UMCG")).contains(new LocalizedText("UMCG", "UMCG"));
        assertThat(engine.template("no.such.key")).isEmpty();
    }
}
