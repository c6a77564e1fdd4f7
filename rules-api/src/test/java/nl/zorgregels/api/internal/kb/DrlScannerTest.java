package nl.zorgregels.api.internal.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lexical scan the knowledge-base check uses to place rules and read their consequences. */
class DrlScannerTest {

    @Test
    void findsRulesWithTheirLinesAndConsequences() {
        String drl = """
                package nl.zorgregels.kb;

                import nl.zorgregels.kb.fact.*;

                rule "First: met"
                    @id("PC-A1")
                    @source("seed.txt — 'then the end'")
                when
                    Foo()
                then
                    insert(Finding.met(drools));
                end

                rule Second
                when
                then
                    insert(Finding.notMet(drools, "x", "end"));
                end
                """;
        DrlScanner.Scan scan = DrlScanner.scan(drl);
        assertThat(scan.rules()).extracting(DrlScanner.ScannedRule::name).containsExactly("First: met", "Second");
        assertThat(scan.rules()).extracting(DrlScanner.ScannedRule::line).containsExactly(5, 14);
        assertThat(scan.rules()).extracting(DrlScanner.ScannedRule::packageName).containsOnly("nl.zorgregels.kb");
        assertThat(scan.rules().get(0).consequence().strip()).isEqualTo("insert(Finding.met(drools));");
        assertThat(scan.rules().get(1).consequence().strip()).isEqualTo("insert(Finding.notMet(drools, \"x\", \"end\"));");
    }

    @Test
    void commentsAreNoRulesAndAreBlankedInConsequences() {
        String drl = """
                /* rule "Not a rule" when then end */
                // rule "Nor this" when then end
                rule "Real"
                when
                then
                    // insert(Finding.unknown(drools, List.of()));
                    insert(Finding.met(drools)); /* Finding.notMet( */
                end
                """;
        DrlScanner.Scan scan = DrlScanner.scan(drl);
        assertThat(scan.rules()).extracting(DrlScanner.ScannedRule::name).containsExactly("Real");
        assertThat(scan.rules().get(0).line()).isEqualTo(3);
        assertThat(scan.rules().get(0).consequence()).contains("Finding.met").doesNotContain("unknown", "notMet");
    }

    @Test
    void functionsQueriesAndDeclarationsAreNotRules() {
        String drl = """
                function int limit(int x) {
                    if (x > 0) { return x; }
                    return 0; // end
                }
                declare Thing
                    name : String
                end
                query "things"
                    Thing()
                end
                rule "After them"
                when
                then
                end
                """;
        DrlScanner.Scan scan = DrlScanner.scan(drl);
        assertThat(scan.functions()).extracting(DrlScanner.ScannedFunction::name).containsExactly("limit");
        assertThat(scan.functions().get(0).body()).startsWith("{").endsWith("}").contains("return x;");
        assertThat(scan.rules()).extracting(DrlScanner.ScannedRule::name).containsExactly("After them");
        assertThat(scan.rules().get(0).line()).isEqualTo(11);
    }

    @Test
    void aMemberNamedEndDoesNotEndTheConsequence() {
        String drl = """
                rule "R"
                when
                    $p : Period()
                then
                    insert(Finding.met(drools, "to", $p.end));
                    insert(NoteFinding.of(drools));
                end
                """;
        List<DrlScanner.ScannedRule> rules = DrlScanner.scan(drl).rules();
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).consequence()).contains("NoteFinding.of");
    }
}
