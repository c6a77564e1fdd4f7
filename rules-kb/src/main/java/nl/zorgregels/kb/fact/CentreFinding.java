package nl.zorgregels.kb.fact;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreStatus;
import org.drools.model.Drools;

/**
 * Which centre the patient is offered, as a PC-R rule found it. Rule id and message key come from
 * the firing rule ({@code @id}, and {@code @message} or {@code <id>.<STATUS>}).
 *
 * @param ruleId       the requirement id of the deciding rule
 * @param status       OFFERED, NONE_YET or UNKNOWN
 * @param centres      the centres offered, in the order the rule lists them; empty unless OFFERED
 * @param availableFrom for NONE_YET, the first date a place can be offered; null otherwise
 * @param messageKey   key of the message in the bundles
 * @param facts        values for the message, by name
 * @param missingFacts input paths of absent facts (UNKNOWN)
 * @param noteIds      ids of notes that go with this offer (PC-R7)
 */
public record CentreFinding(String ruleId, CentreStatus status, List<Centre> centres, LocalDate availableFrom,
                            String messageKey,
                            Map<String, Object> facts, List<String> missingFacts, List<String> noteIds) {

    /** Copies the collections. */
    public CentreFinding {
        centres = List.copyOf(centres);
        facts = Collections.unmodifiableMap(new TreeMap<>(facts));
        missingFacts = List.copyOf(missingFacts);
        noteIds = List.copyOf(noteIds);
    }

    /**
     * @param drools      the firing rule
     * @param centres     the centres offered
     * @param noteIds     notes to add, requirement ids, e.g. a centre rule's note
     * @param namesValues message facts, names and values alternating
     * @return an OFFERED finding
     */
    public static CentreFinding offered(Drools drools, List<Centre> centres, List<String> noteIds, Object... namesValues) {
        return of(drools, CentreStatus.OFFERED, centres, null, List.of(), noteIds, namesValues);
    }

    /**
     * @param drools        the firing rule
     * @param availableFrom the first date a place can be offered (also a message fact of that name)
     * @param namesValues   further message facts, names and values alternating
     * @return a NONE_YET finding
     */
    public static CentreFinding noneYet(Drools drools, LocalDate availableFrom, Object... namesValues) {
        Object[] all = new Object[namesValues.length + 2];
        all[0] = "availableFrom";
        all[1] = availableFrom;
        System.arraycopy(namesValues, 0, all, 2, namesValues.length);
        return of(drools, CentreStatus.NONE_YET, List.of(), availableFrom, List.of(), List.of(), all);
    }

    /**
     * @param drools       the firing rule
     * @param missingFacts the absent input paths
     * @return an UNKNOWN finding
     */
    public static CentreFinding unknown(Drools drools, List<String> missingFacts) {
        return of(drools, CentreStatus.UNKNOWN, List.of(), null, missingFacts, List.of());
    }

    private static CentreFinding of(Drools drools, CentreStatus status, List<Centre> centres, LocalDate availableFrom,
                                    List<String> missing, List<String> noteIds, Object... namesValues) {
        String id = RuleMeta.id(drools);
        return new CentreFinding(id, status, centres, availableFrom, RuleMeta.messageKey(drools, id + "." + status),
                Finding.pairs(namesValues), missing, noteIds);
    }
}
