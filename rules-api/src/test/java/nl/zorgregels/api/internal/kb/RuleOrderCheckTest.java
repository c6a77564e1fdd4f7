package nl.zorgregels.api.internal.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;
import org.drools.model.codegen.ExecutableModelProject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;

/**
 * The order check on small rule sets: one .drl, compiled once to the executable model (so it is
 * valid Drools) and parsed to its descriptors, and the check run on chosen subsets of its rules. The real knowledge base
 * passes it whenever the engine is built (every test that builds one).
 */
class RuleOrderCheckTest {
    private static final String DRL = """
            package nl.zorgregels.kb;

            import nl.zorgregels.model.*;
            import nl.zorgregels.kb.fact.*;

            rule "result"
            when
                Assessment()
            then
                insert(Finding.met(drools));
            end

            rule "complete"
            when
                forall(ExpectedCriterion($criterion : criterion)
                       Finding(id == $criterion))
            then
                insert(new CriteriaDecided(DecisionPart.POST_COVID));
            end

            rule "complete too early"
            when
                Assessment()
            then
                insert(new CriteriaDecided(DecisionPart.POST_COVID));
            end

            rule "ungated absence"
            when
                PostCovidFacts()
                not Finding(status == CriterionStatus.NOT_MET)
            then
                insert(new EligibilityOutcome(Outcome.ELIGIBLE));
            end

            rule "gated absence"
            when
                CriteriaDecided(part == DecisionPart.POST_COVID)
                not Finding(status != CriterionStatus.MET)
            then
                insert(new EligibilityOutcome(Outcome.ELIGIBLE));
            end

            rule "gated by a fact derived from the gate"
            when
                EligibilityOutcome()
                not Finding(status == CriterionStatus.NOT_MET)
            then
                insert(NoteFinding.of(drools));
            end

            rule "forall over a derived base"
            when
                forall(Finding()
                       Finding(status == CriterionStatus.MET))
            then
                insert(NoteFinding.of(drools));
            end

            rule "accumulate over a derived fact"
            when
                accumulate(Finding(status == CriterionStatus.NOT_MET); $n : count())
            then
                insert(NoteFinding.of(drools, "notMet", $n));
            end

            rule "collect over a derived fact"
            when
                $all : java.util.List() from collect(Finding())
            then
                insert(NoteFinding.of(drools, "results", $all.size()));
            end

            rule "absence of a table row"
            when
                Assessment()
                not CentreOpening(ageGroup == AgeGroup.CHILD)
                accumulate(CentreOpening($c : centre); $centres : collectList($c))
            then
                insert(NoteFinding.of(drools, "centres", $centres));
            end

            rule "logical absence"
            when
                PostCovidFacts()
                not Finding(status == CriterionStatus.NOT_MET)
            then
                insertLogical(new EligibilityOutcome(Outcome.ELIGIBLE));
            end

            rule "plain from a logical fact"
            when
                EligibilityOutcome(outcome == Outcome.ELIGIBLE)
            then
                insert(NoteFinding.of(drools));
            end

            rule "deletes a fact"
            when
                $f : Finding(status == CriterionStatus.UNKNOWN)
            then
                delete($f);
            end

            rule "inserts a variable"
            when
                $f : Finding()
            then
                insert($f);
            end
            """;

    /** The types the engine inserts before the rules fire, as the knowledge base gives them. */
    private static final List<Class<?>> INPUT_TYPES = List.of(Assessment.class, nl.zorgregels.model.Patient.class,
            nl.zorgregels.model.PostCovidFacts.class, nl.zorgregels.model.AlkFacts.class,
            nl.zorgregels.kb.fact.CentreOpening.class, nl.zorgregels.kb.fact.ExpectedCriterion.class);

    private static List<RuleOrderCheck.Checked> all;

    @BeforeAll
    static void compile() {
        KieServices ks = KieServices.get();
        ReleaseId id = ks.newReleaseId("nl.zorgregels", "order-check-test", "0-" + UUID.randomUUID());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(id);
        kfs.write("src/main/resources/nl/zorgregels/kb/order.drl", DRL.getBytes(StandardCharsets.UTF_8));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
        KieBase kieBase = ks.newKieContainer(id).getKieBase();
        ks.getRepository().removeKieModule(id);
        Set<String> compiled = new HashSet<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            p.getRules().forEach(r -> compiled.add(r.getName()));
        }
        all = new ArrayList<>();
        for (DrlSources.ParsedRule r : parse(DRL).rules()) {
            all.add(new RuleOrderCheck.Checked(r, "order.drl:" + r.line() + ": rule \"" + r.name() + "\""));
        }
        assertThat(all).extracting(c -> c.rule().name()).containsExactlyInAnyOrderElementsOf(compiled);
    }

    private static DrlSources.Parsed parse(String drl) {
        return DrlSources.parse(Map.of("order.drl", drl.getBytes(StandardCharsets.UTF_8)), p -> p);
    }

    private static List<String> check(String... names) {
        Set<String> wanted = new HashSet<>(List.of(names));
        List<RuleOrderCheck.Checked> subset = all.stream().filter(c -> wanted.contains(c.rule().name())).toList();
        assertThat(subset).hasSize(names.length);
        return RuleOrderCheck.check(subset, List.of(), INPUT_TYPES);
    }

    @Test
    void anAbsenceGatedByTheCompletionFactIsAccepted() {
        assertThat(check("result", "complete", "gated absence")).isEmpty();
    }

    @Test
    void anUngatedAbsenceOfADerivedFactIsRefusedNamingTheRuleAndTheFact() {
        assertThat(check("result", "complete", "ungated absence")).singleElement().asString()
                .startsWith("order.drl:" + line("ungated absence") + ": rule \"ungated absence\" concludes with a plain"
                        + " insert from the absence of Finding (not), a fact rule \"result\" (order.drl:"
                        + line("result") + ") derives")
                .contains("(such as CriteriaDecided)", "it could fire before that fact is derived");
    }

    @Test
    void theGateIsNoGateWhenAnotherRuleDerivesItWithoutWaitingForTheResults() {
        assertThat(check("result", "complete", "complete too early", "gated absence")).singleElement().asString()
                .contains("rule \"gated absence\" concludes with a plain insert from the absence of Finding (not)",
                        "(the rules derive no such fact)");
    }

    @Test
    void aFactDerivedFromTheGateGatesTooUnlessARuleDerivesItWithoutTheGate() {
        assertThat(check("result", "complete", "gated absence", "gated by a fact derived from the gate")).isEmpty();
        // EligibilityOutcome is also derived ungated here (as NOT_ELIGIBLE is in the knowledge base): no gate
        assertThat(check("result", "complete", "ungated absence", "gated by a fact derived from the gate"))
                .hasSize(2).anySatisfy(p -> assertThat(p).contains(
                        "rule \"gated by a fact derived from the gate\" concludes with a plain insert from the absence of Finding"));
    }

    @Test
    void aForallOverADerivedBaseAndAnAggregateOfADerivedFactAreAbsencesToo() {
        assertThat(check("result", "forall over a derived base")).singleElement().asString()
                .contains("rule \"forall over a derived base\" concludes with a plain insert from the absence of Finding (forall)");
        assertThat(check("result", "accumulate over a derived fact")).singleElement().asString()
                .contains("rule \"accumulate over a derived fact\" concludes with a plain insert from the absence of"
                        + " Finding (accumulate)");
        assertThat(check("result", "collect over a derived fact")).singleElement().asString()
                .contains("rule \"collect over a derived fact\" concludes with a plain insert from the absence of"
                        + " Finding (collect)");
        // with nothing deriving a Finding, nothing is absent that could still arrive
        assertThat(check("forall over a derived base", "accumulate over a derived fact", "collect over a derived fact"))
                .isEmpty();
    }

    @Test
    void theAbsenceOfATableRowAndAForallOverTheExpectedCriteriaAreFixedAndAccepted() {
        assertThat(check("result", "absence of a table row", "complete")).isEmpty();
    }

    @Test
    void anAbsenceInsertedLogicallyIsAcceptedButAPlainConclusionFromItIsNot() {
        assertThat(check("result", "logical absence")).isEmpty();
        assertThat(check("result", "logical absence", "plain from a logical fact")).singleElement().asString()
                .contains("rule \"plain from a logical fact\" concludes with a plain insert from EligibilityOutcome, which"
                        + " rule \"logical absence\" (order.drl:" + line("logical absence") + ") inserts logically");
    }

    @Test
    void aDeletionAndAnInsertWhoseTypeCannotBeToldAreRefused() {
        assertThat(check("result", "deletes a fact")).singleElement().asString()
                .contains("rule \"deletes a fact\" calls delete(…) in its consequence");
        assertThat(check("result", "inserts a variable")).singleElement().asString()
                .contains("rule \"inserts a variable\" inserts $f, whose fact type the order check cannot tell");
        assertThat(RuleOrderCheck.check(List.of(), parse("function void helper(Object x) {\n"
                + "    kcontext.getKieRuntime().insert(x);\n}\n").functions(), INPUT_TYPES))
                .singleElement().asString().startsWith("order.drl:1: function helper inserts, deletes or changes a fact");
    }

    @Test
    void theCaseTypesAreTheAssessmentAndItsParts() {
        assertThat(RuleMetadata.caseTypes()).containsExactly(Assessment.class, nl.zorgregels.model.Patient.class,
                nl.zorgregels.model.PostCovidFacts.class, nl.zorgregels.model.AlkFacts.class);
        assertThat(ZorgregelsEngine.packaged().knowledgeBase().checksum()).startsWith("sha256:"); // passes the check
    }

    @Test
    void aLocalVariableNamedEndOrAWordInAStringOrCommentDoesNotEndOrFeedTheConsequence() {
        String drl = """
                package nl.zorgregels.kb;
                import nl.zorgregels.model.*;
                import nl.zorgregels.kb.fact.*;
                rule "ungated, with a local named end"
                when
                    PostCovidFacts()
                    not Finding(status == CriterionStatus.NOT_MET)
                then
                    int end = 0;
                    // insert($nothing); end
                    String s = "insert(x) end";
                    insert(new EligibilityOutcome(Outcome.ELIGIBLE));
                end
                """;
        List<RuleOrderCheck.Checked> rules = new ArrayList<>(all.stream().filter(c -> c.rule().name().equals("result")).toList());
        parse(drl).rules().forEach(r -> rules.add(new RuleOrderCheck.Checked(r, "end.drl:" + r.line() + ": rule \"" + r.name() + "\"")));
        assertThat(RuleOrderCheck.check(rules, List.of(), INPUT_TYPES)).singleElement().asString()
                .startsWith("end.drl:4: rule \"ungated, with a local named end\" concludes with a plain insert from the"
                        + " absence of Finding (not)");
    }

    private static int line(String rule) {
        return parse(DRL).rules().stream().filter(r -> r.name().equals(rule)).findFirst().orElseThrow().line();
    }
}
