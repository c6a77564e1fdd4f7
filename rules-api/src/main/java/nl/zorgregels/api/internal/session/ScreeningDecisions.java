package nl.zorgregels.api.internal.session;

import java.util.Objects;
import java.util.function.BiFunction;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;

/**
 * Decisions for an output that shows only today's outcome, criteria, missing facts, centre and ALK
 * advice ({@code batch --format compact}, and {@code impact}, which compares only those): the engine's decision without what CONTRACT.md §9 says about
 * later dates, which costs a run of the rules per date tried ({@link LaterDates}; about a tenth of
 * a population run). {@code reassessFrom} is null and PC-N3 lists no criteria that would change;
 * everything else, and every check of the rules' results on the assessment date, is as in {@link
 * ZorgregelsEngine#evaluate}. Such a decision must never be written in full. Not API.
 */
public final class ScreeningDecisions {
    private static volatile BiFunction<ZorgregelsEngine, Assessment, Decision> access;

    private ScreeningDecisions() {
    }

    /**
     * Called once by {@link ZorgregelsEngine}'s class initialisation; later calls are refused.
     *
     * @param accessor gives an engine's decision made with {@link LaterDates#none()}
     * @throws IllegalStateException if access was already granted
     */
    public static synchronized void grant(BiFunction<ZorgregelsEngine, Assessment, Decision> accessor) {
        if (access != null) {
            throw new IllegalStateException("screening access is granted once, by ZorgregelsEngine");
        }
        access = Objects.requireNonNull(accessor, "accessor");
    }

    /**
     * @param engine     the engine
     * @param assessment the case
     * @return its decision without the later dates of CONTRACT.md §9
     */
    public static Decision decide(ZorgregelsEngine engine, Assessment assessment) {
        Objects.requireNonNull(assessment, "assessment");
        return access.apply(Objects.requireNonNull(engine, "engine"), assessment);
    }
}
