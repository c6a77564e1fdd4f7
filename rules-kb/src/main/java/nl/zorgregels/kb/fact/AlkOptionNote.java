package nl.zorgregels.kb.fact;

import org.drools.model.Drools;

/**
 * A note on one advised option (ALK-H1). Id from the inserting rule's {@code @id}; message key from
 * its {@code @message}.
 *
 * @param optionId   the option the note belongs to
 * @param id         requirement id of the note
 * @param messageKey key of its text in the bundles
 */
public record AlkOptionNote(String optionId, String id, String messageKey) {

    /**
     * @param drools   the firing rule
     * @param optionId the option
     * @return the note
     */
    public static AlkOptionNote of(Drools drools, String optionId) {
        String id = RuleMeta.id(drools);
        return new AlkOptionNote(optionId, id, RuleMeta.messageKey(drools, id));
    }
}
