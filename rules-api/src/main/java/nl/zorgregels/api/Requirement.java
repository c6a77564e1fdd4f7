package nl.zorgregels.api;

import java.util.List;
import java.util.Objects;

/**
 * One requirement of the knowledge base, as listed in its {@code requirements.json}: a SPEC id
 * such as {@code PC-A3}, a short title and the seed passage it rests on. Every rule's {@code @id}
 * is one of these ids. {@link #kind()} says how a scenario covers the requirement and
 * {@link #cover()} which sides of it the scenario suite must show (the {@code trace} command and
 * the traceability test read them).
 *
 * @param id      the requirement id, e.g. {@code PC-A3}
 * @param title   a short English title
 * @param spec    where SPEC.md defines it, e.g. {@code §2 PC-A3}; empty if not given
 * @param kind    how a scenario covers it
 * @param cover   the sides ({@link Kind#sides()}) scenarios must show; empty for a constraint
 * @param seed    the seed file cited, e.g. {@code 000_b510353f4949bed4.txt}
 * @param passage the passage of the seed file (section and quotation)
 */
public record Requirement(String id, String title, String spec, Kind kind, List<String> cover, String seed,
                          String passage) {

    /**
     * Checks the fields are present and copies the list.
     * Checks and copies the components.
     *
     * @param id the requirement id, e.g. {@code PC-A3}
     * @param title a short English title
     * @param spec where SPEC.md defines it, e.g. {@code §2 PC-A3}; empty if not given
     * @param kind how a scenario covers it
     * @param cover the sides ({@link Kind#sides()}) scenarios must show; empty for a constraint
     * @param seed the seed file cited, e.g. {@code 000_b510353f4949bed4.txt}
     * @param passage the passage of the seed file (section and quotation)
     */
    public Requirement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(passage, "passage");
        cover = List.copyOf(cover);
    }

    /** @return the citation as the rules write it: {@code seed — passage} */
    public String source() {
        return seed + " — " + passage;
    }

    /**
     * How a scenario covers a requirement: which part of its decision shows which side. The
     * scenario's decision is the one the knowledge base makes for the scenario's input; a
     * requirement whose id starts with {@code PC-} is looked for in the post-COVID part, one
     * starting with {@code ALK-} in the ALK advice.
     */
    public enum Kind {
        /** A criterion: the status of the criterion with this id (MET, NOT_MET, UNKNOWN). */
        CRITERION("criterion", "MET", "NOT_MET", "UNKNOWN"),
        /** The age group of the decision (ADULT, CHILD). */
        AGE_GROUP("age-group", "ADULT", "CHILD"),
        /** The outcome of the post-COVID decision (ELIGIBLE, NOT_ELIGIBLE, INSUFFICIENT_DATA). */
        OUTCOME("outcome", "ELIGIBLE", "NOT_ELIGIBLE", "INSUFFICIENT_DATA"),
        /**
         * A note or warning with this id: SHOWN when the decision carries it anywhere, NOT_SHOWN when
         * the decision has the requirement's part but not the note.
         */
        NOTE("note", "SHOWN", "NOT_SHOWN"),
        /** A centre rule: the centre part's status when its {@code ruleId} is this id. */
        CENTRE("centre", "OFFERED", "NONE_YET", "UNKNOWN"),
        /**
         * The adult opening dates: for an adult with a UMC region and no current centre, OPEN when the
         * centre offered is the own region's, NOT_YET_OPEN when it is not (interim centre or none yet).
         */
        ADULT_CENTRE_OPENING("adult-centre-opening", "OPEN", "NOT_YET_OPEN"),
        /** A note of the centre part: on an OFFERED centre, SHOWN with the note, NOT_SHOWN without. */
        CENTRE_NOTE("centre-note", "SHOWN", "NOT_SHOWN"),
        /** The ALK severity (MILD, MODERATE, SEVERE, UNKNOWN). */
        SEVERITY("severity", "MILD", "MODERATE", "SEVERE", "UNKNOWN"),
        /** The ALK options listed: the severity whose column is primary (MILD, MODERATE, SEVERE). */
        OPTIONS("options", "MILD", "MODERATE", "SEVERE"),
        /**
         * The texts of the ALK options listed: YOUTH for a patient the knowledge base judges a child
         * (PC-G1), ADULT otherwise.
         */
        YOUTH("youth", "YOUTH", "ADULT"),
        /**
         * A note on an ALK option with this id: INDICATED when the input has
         * {@code previousGgzTreatmentWithoutEffect} or {@code comorbidityToAccountFor} true (SPEC
         * ALK-H1), WHEN otherwise.
         */
        OPTION_INDICATION("option-indication", "INDICATED", "WHEN"),
        /**
         * An item of the safety banner (the decision's {@code safety}) with this id: SHOWN when the
         * decision carries it, NOT_SHOWN when it does not.
         */
        SAFETY("safety", "SHOWN", "NOT_SHOWN"),
        /**
         * An item of the safety banner that puts the data itself in doubt (a data-consistency warning,
         * sections that contradict each other): SHOWN or NOT_SHOWN as {@link #SAFETY}. While one stands,
         * the patient letter is refused unless forced (CONTRACT.md §10).
         */
        DATA_DOUBT("data-doubt", "SHOWN", "NOT_SHOWN"),
        /**
         * A constraint on all rules, not implemented by a rule of its own (PC-G3): covered by the
         * scenario files whose title names its id; no sides.
         */
        CONSTRAINT("constraint");

        private final String label;
        private final List<String> sides;

        Kind(String label, String... sides) {
            this.label = label;
            this.sides = List.of(sides);
        }

        /** @return the name used in {@code requirements.json}, e.g. {@code age-group} */
        public String label() {
            return label;
        }

        /** @return the sides a scenario can show of a requirement of this kind, in order */
        public List<String> sides() {
            return sides;
        }

        /**
         * @param label a name as in {@code requirements.json}
         * @return the kind of that name, or null if there is none
         */
        public static Kind ofLabel(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            return null;
        }
    }
}
