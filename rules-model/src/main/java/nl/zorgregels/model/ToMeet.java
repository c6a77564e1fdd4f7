package nl.zorgregels.model;

import java.util.Map;
import java.util.Objects;

/**
 * What would make a criterion that is NOT_MET or UNKNOWN met (CONTRACT.md §9): written beside the rule in
 * the knowledge base, from the same thresholds, with the facts of the criterion filled in.
 *
 * @param message what is needed, in Dutch and English
 * @param facts   the facts the text uses, by name, sorted (the criterion's own facts), their values
 *                in the one form of {@link CriterionResult#facts()}
 */
public record ToMeet(LocalizedText message, Map<String, Object> facts) {

    /**
     * Checks and copies the components.
     *
     * @param message what is needed, in Dutch and English
     * @param facts the facts the text uses, by name (the criterion's own facts), copied in the one form of {@link CriterionResult#facts()}
     * @throws NullPointerException if a component is null
     */
    public ToMeet {
        Objects.requireNonNull(message, "message");
        facts = FactValues.of(Objects.requireNonNull(facts, "facts"));
    }
}
