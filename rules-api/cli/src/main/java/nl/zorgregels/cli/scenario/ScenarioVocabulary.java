package nl.zorgregels.cli.scenario;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.api.internal.kb.EngineKnowledgeBase;
import nl.zorgregels.kb.fact.AlkOptionInfo;

/**
 * The ids a scenario file may name, taken from the knowledge base it is checked against: criteria
 * are its requirements of kind {@code criterion}, notes and warnings any of its requirements (a
 * rule may attach its own id as a note), safety items its requirements of kind {@code safety} and
 * {@code data-doubt}, and options the rows of its options table. A scenario that names another id is refused when the file
 * is read, so that a typo does not pass as "not listed".
 *
 * @param criteria     the criterion ids, sorted
 * @param options      the option ids, in the options table's order
 * @param requirements every requirement id, sorted: what a note or warning may be
 * @param safetyItems  the ids of the safety banner's items, sorted
 */
public record ScenarioVocabulary(Set<String> criteria, Set<String> options, Set<String> requirements,
                                 Set<String> safetyItems) {

    /**
     * Copies the sets, keeping their order.
     *
     * @param criteria     the criterion ids, sorted
     * @param options      the option ids, in the options table's order
     * @param requirements every requirement id, sorted
     * @param safetyItems  the ids of the safety banner's items, sorted
     */
    public ScenarioVocabulary {
        criteria = Collections.unmodifiableSet(new LinkedHashSet<>(criteria));
        options = Collections.unmodifiableSet(new LinkedHashSet<>(options));
        requirements = Collections.unmodifiableSet(new LinkedHashSet<>(requirements));
        safetyItems = Collections.unmodifiableSet(new LinkedHashSet<>(safetyItems));
    }

    /**
     * @param engine the engine the scenarios are checked against
     * @return the ids its knowledge base knows
     */
    public static ScenarioVocabulary of(ZorgregelsEngine engine) {
        Set<String> criteria = new TreeSet<>();
        Set<String> requirements = new TreeSet<>();
        Set<String> safetyItems = new TreeSet<>();
        for (Requirement r : engine.requirements()) {
            requirements.add(r.id());
            switch (r.kind()) {
                case CRITERION -> criteria.add(r.id());
                case SAFETY, DATA_DOUBT -> safetyItems.add(r.id());
                default -> { }
            }
        }
        Set<String> options = new LinkedHashSet<>();
        for (AlkOptionInfo o : EngineKnowledgeBase.of(engine).tables.options) {
            options.add(o.id());
        }
        return new ScenarioVocabulary(criteria, options, requirements, safetyItems);
    }
}
