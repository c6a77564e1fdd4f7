package nl.zorgregels.tests;

import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.api.internal.kb.KnowledgeBase;
import nl.zorgregels.api.internal.session.DecisionAssembler;
import nl.zorgregels.api.internal.session.EngineSessions;
import nl.zorgregels.api.internal.session.LaterDates;
import nl.zorgregels.api.internal.session.SessionPool;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;

/**
 * Test access to the engine's internals (through the internal packages): a decision in a newly primed session, and
 * the counts of the engine's sessions, for the test that reused sessions decide as new ones do.
 */
public final class EngineInternals {
    private final KnowledgeBase kb = KnowledgeBase.packaged();
    private final DecisionAssembler assembler = new DecisionAssembler(kb.info, kb.messages, sources(),
            kb.tables.optionTexts, kb.requirements, kb.expected);

    private java.util.Map<String, String> sources() {
        java.util.Map<String, String> sources = new java.util.LinkedHashMap<>();
        kb.requirements.forEach(r -> sources.put(r.id(), r.source()));
        return sources;
    }

    /** @return the facts every session of the packaged knowledge base starts with (table rows, expected criteria) */
    public java.util.List<Object> knowledgeFacts() {
        return kb.knowledgeFacts;
    }

    /**
     * @param assessment the case
     * @return its decision, made in a session primed for this call only
     */
    public Decision decideInNewSession(Assessment assessment) {
        SessionPool pool = new SessionPool(kb.kieBase, kb.knowledgeFacts);
        return assembler.decision(assessment, pool.derive(assessment), new LaterDates(pool::derive, kb.requirements));
    }

    /**
     * @param engine an engine
     * @return the sessions it has primed so far
     */
    public static long sessionsCreated(ZorgregelsEngine engine) {
        return EngineSessions.of(engine).created();
    }

    /**
     * @param engine an engine
     * @return whether it reuses primed sessions (false when priming is not sound for its rules)
     */
    public static boolean reusesSessions(ZorgregelsEngine engine) {
        return EngineSessions.of(engine).reusing();
    }

    /**
     * @param engine an engine
     * @return the sessions it disposed because their clean-up did not restore the knowledge state
     */
    public static long sessionsDiscarded(ZorgregelsEngine engine) {
        return EngineSessions.of(engine).discarded();
    }
}
