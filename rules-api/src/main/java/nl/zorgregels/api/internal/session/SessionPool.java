package nl.zorgregels.api.internal.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.zorgregels.model.Assessment;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.reteoo.InitialFactImpl;
import org.drools.base.rule.Pattern;
import org.drools.core.common.EqualityKey;
import org.drools.core.common.InternalFactHandle;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule sessions of one knowledge base: primed once, then reused, one decision at a time each.
 *
 * <p>A new session first gets the knowledge facts of the tables (centre openings, interim
 * allocations, the ALK option catalogue) and the expected criteria of {@code requirements.json},
 * then fires the rules that need no case facts (knowledge rules of the {@code .drl} files, such as
 * the date of nationwide access). All of these are the session's <em>knowledge facts</em>. A decision then inserts the case facts, fires, takes every fact that is not knowledge
 * (what the rules derived), and deletes each of those that was inserted directly; the logically
 * inserted ones go with their support. The session goes back to the pool only if that clean-up
 * fired no rule and left exactly the knowledge facts, so every decision starts from the state of a
 * newly primed session; otherwise (or after an exception) it is disposed. Thread-safe: a session is
 * used by one thread at a time.
 *
 * <p>Priming is only sound when the rules that fire on an empty working memory are exactly the
 * condition-less ones: a rule such as {@code not PostCovidFacts()} would also fire then, and its
 * fact would wrongly stay in every decision. So the pool counts the condition-less rules (whose only
 * pattern is Drools' initial fact) and, if priming fires any other rule, decides every case in a new
 * session instead, as a session of its own would (slower, never different).
 */
public final class SessionPool {
    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);
    /** Idle sessions kept; more are disposed. A session is used by one thread at a time. */
    public static final int MAX_IDLE = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final KieBase kieBase;
    /** Facts every session starts with (the knowledge tables' rows, the expected criteria). */
    private final List<Object> knowledgeFacts;
    /** Rules without conditions: each fires exactly once when a session is primed. */
    private final int conditionLessRules;
    /** False once priming fired another rule: then every decision gets a new session. */
    private volatile boolean reuse = true;
    private final ConcurrentLinkedQueue<Primed> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();

    /** A session with its knowledge facts and their handles. */
    private record Primed(KieSession session, Set<FactHandle> knowledge, List<Object> knowledgeFacts) {
    }

    public SessionPool(KieBase kieBase) {
        this(kieBase, List.of());
    }

    /**
     * @param kieBase        the compiled rules
     * @param knowledgeFacts facts inserted into every session before its first firing: the rows of
     *                       the knowledge tables and the expected criteria (immutable records)
     */
    public SessionPool(KieBase kieBase, List<Object> knowledgeFacts) {
        this.kieBase = kieBase;
        this.knowledgeFacts = List.copyOf(knowledgeFacts);
        this.conditionLessRules = countConditionLessRules(kieBase);
    }

    /**
     * Fires the rules on the case facts of {@code assessment}.
     *
     * @return the facts in the session after firing except the case facts: the knowledge facts and
     *         what the rules derived, in no particular order
     */
    public List<Object> derive(Assessment assessment) {
        Primed primed = reuse ? idle.poll() : null;
        if (primed == null) {
            primed = reuse ? prime() : null;
            if (primed == null) {
                return deriveInNewSession(assessment);
            }
        } else {
            idleCount.decrementAndGet();
        }
        boolean reusable = false;
        try {
            KieSession session = primed.session();
            List<FactHandle> caseHandles = insertCase(session, assessment);
            session.fireAllRules();
            List<Object> derived = new ArrayList<>(primed.knowledgeFacts().size() + 64);
            derived.addAll(primed.knowledgeFacts());
            List<FactHandle> stated = new ArrayList<>(64);
            for (FactHandle handle : session.getFactHandles()) {
                if (primed.knowledge().contains(handle)) {
                    continue;
                }
                if (!isCaseHandle(caseHandles, handle)) {
                    derived.add(session.getObject(handle));
                }
                if (!justified(handle)) {
                    stated.add(handle);
                }
            }
            reusable = clean(primed, stated);
            return derived;
        } finally {
            if (reusable && idleCount.incrementAndGet() <= MAX_IDLE) {
                idle.add(primed);
            } else {
                if (reusable) {
                    idleCount.decrementAndGet();
                } else {
                    discarded.incrementAndGet();
                }
                primed.session().dispose();
            }
        }
    }

    /** A decision in a session of its own, disposed after it (when priming is not sound for this KB). */
    private List<Object> deriveInNewSession(Assessment assessment) {
        KieSession session = kieBase.newKieSession();
        try {
            knowledgeFacts.forEach(session::insert);
            List<FactHandle> caseHandles = insertCase(session, assessment);
            session.fireAllRules();
            List<Object> derived = new ArrayList<>(96);
            for (FactHandle handle : session.getFactHandles()) {
                if (!isCaseHandle(caseHandles, handle)) {
                    derived.add(session.getObject(handle));
                }
            }
            return derived;
        } finally {
            session.dispose();
        }
    }

    private static List<FactHandle> insertCase(KieSession session, Assessment assessment) {
        Object[] caseFacts = {assessment, assessment.patient(), assessment.postCovid(), assessment.alk()};
        List<FactHandle> caseHandles = new ArrayList<>(caseFacts.length);
        for (Object fact : caseFacts) {
            if (fact != null) {
                caseHandles.add(session.insert(fact));
            }
        }
        return caseHandles;
    }

    /** @return a primed session, or null if priming fired a rule that has conditions (reuse is then off) */
    private Primed prime() {
        KieSession session = kieBase.newKieSession();
        try {
            knowledgeFacts.forEach(session::insert);
            int fired = session.fireAllRules();
            if (fired != conditionLessRules) {
                reuse = false;
                LOG.info("rule sessions are not reused for this knowledge base: with no case facts {} rule(s) fired"
                        + " where {} rule(s) have no conditions", fired, conditionLessRules);
                session.dispose();
                return null;
            }
            Set<FactHandle> knowledge = Collections.newSetFromMap(new IdentityHashMap<>());
            List<Object> facts = new ArrayList<>();
            for (FactHandle handle : session.getFactHandles()) {
                knowledge.add(handle);
                facts.add(session.getObject(handle));
            }
            created.incrementAndGet();
            return new Primed(session, Collections.unmodifiableSet(knowledge), List.copyOf(facts));
        } catch (RuntimeException | Error e) {
            session.dispose();
            throw e;
        }
    }

    /** The rules whose only pattern is Drools' initial fact: those written with an empty {@code when}. */
    private static int countConditionLessRules(KieBase kieBase) {
        int count = 0;
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule rule : p.getRules()) {
                if (rule instanceof RuleImpl impl && impl.getLhs().getChildren().size() == 1
                        && impl.getLhs().getChildren().get(0) instanceof Pattern pattern
                        && pattern.getObjectType() instanceof ClassObjectType type
                        && type.getClassType() == InitialFactImpl.class) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Deletes the directly inserted facts; true if the session holds its knowledge facts only again. */
    private static boolean clean(Primed primed, List<FactHandle> stated) {
        KieSession session = primed.session();
        for (FactHandle handle : stated) {
            session.delete(handle);
        }
        int fired = session.fireAllRules();
        if (fired != 0 || session.getFactCount() != primed.knowledge().size()) {
            LOG.debug("session not reused: clean-up fired {} rule(s), {} facts left of {} knowledge facts",
                    fired, session.getFactCount(), primed.knowledge().size());
            return false;
        }
        for (FactHandle handle : session.getFactHandles()) {
            if (!primed.knowledge().contains(handle)) {
                LOG.debug("session not reused: a knowledge fact was replaced");
                return false;
            }
        }
        return true;
    }

    private static boolean isCaseHandle(List<FactHandle> caseHandles, FactHandle handle) {
        for (FactHandle h : caseHandles) {
            if (h == handle) {
                return true;
            }
        }
        return false;
    }

    /** A fact inserted logically (insertLogical): it goes when its support goes. */
    private static boolean justified(FactHandle handle) {
        if (handle instanceof InternalFactHandle internal) {
            EqualityKey key = internal.getEqualityKey();
            return key != null && key.getStatus() == EqualityKey.JUSTIFIED;
        }
        return false;
    }

    /** @return sessions primed so far (for tests: reuse is working when this stays small) */
    public long created() {
        return created.get();
    }

    /** @return whether sessions are reused (false: priming is not sound for this knowledge base) */
    public boolean reusing() {
        return reuse;
    }

    /** @return sessions disposed because the clean-up did not restore their knowledge state */
    public long discarded() {
        return discarded.get();
    }
}
