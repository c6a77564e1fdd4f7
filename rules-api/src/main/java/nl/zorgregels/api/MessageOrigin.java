package nl.zorgregels.api;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import nl.zorgregels.model.LocalizedText;

/**
 * Which message of the knowledge base a text of a decision is, and what was filled into it
 * ({@link ZorgregelsEngine#messageOrigin}): for a presenter that words the same item differently,
 * such as the patient letter.
 *
 * @param key   the message key, e.g. {@code SAFE-MECVS.meCvsOrPem}
 * @param facts the text each placeholder was filled with, by placeholder name, as shown in each language
 */
public record MessageOrigin(String key, Map<String, LocalizedText> facts) {

    /**
     * Checks and copies the components.
     *
     * @param key the message key
     * @param facts the filled-in texts by placeholder name
     */
    public MessageOrigin {
        Objects.requireNonNull(key, "key");
        facts = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(facts, "facts")));
    }
}
