package nl.zorgregels.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged knowledge base carries its requirements list and knows where each rule is. */
class PackagedRequirementsTest {
    private static ZorgregelsEngine engine;

    @BeforeAll
    static void load() {
        engine = ZorgregelsEngine.packaged();
    }

    @Test
    void theRequirementsListTravelsWithThePackagedRules() {
        List<Requirement> requirements = engine.requirements();
        assertThat(requirements).extracting(Requirement::id).contains("PC-G1", "PC-A3", "PC-R7", "ALK-T", "ALK-W1");
        Requirement a3 = requirements.stream().filter(r -> r.id().equals("PC-A3")).findFirst().orElseThrow();
        assertThat(a3.kind()).isEqualTo(Requirement.Kind.CRITERION);
        assertThat(a3.cover()).containsExactly("MET", "NOT_MET", "UNKNOWN");
        assertThat(a3.source()).startsWith("000_b510353f4949bed4.txt — Criteria voor volwassenen:");
    }

    @Test
    void everyRuleIsPlacedInItsFileWithItsRequirementAndMessageKeys() {
        Set<String> ids = engine.requirements().stream().map(Requirement::id).collect(Collectors.toSet());
        assertThat(engine.rules()).hasSizeGreaterThanOrEqualTo(100);
        for (RuleInfo rule : engine.rules()) {
            assertThat(ids).as(rule.name()).contains(rule.id());
            // a rule of a .drl file, or a row of a knowledge table (centre openings, interim allocation, ALK options)
            assertThat(rule.file()).as(rule.name()).startsWith("nl/zorgregels/kb/").matches(".*\\.(drl|csv)");
            assertThat(rule.source()).as(rule.name()).startsWith(
                    engine.requirements().stream().filter(r -> r.id().equals(rule.id())).findFirst().orElseThrow().seed() + " — ");
            assertThat(rule.line()).as(rule.name()).isPositive();
        }
        RuleInfo a3 = rule("PC-A3 adult Bell score at or below the threshold");
        assertThat(a3.file()).isEqualTo("nl/zorgregels/kb/postcovid-adult.drl");
        assertThat(a3.messageKeys()).containsExactly("PC-A3.MET", "PC-A3.NOT_MET", "PC-A3.UNKNOWN");
        assertThat(rule("PC-A5 adult therapy pathway completed or impossible due to severity").messageKeys())
                .containsExactly("PC-A5.MET.COMPLETED", "PC-A5.MET.NOT_POSSIBLE_DUE_TO_SEVERITY", "PC-A5.NOT_MET.IN_PROGRESS",
                        "PC-A5.NOT_MET.NONE", "PC-A5.UNKNOWN");
        assertThat(rule("PC-N1 a place is allocated by lottery per region").messageKeys()).containsExactly("PC-N1");
        RuleInfo interim = rule("PC-R4 adult offered the interim centre while the own one is not open");
        assertThat(interim.messageKeys()).containsExactly("PC-R4.OFFERED");
        assertThat(interim.noteIds()).containsExactly("PC-R7");
        RuleInfo lumc = rule("centre-openings.csv LUMC ADULT"); // a table row: knowledge, no message
        assertThat(lumc.id()).isEqualTo("PC-R2");
        assertThat(lumc.file()).isEqualTo("nl/zorgregels/kb/centre-openings.csv");
        assertThat(lumc.messageKeys()).isEmpty();
    }

    private static RuleInfo rule(String name) {
        return engine.rules().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
