package nl.zorgregels.api.internal.session;

import java.util.Objects;
import java.util.function.Function;
import nl.zorgregels.api.ZorgregelsEngine;

/**
 * Internal access to the {@link SessionPool} of a {@link ZorgregelsEngine}, for the tests of
 * session reuse; the engine keeps its pool private to the API. Not API.
 */
public final class EngineSessions {
    private static volatile Function<ZorgregelsEngine, SessionPool> access;

    private EngineSessions() {
    }

    /**
     * Called once by {@link ZorgregelsEngine}'s class initialisation; later calls are refused.
     *
     * @param accessor gives an engine's pool
     * @throws IllegalStateException if access was already granted
     */
    public static synchronized void grant(Function<ZorgregelsEngine, SessionPool> accessor) {
        if (access != null) {
            throw new IllegalStateException("session access is granted once, by ZorgregelsEngine");
        }
        access = Objects.requireNonNull(accessor, "accessor");
    }

    /**
     * @param engine an engine
     * @return its session pool
     */
    public static SessionPool of(ZorgregelsEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return access.apply(engine); // the engine's class is initialised: an instance exists
    }
}
