package nl.zorgregels.api.internal.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.internal.kb.DrlSources.Code;
import org.junit.jupiter.api.Test;

/** The rules as Drools' DRL parser reads them, and the tokens of their consequences. */
class DrlSourcesTest {

    private static DrlSources.Parsed parse(String drl) {
        return DrlSources.parse(Map.of("k.drl", drl.getBytes(StandardCharsets.UTF_8)), p -> "/kb/" + p);
    }

    @Test
    void findsRulesWithTheirLinesAnnotationsAndConsequenceCalls() {
        DrlSources.Parsed parsed = parse("""
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
                    int end = 0;
                    insert(Finding.notMet(drools, "x", "end"));
                end
                """);
        assertThat(parsed.rules()).extracting(DrlSources.ParsedRule::name).containsExactly("First: met", "Second");
        assertThat(parsed.rules()).extracting(DrlSources.ParsedRule::line).containsExactly(5, 14);
        assertThat(parsed.rules()).extracting(DrlSources.ParsedRule::packageName).containsOnly("nl.zorgregels.kb");
        DrlSources.ParsedRule first = parsed.rules().get(0);
        assertThat(first.annotation("id")).isEqualTo("PC-A1");
        assertThat(first.annotation("source")).isEqualTo("seed.txt — 'then the end'");
        assertThat(first.annotation("message")).isNull();
        assertThat(first.consequence().calls()).extracting(Code.Call::qualified).containsExactly("insert", "Finding.met");
        Code second = parsed.rules().get(1).consequence();
        assertThat(second.calls()).extracting(Code.Call::qualified).containsExactly("insert", "Finding.notMet");
        assertThat(second.calls().get(1).arguments()).hasSize(3);
        assertThat(second.strings()).containsExactly("x", "end");
    }

    @Test
    void stringsAndCommentsAreNoCode() {
        Code code = Code.of("""
                // insert(Finding.unknown(drools, List.of()));
                String s = "delete($f) insert(";
                insert(Finding.met(drools)); /* Finding.notMet( */
                """);
        assertThat(code.calls()).extracting(Code.Call::qualified).containsExactly("insert", "Finding.met");
        assertThat(code.strings()).containsExactly("delete($f) insert(");
    }

    @Test
    void tellsTheTypeAnInsertNamesAndTheConstructorsAndGenerics() {
        Code code = Code.of("insert(new nl.x.Thing<String>(a, b)); insert(Finding.met(drools)); insert($f);"
                + " kcontext.getKieRuntime().insert(x);");
        List<Code.Call> inserts = code.calls().stream().filter(c -> c.name().equals("insert")).toList();
        assertThat(inserts).hasSize(4);
        assertThat(Code.insertedType(inserts.get(0).arguments().get(0))).containsExactly("nl.x.Thing", null);
        assertThat(Code.insertedType(inserts.get(1).arguments().get(0))).containsExactly("Finding", "met");
        assertThat(Code.insertedType(inserts.get(2).arguments().get(0))).isNull();
        assertThat(inserts.get(3).target()).isEqualTo("…");
        assertThat(code.calls()).filteredOn(Code.Call::constructor).extracting(Code.Call::qualified)
                .containsExactly("nl.x.Thing");
    }

    @Test
    void functionsQueriesAndDeclarationsAreNotRules() {
        DrlSources.Parsed parsed = parse("""
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
                """);
        assertThat(parsed.functions()).singleElement().extracting(DrlSources.ParsedFunction::where)
                .isEqualTo("/kb/k.drl:1: function limit");
        assertThat(parsed.functions().get(0).body().tokens()).extracting(Code.Token::text).contains("return", "x");
        assertThat(parsed.rules()).extracting(DrlSources.ParsedRule::name).containsExactly("After them");
        assertThat(parsed.rules().get(0).line()).isEqualTo(11);
    }

    @Test
    void aFileTheParserCannotReadIsRefusedNamingIt() {
        assertThatThrownBy(() -> parse("rule \"R\" when Foo( then end"))
                .isInstanceOf(KnowledgeBaseException.class).hasMessageStartingWith("/kb/k.drl: cannot be parsed: ");
    }
}
