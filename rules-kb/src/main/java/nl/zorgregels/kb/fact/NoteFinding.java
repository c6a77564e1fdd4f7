package nl.zorgregels.kb.fact;

import java.util.Map;
import java.util.TreeMap;
import org.drools.model.Drools;

/**
 * A note to show with a decision. Its id comes from the inserting rule's {@code @id}; its message
 * key is that id unless the rule names another with {@code @message}.
 *
 * @param id         requirement id of the note
 * @param messageKey key of its text in the message bundles
 * @param facts      values to fill into the text, by name
 * @param source     the passage the note rests on (the rule's {@code @source})
 */
public record NoteFinding(String id, String messageKey, Map<String, Object> facts, String source) {

    /**
     * The same note with more facts (a later decision's finding, added by the API: PC-N3's
     * {@code criteriaThatWouldChange}).
     *
     * @param namesValues fact names and values, alternating
     * @return a copy with these facts added
     */
    public NoteFinding withFacts(Object... namesValues) {
        Map<String, Object> all = new TreeMap<>(facts);
        all.putAll(Finding.pairs(namesValues));
        return new NoteFinding(id, messageKey, all, source);
    }

    /** Copies the facts. */
    public NoteFinding {
        facts = java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    /**
     * @param drools     the rule inserting the note
     * @param namesValues fact names and values, alternating
     * @return the note, with id and message key from the rule's metadata
     */
    public static NoteFinding of(Drools drools, Object... namesValues) {
        String id = RuleMeta.id(drools);
        return new NoteFinding(id, RuleMeta.messageKey(drools, id), Finding.pairs(namesValues), RuleMeta.source(drools));
    }
}
