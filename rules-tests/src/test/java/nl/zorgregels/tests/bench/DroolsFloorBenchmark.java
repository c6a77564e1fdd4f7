package nl.zorgregels.tests.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor of Drools itself on this machine: what the least a decision made of {@code rules}
 * rule firings costs, whatever the rules say. A knowledge base of {@code rules} trivial rules
 * (one pattern, one constraint, a consequence that inserts one small record), compiled to the
 * executable model like {@code rules-kb}, decides one case fact in a reused session the way
 * {@code SessionPool} does: insert the case, fire, collect the derived facts, delete what was
 * inserted and fire again so the session is clean. {@code insertLogical} is the truth-maintained
 * variant (only the case fact is deleted; the derived facts go with their support).
 *
 * <p>The engine's full decision fires 25 rules (34 before the leaner network of 2 December, which
 * lists the ALK options by collect): if that many trivial firings already take longer than a
 * target, no rewrite of the {@code .drl} files that keeps one rule per criterion and status
 * reaches it.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
public class DroolsFloorBenchmark {
    /** The case fact the trivial rules look at. */
    public record FloorCase(boolean flag) {
    }

    /** What a trivial rule derives. */
    public record FloorResult(int rule) {
    }

    /** Rules that fire per decision: 13 as in a post-COVID-only adult case, 25 as in the full decision. */
    @Param({"1", "13", "25"})
    public int rules;

    /** {@code insert} or {@code insertLogical} in the consequences. */
    @Param({"insert", "insertLogical"})
    public String insertion;

    private KieSession session;
    private final FloorCase theCase = new FloorCase(true);

    /** Compiles the trivial knowledge base and opens the session every decision reuses. */
    @Setup(Level.Trial)
    public void setUp() {
        session = compile(drl(rules, insertion)).newKieSession();
    }

    /** Closes the session. */
    @TearDown(Level.Trial)
    public void tearDown() {
        session.dispose();
    }

    /** @return the facts derived for one case, after the session is clean again */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public List<Object> decide() {
        FactHandle caseHandle = session.insert(theCase);
        session.fireAllRules();
        List<Object> derived = new ArrayList<>(rules);
        List<FactHandle> stated = new ArrayList<>(rules + 1);
        stated.add(caseHandle);
        boolean logical = "insertLogical".equals(insertion);
        for (FactHandle handle : session.getFactHandles()) {
            if (handle != caseHandle) {
                derived.add(session.getObject(handle));
                if (!logical) {
                    stated.add(handle);
                }
            }
        }
        for (FactHandle handle : stated) {
            session.delete(handle);
        }
        session.fireAllRules();
        if (derived.size() != rules || session.getFactCount() != 0) {
            throw new IllegalStateException(derived.size() + " derived of " + rules + "; " + session.getFactCount() + " left");
        }
        return derived;
    }

    /** @return {@code rules} rules, each on the case fact and inserting one result */
    static String drl(int rules, String insertion) {
        StringBuilder drl = new StringBuilder("package floor;\nimport ")
                .append(FloorCase.class.getCanonicalName()).append(";\nimport ")
                .append(FloorResult.class.getCanonicalName()).append(";\n");
        for (int i = 0; i < rules; i++) {
            drl.append("rule \"r").append(i).append("\" when FloorCase(flag == true) then ")
                    .append(insertion).append("(new FloorResult(").append(i).append(")); end\n");
        }
        return drl.toString();
    }

    /** Compiles {@code drl} to the executable model. */
    static KieBase compile(String drl) {
        KieServices ks = KieServices.get();
        ReleaseId releaseId = ks.newReleaseId("nl.zorgregels.bench", "floor", "1-" + UUID.randomUUID());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        kfs.write("src/main/resources/floor/floor.drl", drl);
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.toString());
        }
        KieBase kieBase = ks.newKieContainer(releaseId).getKieBase();
        ks.getRepository().removeKieModule(releaseId);
        return kieBase;
    }
}
