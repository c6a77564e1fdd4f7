package nl.zorgregels.cli;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import nl.zorgregels.cli.DecisionDiff.Change;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.AlkSeverity;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.PostCovidDecision;

/**
 * The counts of an impact run: cases read, invalid, unchanged, changed in their texts only, and
 * changed; cases per kind of change and per transition; cases per place whose text changed; and how
 * the decisions are distributed with each knowledge base. Every map iterates in a fixed order, so
 * the same cases always give the same report. Not thread-safe: one thread adds the cases, in input
 * order.
 */
final class ImpactTotals {
    /** Value of a distribution for a part that is absent (no centre part, no severity). */
    static final String NONE = "none";

    long casesRead;
    long invalid;
    long errors;
    long changed;
    /** Decided cases whose decision and wording are the same. */
    long unchanged;
    /** Decided cases whose decision is the same but some text differs ({@link DecisionTexts}). */
    long textsOnly;
    /** Cases per kind of change, in {@link Change#order()}. */
    final Map<String, Count> changes = new TreeMap<>();
    /** Cases per transition, by kind order, then before, then after (absent first). */
    final Map<Transition, Long> transitions = new TreeMap<>();
    /** Cases per place whose text changed (whether the decision changed or not), by place. */
    final Map<String, TextCount> texts = new TreeMap<>();
    final Distribution baseline = new Distribution();
    final Distribution candidate = new Distribution();

    /** Cases with one kind of change. */
    static final class Count {
        final String kind;
        /** The first change of this kind, for its part, what and id. */
        final Change example;
        long cases;

        Count(Change example) {
            this.kind = example.kind();
            this.example = example;
        }
    }

    /** Cases whose text at one place changed, and the first of them. */
    static final class TextCount {
        final long firstLine;
        long cases;

        TextCount(long firstLine) {
            this.firstLine = firstLine;
        }
    }

    /**
     * One transition of one kind of change.
     *
     * @param order   the kind's {@link Change#order()}
     * @param kind    the kind, e.g. {@code postCovid.outcome}
     * @param example a change of this kind, for its part, what and id
     * @param before  the value with the baseline; null when absent
     * @param after   the value with the candidate; null when absent
     */
    record Transition(String order, String kind, Change example, String before, String after)
            implements Comparable<Transition> {
        private static final Comparator<Transition> ORDER = Comparator.comparing(Transition::order)
                .thenComparing(Transition::before, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Transition::after, Comparator.nullsFirst(Comparator.naturalOrder()));

        @Override
        public int compareTo(Transition o) {
            return ORDER.compare(this, o);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Transition t && order.equals(t.order) && Objects.equals(before, t.before)
                    && Objects.equals(after, t.after);
        }

        @Override
        public int hashCode() {
            return Objects.hash(order, before, after);
        }
    }

    /** A line that is not a valid assessment. */
    void addInvalid() {
        casesRead++;
        invalid++;
    }

    /** A case a knowledge base could not decide. */
    void addError() {
        casesRead++;
        errors++;
    }

    /**
     * A case decided by both knowledge bases.
     *
     * @param line    the case's line number
     * @param before  the baseline's decision
     * @param after   the candidate's decision
     * @param changes the differences, {@link DecisionDiff#compare} of the two
     * @param texts   the places whose wording differs, {@link DecisionTexts#changed} of the two
     */
    void addDecided(long line, Decision before, Decision after, List<Change> changes, List<String> texts) {
        casesRead++;
        baseline.add(before);
        candidate.add(after);
        for (String place : texts) {
            this.texts.computeIfAbsent(place, k -> new TextCount(line)).cases++;
        }
        if (changes.isEmpty()) {
            if (texts.isEmpty()) {
                unchanged++;
            } else {
                textsOnly++;
            }
            return;
        }
        changed++;
        for (Change c : changes) {
            this.changes.computeIfAbsent(c.order(), k -> new Count(c)).cases++;
            transitions.merge(new Transition(c.order(), c.kind(), c, c.before(), c.after()), 1L, Long::sum);
        }
    }

    /**
     * How the decisions of one knowledge base are distributed: per dimension (e.g.
     * {@code postCovid.outcome}), the number of cases per value, every value of the enum listed
     * (zero included) in the enum's order, {@value #NONE} last.
     */
    static final class Distribution {
        final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();

        Distribution() {
            dimension("postCovid.ageGroup", names(AgeGroup.values()));
            dimension("postCovid.outcome", names(Outcome.values()));
            dimension("postCovid.centre", names(CentreStatus.values()), NONE);
            counts.put("postCovid.centre.ruleId", new TreeMap<>());
            dimension("alk.outcome", names(AlkOutcome.values()));
            dimension("alk.severity", names(AlkSeverity.values()), NONE);
        }

        private void dimension(String name, List<String> values, String... more) {
            Map<String, Long> m = new LinkedHashMap<>();
            values.forEach(v -> m.put(v, 0L));
            for (String v : more) {
                m.put(v, 0L);
            }
            counts.put(name, m);
        }

        private static List<String> names(Enum<?>[] values) {
            return java.util.Arrays.stream(values).map(Enum::name).toList();
        }

        void add(Decision d) {
            PostCovidDecision pc = d.postCovid();
            if (pc != null) {
                count("postCovid.ageGroup", pc.ageGroup().name());
                count("postCovid.outcome", pc.outcome().name());
                count("postCovid.centre", pc.centre() == null ? NONE : pc.centre().status().name());
                if (pc.centre() != null) {
                    count("postCovid.centre.ruleId", pc.centre().ruleId());
                }
            }
            AlkAdvice alk = d.alk();
            if (alk != null) {
                count("alk.outcome", alk.outcome().name());
                count("alk.severity", alk.severity() == null ? NONE : alk.severity().name());
            }
        }

        private void count(String dimension, String value) {
            Objects.requireNonNull(counts.get(dimension), dimension).merge(value, 1L, Long::sum);
        }
    }
}
