package nl.zorgregels.kb.fact;

import java.util.Map;
import java.util.TreeMap;
import org.drools.model.Drools;

/**
 * An item of the safety banner (CONTRACT.md §10): something a GP must see before acting on the
 * decision. Its id comes from the inserting rule's {@code @id} (a requirement of kind
 * {@code safety} or {@code data-doubt}); its message key is that id unless the rule names another
 * with {@code @message}.
 *
 * @param id         requirement id of the item
 * @param messageKey key of its text in the message bundles
 * @param facts      values to fill into the text, by name
 * @param source     the passage the item rests on (the rule's {@code @source}); null: its requirement's
 * @param shows      the id of the note or warning whose final text the item shows at the top (a note
 *                   the engine completes after the rules, such as PC-N3's criteria that would change);
 *                   null for an item with a text of its own
 */
public record SafetyFinding(String id, String messageKey, Map<String, Object> facts, String source, String shows) {

    /** Copies the facts. */
    public SafetyFinding {
        facts = java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    /**
     * @param drools      the rule inserting the item
     * @param namesValues fact names and values, alternating
     * @return the item, with id and message key from the rule's metadata
     */
    public static SafetyFinding of(Drools drools, Object... namesValues) {
        String id = RuleMeta.id(drools);
        return new SafetyFinding(id, RuleMeta.messageKey(drools, id), Finding.pairs(namesValues),
                RuleMeta.source(drools), null);
    }

    /**
     * An item that shows a note's text at the top (a data-consistency warning, the age transition):
     * the note's final text as the decision gives it, with the inserting rule's id and source.
     *
     * @param drools the rule inserting the item
     * @param note   the note whose text the item shows
     * @return the item
     */
    public static SafetyFinding showing(Drools drools, NoteFinding note) {
        return new SafetyFinding(RuleMeta.id(drools), note.messageKey(), note.facts(), RuleMeta.source(drools),
                note.id());
    }
}
