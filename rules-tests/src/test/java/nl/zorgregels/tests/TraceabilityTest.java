package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.RuleInfo;
import nl.zorgregels.cli.Trace;
import nl.zorgregels.model.Assessment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

/**
 * Traceability from CONTRACT.md requirement to rule to scenario, as the {@code trace} command reports it:
 * the build fails when a requirement of the list has no rule, when a side it must cover (MET and
 * NOT_MET of a criterion, each centre status of a centre rule, …) has no scenario, or when a rule
 * names an id the list does not have.
 */
class TraceabilityTest {
    /**
     * The requirement ids CONTRACT.md defines (§2 post-COVID, §3 ALK), and PC-OUTCOME, the id the
     * outcome rules of CONTRACT.md §1 carry. Taking one off the list, or adding one, is a change to the CONTRACT.md.
     */
    private static final Set<String> SPEC_IDS = Set.of(
            "PC-G1", "PC-G2", "PC-G3",
            "PC-A1", "PC-A2", "PC-A3", "PC-A4", "PC-A5",
            "PC-C1", "PC-C2", "PC-C3", "PC-C4", "PC-C5",
            "PC-X1", "PC-X2", "PC-OUTCOME", "PC-N1", "PC-N2",
            // CONTRACT.md §9 and the GP's review (issue 14): age transition, FAQ notes, consistency warning
            "PC-N3", "PC-N4", "PC-N5", "PC-N6", "PC-N7", "PC-N8", "PC-W1",
            "PC-R1", "PC-R2", "PC-R3", "PC-R4", "PC-R5", "PC-R6", "PC-R7", "PC-R8",
            "ALK-D1", "ALK-S1", "ALK-T", "ALK-Y", "ALK-H1", "ALK-W1", "ALK-N1", "ALK-N2",
            // CONTRACT.md §10 (issue 21): the safety banner
            "SAFE-CONFLICT", "SAFE-DATA", "SAFE-MECVS", "SAFE-AGE", "SAFE-TREATMENT", "SAFE-CHILD-CENTRE");

    private static Trace.Report report;

    @BeforeAll
    static void trace() {
        report = Trace.trace(Engines.shared(), ScenarioLoader.root());
    }

    @Test
    void theListHoldsExactlyTheSpecRequirements() {
        List<Requirement> requirements = Engines.shared().requirements();
        assertThat(requirements).extracting(Requirement::id).containsExactlyInAnyOrderElementsOf(SPEC_IDS);
        for (Requirement r : requirements) {
            assertThat(r.seed()).as(r.id()).matches("00[014]_[0-9a-f]{16}\\.txt");
            assertThat(r.passage()).as(r.id()).hasSizeGreaterThan(20);
            assertThat(r.title()).as(r.id()).isNotBlank();
        }
    }

    @Test
    void everyRequirementHasARuleUnlessItIsAConstraint() {
        List<String> without = report.requirements().stream().filter(Trace.RequirementTrace::lacksRules)
                .map(t -> t.requirement().id()).toList();
        assertThat(without).as("requirements without a rule").isEmpty();
        assertThat(report.requirements()).filteredOn(t -> t.requirement().kind() == Requirement.Kind.CONSTRAINT)
                .extracting(t -> t.requirement().id()).containsExactly("PC-G3");
    }

    @Test
    void everyRuleNamesARequirementOfTheListAndCitesItsSeed() {
        Map<String, Requirement> byId = Engines.shared().requirements().stream()
                .collect(Collectors.toMap(Requirement::id, Function.identity()));
        for (RuleInfo rule : Engines.shared().rules()) {
            assertThat(byId).as("@id of rule \"%s\" (%s)", rule.name(), rule.location()).containsKey(rule.id());
            assertThat(rule.source()).as("@source of rule \"%s\" (%s)", rule.name(), rule.location())
                    .startsWith(byId.get(rule.id()).seed() + " — ");
            for (String note : rule.noteIds()) {
                assertThat(byId).as("note of rule \"%s\"", rule.name()).containsKey(note);
            }
        }
    }

    @Test
    void everySideOfEveryRequirementIsCoveredByAScenario() {
        assertThat(report.scenarioCount()).isGreaterThan(200);
        assertThat(report.invalidScenarios()).as("scenarios the JSON binding refuses").isEmpty();
        assertThat(report.gaps()).as("gaps (run `zorgregels trace` for the whole report)").isEmpty();
        for (Trace.RequirementTrace t : report.requirements()) {
            for (String side : t.requirement().cover()) {
                assertThat(t.scenarios().get(side)).as("%s %s", t.requirement().id(), side).isNotEmpty();
            }
        }
    }

    @Test
    void aConstraintIsCoveredByTheScenarioFilesNamingIt() {
        Trace.RequirementTrace g3 = trace("PC-G3");
        assertThat(g3.namedBy()).containsExactly("postcovid/pc-g3-positive-test-not-required.yaml");
        assertThat(g3.rules()).isEmpty();
    }

    @Test
    void coverageComesFromTheDecisionsNotFromTheFileNames() {
        String bell70 = "postcovid/pc-a3-adult-bell-score.yaml / adult-bell-70-not-eligible";
        assertThat(trace("PC-A3").scenarios().get("NOT_MET")).contains(bell70);
        assertThat(trace("PC-A3").scenarios().get("MET")).doesNotContain(bell70);
        assertThat(trace("PC-OUTCOME").scenarios().get("NOT_ELIGIBLE")).contains(bell70);
        assertThat(trace("PC-N1").scenarios().get("NOT_SHOWN")).contains(bell70);
        // a scenario of another file covers PC-A3 too: every adult decision has a PC-A3 result
        assertThat(trace("PC-A3").scenarios().get("MET")).anyMatch(s -> s.startsWith("postcovid/pc-x1-"));
        String interim = "centre/pc-r4-r5-adult-interim-allocation.yaml / umcg-region-2025-06-15-interim-amsterdam";
        assertThat(trace("PC-R4").scenarios().get("OFFERED")).anyMatch(s -> s.startsWith(interim));
        assertThat(trace("PC-R2").scenarios().get("NOT_YET_OPEN")).anyMatch(s -> s.startsWith(interim));
        assertThat(trace("PC-R7").scenarios().get("SHOWN")).anyMatch(s -> s.startsWith(interim));
        assertThat(trace("ALK-Y").scenarios().get("YOUTH")).contains("alk/alk-y-youth.yaml / child-17-severe-youth-routes");
        assertThat(trace("ALK-H1").scenarios().get("INDICATED"))
                .contains("alk/alk-h1-highly-specialised.yaml / previous-ggz-without-effect-indicated");
        assertThat(trace("ALK-H1").scenarios().get("WHEN")).contains("alk/alk-h1-highly-specialised.yaml / neither-when-note");
    }

    @Test
    void withoutScenariosEverySideIsAGap(@TempDir Path empty) {
        Trace.Report none = Trace.trace(Engines.shared(), empty);
        int sides = Engines.shared().requirements().stream().mapToInt(r -> r.cover().size()).sum();
        assertThat(none.gaps()).hasSize(sides + 1) // + PC-G3: no file names it
                .contains("PC-A3 NOT_MET: no scenario", "PC-R5 NONE_YET: no scenario", "PC-G3: no scenario file names it in its title");
    }

    @Test
    void theTraceReadsTheScenariosAsTheSuiteDoes() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Trace.ScenarioInput> traced = Trace.readScenarios(ScenarioLoader.root());
        List<Scenario> suite = ScenarioLoader.allScenarios();
        assertThat(traced).extracting(Trace.ScenarioInput::displayName)
                .containsExactlyElementsOf(suite.stream().map(Scenario::displayName).toList());
        for (int i = 0; i < suite.size(); i++) {
            JsonNode expected = suite.get(i).input();
            assertThat(json.readTree(traced.get(i).inputJson())).as(suite.get(i).displayName()).isEqualTo(expected);
        }
    }

    /**
     * Finer than the sides: every rule of the knowledge base fires in at least one scenario, so no
     * rule (a MET variant of PC-A5, an interim allocation, an option) is without a scenario. The
     * facts are inserted as {@code ZorgregelsEngine.evaluate} inserts them; a knowledge rule
     * without conditions fires in every session.
     */
    @Test
    void everyRuleFiresInSomeScenario() {
        KieBase kieBase = KieServices.get().newKieClasspathContainer(getClass().getClassLoader()).getKieBase("zorgregels");
        Set<String> fired = new TreeSet<>();
        List<Object> knowledge = new EngineInternals().knowledgeFacts(); // the tables' rows
        for (Scenario s : ScenarioLoader.allScenarios()) {
            Assessment a = DecisionJson.readAssessment(s.inputJson());
            KieSession session = kieBase.newKieSession();
            try {
                session.addEventListener(new DefaultAgendaEventListener() {
                    @Override
                    public void afterMatchFired(AfterMatchFiredEvent event) {
                        fired.add(event.getMatch().getRule().getName());
                    }
                });
                knowledge.forEach(session::insert);
                session.insert(a);
                session.insert(a.patient());
                if (a.postCovid() != null) {
                    session.insert(a.postCovid());
                }
                if (a.alk() != null) {
                    session.insert(a.alk());
                }
                session.fireAllRules();
            } finally {
                session.dispose();
            }
        }
        List<String> never = new ArrayList<>();
        List<RuleInfo> drlRules = Engines.shared().rules().stream().filter(r -> r.file().endsWith(".drl")).toList();
        for (RuleInfo rule : drlRules) { // the rows of the knowledge tables are facts, not rules that fire
            if (!fired.contains(rule.name())) {
                never.add(rule.location() + " " + rule.name());
            }
        }
        assertThat(never).as("rules no scenario fires").isEmpty();
        assertThat(fired).hasSizeGreaterThanOrEqualTo(drlRules.size());
    }

    private static Trace.RequirementTrace trace(String id) {
        return report.requirements().stream().filter(t -> t.requirement().id().equals(id)).findFirst().orElseThrow();
    }
}
