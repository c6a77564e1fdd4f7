package nl.zorgregels.api.internal.kb;

import java.util.Objects;
import java.util.function.Function;
import nl.zorgregels.api.ZorgregelsEngine;

/**
 * Internal access to the {@link KnowledgeBase} an engine decides with (its tables, for the ids a
 * scenario file may name); the engine keeps it private to the API. Not API.
 */
public final class EngineKnowledgeBase {
    private static volatile Function<ZorgregelsEngine, KnowledgeBase> access;

    private EngineKnowledgeBase() {
    }

    /**
     * Called once by {@link ZorgregelsEngine}'s class initialisation; later calls are refused.
     *
     * @param accessor gives an engine's knowledge base
     * @throws IllegalStateException if access was already granted
     */
    public static synchronized void grant(Function<ZorgregelsEngine, KnowledgeBase> accessor) {
        if (access != null) {
            throw new IllegalStateException("knowledge-base access is granted once, by ZorgregelsEngine");
        }
        access = Objects.requireNonNull(accessor, "accessor");
    }

    /**
     * @param engine an engine
     * @return the knowledge base it decides with
     */
    public static KnowledgeBase of(ZorgregelsEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return access.apply(engine); // the engine's class is initialised: an instance exists
    }
}
