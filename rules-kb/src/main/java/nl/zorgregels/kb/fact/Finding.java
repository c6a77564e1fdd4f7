package nl.zorgregels.kb.fact;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.zorgregels.model.CriterionStatus;
import org.drools.model.Drools;

/**
 * The result of one criterion as a rule found it. Id and source come from the firing rule's
 * {@code @id} and {@code @source}; the message key is {@code <id>.<STATUS>} unless the rule names
 * another with {@code @message}, or, for {@link #decide}, {@code <id>.<STATUS>.<variant>} when the
 * rule gives a variant. The facts fill the message's {@code {name}} placeholders.
 *
 * @param id           requirement id
 * @param status       MET, NOT_MET or UNKNOWN
 * @param messageKey   key of the message in the bundles
 * @param source       the rule's own {@code @source}, or null when the rule cites its requirement's passage
 *                     (the engine fills that in from {@code requirements.json})
 * @param facts        facts used, by name (sorted); absent ones left out; dates and enums as strings
 * @param missingFacts input paths of the facts whose absence makes it UNKNOWN
 */
public record Finding(String id, CriterionStatus status, String messageKey, String source,
                      Map<String, Object> facts, List<String> missingFacts) {

    /** Copies the collections. */
    public Finding {
        facts = Collections.unmodifiableMap(new TreeMap<>(facts));
        missingFacts = List.copyOf(missingFacts);
    }

    /**
     * The result of a criterion written as one three-valued expression (see {@link Tri}): one rule
     * per criterion, whose conditions match the case once, derives exactly one result whatever the
     * facts. The status is MET for {@code true}, NOT_MET for {@code false} and UNKNOWN for
     * {@code null}; an UNKNOWN result names the absent input facts among {@code inputs}, and an
     * UNKNOWN without one is refused (it would name nothing to ask). The message key is
     * {@code <id>.<STATUS>}, or {@code <id>.<STATUS>.<variant>} for one case of a status with its own
     * text; the keys a rule may derive are those its {@code @messages} lists (after the id, e.g.
     * {@code @messages("MET.COMPLETED, NOT_MET.NONE, UNKNOWN")}; without it {@code MET, NOT_MET,
     * UNKNOWN}), which the knowledge-base check finds in both bundles. Absent facts are left out of
     * the facts, as everywhere.
     *
     * @param drools      the firing rule
     * @param met         the criterion's value: true, false or null (unknown)
     * @param variant     the case of the status with its own text, or null
     * @param inputs      the input paths the criterion reads and their values, alternating (see
     *                    {@link #absent}); the absent ones are the missing facts of an UNKNOWN result
     * @param namesValues fact names and values, alternating
     * @return the finding
     * @throws IllegalStateException if the key is not one the rule lists, or an UNKNOWN result would
     *                               name no missing fact
     */
    public static Finding decide(Drools drools, Boolean met, String variant, List<Object> inputs,
                                 Object... namesValues) {
        String id = RuleMeta.id(drools);
        CriterionStatus status = met == null ? CriterionStatus.UNKNOWN
                : met ? CriterionStatus.MET : CriterionStatus.NOT_MET;
        String suffix = variant == null ? status.name() : status.name() + "." + variant;
        List<String> allowed = RuleMeta.messages(drools);
        if (!allowed.contains(suffix)) {
            throw new IllegalStateException("rule \"" + RuleMeta.name(drools) + "\" derives message key " + id + "."
                    + suffix + ", which its @messages does not list (" + String.join(", ", allowed) + ")");
        }
        List<String> missing = status == CriterionStatus.UNKNOWN ? absent(inputs.toArray()) : List.of();
        if (status == CriterionStatus.UNKNOWN && missing.isEmpty()) {
            throw new IllegalStateException("rule \"" + RuleMeta.name(drools) + "\" derives UNKNOWN while every"
                    + " input it names is present; an UNKNOWN result names the absent facts");
        }
        return new Finding(id, status, id + "." + suffix, RuleMeta.source(drools), pairs(namesValues), missing);
    }

    /**
     * The inputs of {@link #decide}: input paths and their values, alternating (values may be null).
     *
     * @param pathsValues input paths and their values, alternating
     * @return them as a list
     */
    public static List<Object> inputs(Object... pathsValues) {
        return java.util.Arrays.asList(pathsValues);
    }

    /**
     * @param drools      the firing rule
     * @param namesValues fact names and values, alternating
     * @return a MET finding
     */
    public static Finding met(Drools drools, Object... namesValues) {
        return of(drools, CriterionStatus.MET, List.of(), namesValues);
    }

    /**
     * @param drools      the firing rule
     * @param namesValues fact names and values, alternating
     * @return a NOT_MET finding
     */
    public static Finding notMet(Drools drools, Object... namesValues) {
        return of(drools, CriterionStatus.NOT_MET, List.of(), namesValues);
    }

    /**
     * @param drools       the firing rule
     * @param missingFacts the input paths of the absent facts
     * @param namesValues  fact names and values, alternating
     * @return an UNKNOWN finding
     */
    public static Finding unknown(Drools drools, List<String> missingFacts, Object... namesValues) {
        return of(drools, CriterionStatus.UNKNOWN, missingFacts, namesValues);
    }

    /**
     * The paths whose values are absent.
     *
     * @param pathsValues input paths and their values, alternating
     * @return the paths whose value is null, in the order given
     */
    public static List<String> absent(Object... pathsValues) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < pathsValues.length; i += 2) {
            if (pathsValues[i + 1] == null) {
                missing.add((String) pathsValues[i]);
            }
        }
        return missing;
    }

    private static Finding of(Drools drools, CriterionStatus status, List<String> missing, Object[] namesValues) {
        String id = RuleMeta.id(drools);
        return new Finding(id, status, RuleMeta.messageKey(drools, id + "." + status), RuleMeta.source(drools),
                pairs(namesValues), missing);
    }

    static Map<String, Object> pairs(Object[] namesValues) {
        if (namesValues.length % 2 != 0) {
            throw new IllegalArgumentException("fact names and values must alternate");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < namesValues.length; i += 2) {
            Object value = namesValues[i + 1];
            if (value == null) {
                continue; // an absent fact is not a fact used; UNKNOWN findings name it in missingFacts
            }
            if (value instanceof List<?> list) {
                value = list.stream().map(String::valueOf).toList();
            }
            facts.put((String) namesValues[i], value instanceof LocalDate || value instanceof Enum<?>
                    ? value.toString() : value);
        }
        return facts;
    }
}
