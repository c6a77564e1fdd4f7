package nl.zorgregels.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What would make a criterion that is NOT_MET or UNKNOWN met (SPEC §9): written beside the rule in
 * the knowledge base, from the same thresholds, with the facts of the criterion filled in.
 *
 * @param message what is needed, in Dutch and English
 * @param facts   the facts the text uses, by name, sorted (the criterion's own facts)
 */
public record ToMeet(LocalizedText message, Map<String, Object> facts) {

    /**
     * Checks and copies the components.
     *
     * @param message what is needed, in Dutch and English
     * @param facts the facts the text uses, by name, sorted (the criterion's own facts)
     * @throws NullPointerException if a component is null
     */
    public ToMeet {
        Objects.requireNonNull(message, "message");
        facts = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(facts, "facts")));
    }
}
