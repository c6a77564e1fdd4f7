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
import nl.zorgregels.model.Note;
import nl.zorgregels.model.PostCovidDecision;

/**
 * What differs between two decisions on the same case: everything a GP acts on, compared by ids and
 * values, never by wording ({@link DecisionTexts} compares the wording). Compared are the safety
 * banner's items; the post-COVID age group, outcome, each criterion's status and own missing facts,
 * the part's missing facts (the questions asked: one per missing fact), {@code reassessFrom}, the
 * centre offered (status, centres, available-from date, deciding rule, missing facts, note ids), the
 * warnings and the notes; the ALK outcome, criteria, severity, missing facts, {@code reassessFrom},
 * each option (primary, lighter or absent, with its note ids), the warnings and the notes.
 *
 * <p>Lists of ids (safety items, warnings, notes, missing facts) are compared item by item: a change
 * per id that is added or removed, so that the totals count, say, the cases that lose one note.
 */
final class DecisionDiff {
    /** An option's state when it is listed for the patient's own column (or in every column). */
    static final String PRIMARY = "primary";
    /** An option's state when it is listed as a lighter option that stays available. */
    static final String LIGHTER = "lighter";
    /** The value of a note, warning or safety item that is shown once. */
    static final String SHOWN = "shown";
    /** The value of a missing fact that is listed. */
    static final String MISSING = "missing";

    /** The part of a change that is the safety banner (the decision's {@code safety}). */
    static final String SAFETY = "safety";

    private DecisionDiff() {
    }

    /**
     * One difference.
     *
     * @param part   {@code safety}, {@code postCovid} or {@code alk}
     * @param what   {@code item} (a safety item), {@code ageGroup}, {@code outcome}, {@code criterion},
     *               {@code severity}, {@code missingFact}, {@code reassessFrom}, {@code centre},
     *               {@code option}, {@code warning} or {@code note}
     * @param id     the item's id (criterion, option, note, warning, safety item, or the input path of
     *               a missing fact); null for the others
     * @param before the value with the baseline; null when absent (no centre part, no severity,
     *               option or note not listed, criterion not judged)
     * @param after  the value with the candidate; null when absent
     */
    record Change(String part, String what, String id, String before, String after) {
        /** The rank of each {@code what}, for a stable order of the totals. */
        private static final List<String> WHATS = List.of("item", "ageGroup", "outcome", "criterion", "severity",
                "missingFact", "reassessFrom", "centre", "option", "warning", "note");
        /** The rank of each part. */
        private static final List<String> PARTS = List.of(SAFETY, "postCovid", "alk");

        Change {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(what, "what");
            if (!WHATS.contains(what) || !PARTS.contains(part)) {
                throw new IllegalArgumentException("unknown kind of change: " + part + "." + what);
            }
            if (Objects.equals(before, after)) {
                throw new IllegalArgumentException("not a change: " + before + " -> " + after);
            }
        }

        /**
         * @return {@code part.what}, {@code part.what.id} (e.g. {@code postCovid.criterion.PC-A3}), or
         *         for a safety item {@code safety.id}
         */
        String kind() {
            if (what.equals("item")) {
                return part + "." + id;
            }
            return part + "." + what + (id == null ? "" : "." + id);
        }

        /** @return a key that orders kinds: safety, post-COVID, ALK, then by {@link #WHATS}, then by id */
        String order() {
            return PARTS.indexOf(part) + String.format(java.util.Locale.ROOT, "%02d", WHATS.indexOf(what))
                    + (id == null ? "" : id);
        }

        /** @return whether this kind is one item of a list of ids (added or removed rather than changed) */
        boolean listItem() {
            return isListItem(what);
        }

        static boolean isListItem(String what) {
            return what.equals("item") || what.equals("missingFact") || what.equals("warning") || what.equals("note");
        }
    }

    /**
     * The differences between two decisions on one case, in a fixed order: the safety items, then
     * post-COVID (age group, outcome, criteria by id, missing facts, reassessFrom, centre, warnings,
     * notes), then ALK (outcome, criteria by id, severity, missing facts, reassessFrom, options in the
     * baseline's order followed by those only the candidate lists, warnings, notes).
     *
     * @param before the decision with the baseline knowledge base
     * @param after  the decision with the candidate knowledge base, on the same case
     * @return the changes; empty if the decisions agree
     */
    static List<Change> compare(Decision before, Decision after) {
        List<Change> changes = new ArrayList<>(4);
        notes(SAFETY, "item", before.safety(), after.safety(), changes);
        postCovid(before.postCovid(), after.postCovid(), changes);
        alk(before.alk(), after.alk(), changes);
        return changes;
    }

    /**
     * What the compact projection ({@link CompactDecision}) does not hold and {@link #compare} does:
     * each criterion's own missing facts, and {@code reassessFrom} (null on both sides when the later
     * dates are not decided). Compared without allocating.
     *
     * @return true when these agree
     */
    static boolean sameBeyondProjection(Decision a, Decision b) {
        PostCovidDecision pa = a.postCovid();
        PostCovidDecision pb = b.postCovid();
        if (pa != null && pb != null && (!Objects.equals(pa.reassessFrom(), pb.reassessFrom())
                || !sameCriterionFacts(pa.criteria(), pb.criteria()))) {
            return false;
        }
        AlkAdvice aa = a.alk();
        AlkAdvice ab = b.alk();
        return aa == null || ab == null || Objects.equals(aa.reassessFrom(), ab.reassessFrom())
                && sameCriterionFacts(aa.criteria(), ab.criteria());
    }

    private static boolean sameCriterionFacts(List<CriterionResult> a, List<CriterionResult> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).id().equals(b.get(i).id()) || !a.get(i).missingFacts().equals(b.get(i).missingFacts())) {
                return false;
            }
        }
        return true;
    }

    private static void postCovid(PostCovidDecision a, PostCovidDecision b, List<Change> changes) {
        if (a == null && b == null) {
            return;
        }
        String part = "postCovid";
        add(changes, part, "ageGroup", null, a == null ? null : a.ageGroup().name(),
                b == null ? null : b.ageGroup().name());
        add(changes, part, "outcome", null, a == null ? null : a.outcome().name(),
                b == null ? null : b.outcome().name());
        criteria(part, a == null ? List.of() : a.criteria(), b == null ? List.of() : b.criteria(), changes);
        strings(part, "missingFact", MISSING, a == null ? List.of() : a.missingFacts(),
                b == null ? List.of() : b.missingFacts(), changes);
        add(changes, part, "reassessFrom", null, a == null ? null : date(a.reassessFrom()),
                b == null ? null : date(b.reassessFrom()));
        add(changes, part, "centre", null, a == null ? null : centre(a.centre()), b == null ? null : centre(b.centre()));
        notes(part, "warning", a == null ? List.of() : a.warnings(), b == null ? List.of() : b.warnings(), changes);
        notes(part, "note", a == null ? List.of() : a.notes(), b == null ? List.of() : b.notes(), changes);
    }

    private static void alk(AlkAdvice a, AlkAdvice b, List<Change> changes) {
        if (a == null && b == null) {
            return;
        }
        String part = "alk";
        add(changes, part, "outcome", null, a == null ? null : a.outcome().name(), b == null ? null : b.outcome().name());
        criteria(part, a == null ? List.of() : a.criteria(), b == null ? List.of() : b.criteria(), changes);
        add(changes, part, "severity", null, a == null || a.severity() == null ? null : a.severity().name(),
                b == null || b.severity() == null ? null : b.severity().name());
        strings(part, "missingFact", MISSING, a == null ? List.of() : a.missingFacts(),
                b == null ? List.of() : b.missingFacts(), changes);
        add(changes, part, "reassessFrom", null, a == null ? null : date(a.reassessFrom()),
                b == null ? null : date(b.reassessFrom()));
        Map<String, String> optionsA = options(a);
        Map<String, String> optionsB = options(b);
        Set<String> ids = new LinkedHashSet<>(optionsA.keySet());
        ids.addAll(optionsB.keySet());
        for (String id : ids) {
            add(changes, part, "option", id, optionsA.get(id), optionsB.get(id));
        }
        notes(part, "warning", a == null ? List.of() : a.warnings(), b == null ? List.of() : b.warnings(), changes);
        notes(part, "note", a == null ? List.of() : a.notes(), b == null ? List.of() : b.notes(), changes);
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

    /** Each criterion's value: its status, and its own missing facts if it has any. */
    private static Map<String, String> statuses(List<CriterionResult> criteria) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (CriterionResult c : criteria) {
            statuses.put(c.id(), c.missingFacts().isEmpty() ? c.status().name()
                    : c.status().name() + " missing " + String.join(",", c.missingFacts()));
        }
        return statuses;
    }

    /** An option's value: primary or lighter, and its note ids if it has any. */
    private static Map<String, String> options(AlkAdvice advice) {
        Map<String, String> options = new LinkedHashMap<>();
        if (advice != null) {
            for (AlkOption o : advice.options()) {
                String state = o.primary() ? PRIMARY : LIGHTER;
                options.put(o.id(), o.notes().isEmpty() ? state : state + " notes " + ids(o.notes()));
            }
        }
        return options;
    }

    /** A list of ids compared item by item: each id's value is {@code shown}, or how often it is shown. */
    private static void notes(String part, String what, List<Note> a, List<Note> b, List<Change> changes) {
        if (a.isEmpty() && b.isEmpty()) {
            return;
        }
        strings(part, what, SHOWN, a.stream().map(Note::id).toList(), b.stream().map(Note::id).toList(), changes);
    }

    private static void strings(String part, String what, String value, List<String> a, List<String> b,
                                List<Change> changes) {
        if (a.equals(b)) {
            return;
        }
        Map<String, Integer> countA = counts(a);
        Map<String, Integer> countB = counts(b);
        Set<String> ids = new LinkedHashSet<>(countA.keySet());
        ids.addAll(countB.keySet());
        for (String id : ids) {
            add(changes, part, what, id, value(value, countA.get(id)), value(value, countB.get(id)));
        }
    }

    private static Map<String, Integer> counts(List<String> ids) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String id : ids) {
            counts.merge(id, 1, Integer::sum);
        }
        return counts;
    }

    private static String value(String value, Integer count) {
        return count == null ? null : count == 1 ? value : value + " " + count + " times";
    }

    private static String ids(List<Note> notes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < notes.size(); i++) {
            s.append(i == 0 ? "" : ",").append(notes.get(i).id());
        }
        return s.toString();
    }

    private static String date(java.time.LocalDate date) {
        return date == null ? null : date.toString();
    }

    /**
     * The centre part in one line: {@code STATUS[ CENTRE,...][ from DATE] (RULE)[ missing FACT,...][
     * notes ID,...]}, e.g. {@code OFFERED AMSTERDAM_UMC (PC-R4) notes PC-R7} or
     * {@code NONE_YET from 2025-05-01 (PC-R5)}.
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
        s.append(" (").append(centre.ruleId()).append(')');
        if (!centre.missingFacts().isEmpty()) {
            s.append(" missing ").append(String.join(",", centre.missingFacts()));
        }
        if (!centre.notes().isEmpty()) {
            s.append(" notes ").append(ids(centre.notes()));
        }
        return s.toString();
    }

    private static void add(List<Change> changes, String part, String what, String id, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new Change(part, what, id, before, after));
        }
    }
}
