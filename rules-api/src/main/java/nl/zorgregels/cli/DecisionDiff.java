package nl.zorgregels.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.PostCovidDecision;

/**
 * What differs between two decisions on the same case: the decisions a GP acts on, not their
 * wording. Compared are the post-COVID age group, outcome, each criterion's status and the centre
 * offered (status, centres, available-from date, deciding rule); the ALK outcome, criterion status,
 * severity and each option (present as primary, present as lighter option, or absent). Messages,
 * notes and missing facts are not compared: they follow from these, and a changed threshold
 * changes the wording of every message that names it.
 */
final class DecisionDiff {
    /** An option's state when it is listed for the patient's own column (or in every column). */
    static final String PRIMARY = "primary";
    /** An option's state when it is listed as a lighter option that stays available. */
    static final String LIGHTER = "lighter";

    private DecisionDiff() {
    }

    /**
     * One difference.
     *
     * @param part   {@code postCovid} or {@code alk}
     * @param what   {@code ageGroup}, {@code outcome}, {@code criterion}, {@code centre},
     *               {@code severity} or {@code option}
     * @param id     the criterion or option id; null for the others
     * @param before the value with the baseline; null when absent (no centre part, no severity,
     *               option not listed, criterion not judged)
     * @param after  the value with the candidate; null when absent
     */
    record Change(String part, String what, String id, String before, String after) {
        /** The rank of each {@code what}, for a stable order of the totals. */
        private static final List<String> WHATS = List.of("ageGroup", "outcome", "criterion", "centre", "severity", "option");

        Change {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(what, "what");
            if (Objects.equals(before, after)) {
                throw new IllegalArgumentException("not a change: " + before + " -> " + after);
            }
        }

        /** @return {@code part.what} or {@code part.what.id}, e.g. {@code postCovid.criterion.PC-A3} */
        String kind() {
            return part + "." + what + (id == null ? "" : "." + id);
        }

        /** @return a key that orders kinds: post-COVID before ALK, then by {@link #WHATS}, then by id */
        String order() {
            return (part.equals("postCovid") ? "0" : "1") + WHATS.indexOf(what) + (id == null ? "" : id);
        }
    }

    /**
     * The differences between two decisions on one case, in a fixed order: post-COVID (age group,
     * outcome, criteria by id, centre), then ALK (outcome, criteria by id, severity, options in the
     * baseline's order followed by those only the candidate lists).
     *
     * @param before the decision with the baseline knowledge base
     * @param after  the decision with the candidate knowledge base, on the same case
     * @return the changes; empty if the decisions agree
     */
    static List<Change> compare(Decision before, Decision after) {
        List<Change> changes = new ArrayList<>(4);
        postCovid(before.postCovid(), after.postCovid(), changes);
        alk(before.alk(), after.alk(), changes);
        return changes;
    }

    private static void postCovid(PostCovidDecision a, PostCovidDecision b, List<Change> changes) {
        if (a == null && b == null) {
            return;
        }
        add(changes, "postCovid", "ageGroup", null, a == null ? null : a.ageGroup().name(),
                b == null ? null : b.ageGroup().name());
        add(changes, "postCovid", "outcome", null, a == null ? null : a.outcome().name(),
                b == null ? null : b.outcome().name());
        criteria("postCovid", a == null ? List.of() : a.criteria(), b == null ? List.of() : b.criteria(), changes);
        add(changes, "postCovid", "centre", null, a == null ? null : centre(a.centre()), b == null ? null : centre(b.centre()));
    }

    private static void alk(AlkAdvice a, AlkAdvice b, List<Change> changes) {
        if (a == null && b == null) {
            return;
        }
        add(changes, "alk", "outcome", null, a == null ? null : a.outcome().name(), b == null ? null : b.outcome().name());
        criteria("alk", a == null ? List.of() : a.criteria(), b == null ? List.of() : b.criteria(), changes);
        add(changes, "alk", "severity", null, a == null || a.severity() == null ? null : a.severity().name(),
                b == null || b.severity() == null ? null : b.severity().name());
        Map<String, String> optionsA = options(a);
        Map<String, String> optionsB = options(b);
        Set<String> ids = new LinkedHashSet<>(optionsA.keySet());
        ids.addAll(optionsB.keySet());
        for (String id : ids) {
            add(changes, "alk", "option", id, optionsA.get(id), optionsB.get(id));
        }
    }

    private static void criteria(String part, List<CriterionResult> a, List<CriterionResult> b, List<Change> changes) {
        Map<String, String> statusA = statuses(a);
        Map<String, String> statusB = statuses(b);
        Set<String> ids = new TreeSet<>(statusA.keySet());
        ids.addAll(statusB.keySet());
        for (String id : ids) {
            add(changes, part, "criterion", id, statusA.get(id), statusB.get(id));
        }
    }

    private static Map<String, String> statuses(List<CriterionResult> criteria) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (CriterionResult c : criteria) {
            statuses.put(c.id(), c.status().name());
        }
        return statuses;
    }

    private static Map<String, String> options(AlkAdvice advice) {
        Map<String, String> options = new LinkedHashMap<>();
        if (advice != null) {
            for (AlkOption o : advice.options()) {
                options.put(o.id(), o.primary() ? PRIMARY : LIGHTER);
            }
        }
        return options;
    }

    /**
     * The centre part in one line: {@code STATUS[ CENTRE,...][ from DATE] (RULE)}, e.g.
     * {@code OFFERED AMSTERDAM_UMC (PC-R4)} or {@code NONE_YET from 2025-05-01 (PC-R5)}.
     *
     * @param centre the centre part, or null
     * @return the line, or null when there is no centre part (a NOT_ELIGIBLE decision)
     */
    static String centre(CentreOffer centre) {
        if (centre == null) {
            return null;
        }
        StringBuilder s = new StringBuilder(centre.status().name());
        if (!centre.centres().isEmpty()) {
            s.append(' ');
            for (int i = 0; i < centre.centres().size(); i++) {
                s.append(i == 0 ? "" : ",").append(centre.centres().get(i).name());
            }
        }
        if (centre.availableFrom() != null) {
            s.append(" from ").append(centre.availableFrom());
        }
        return s.append(" (").append(centre.ruleId()).append(')').toString();
    }

    private static void add(List<Change> changes, String part, String what, String id, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new Change(part, what, id, before, after));
        }
    }
}
