package nl.zorgregels.api;

import java.util.List;
import java.util.Objects;

/**
 * One requirement of the knowledge base, as listed in its {@code requirements.json}: a CONTRACT.md id
 * such as {@code PC-A3}, a short title and the seed passage it rests on. Every rule's {@code @id}
 * is one of these ids. {@link #kind()} says how a scenario covers the requirement and
 * {@link #cover()} which sides of it the scenario suite must show (the {@code trace} command and
 * the traceability test read them). {@link #part()} and {@link #role()} say what the engine does
 * with it: the Java engine names no requirement, it reads them here.
 *
 * @param id      the requirement id, e.g. {@code PC-A3}
 * @param title   a short English title
 * @param spec    where CONTRACT.md defines it, e.g. {@code §2 PC-A3}; empty if not given
 * @param kind    how a scenario covers it
 * @param cover   the sides ({@link Kind#sides()}) scenarios must show; empty for a constraint
 * @param seed    the seed file cited, e.g. {@code 000_b510353f4949bed4.txt}
 * @param passage the passage of the seed file (section and quotation)
 * @param part    the part of a decision it belongs to ({@code POST_COVID}, {@code ALK}); empty for
 *                one of the whole decision (a safety item)
 * @param role    what the engine does with it beyond its kind ({@link Role}); {@link Role#NONE} for most
 * @param withoutEffect for a constraint: the input fact ({@code section.name}) that must never change
 *                the outcome or a status, which the proof of the knowledge base checks; empty otherwise
 */
public record Requirement(String id, String title, String spec, Kind kind, List<String> cover, String seed,
                          String passage, String part, Role role, String withoutEffect) {

    /**
     * Checks the fields are present and copies the list.
     * Checks and copies the components.
     *
     * @param id the requirement id, e.g. {@code PC-A3}
     * @param title a short English title
     * @param spec where CONTRACT.md defines it, e.g. {@code §2 PC-A3}; empty if not given
     * @param kind how a scenario covers it
     * @param cover the sides ({@link Kind#sides()}) scenarios must show; empty for a constraint
     * @param seed the seed file cited, e.g. {@code 000_b510353f4949bed4.txt}
     * @param passage the passage of the seed file (section and quotation)
     * @param part the part of a decision it belongs to; empty for one of the whole decision
     * @param role what the engine does with it beyond its kind
     * @param withoutEffect for a constraint: the input fact that must never change the outcome; empty otherwise
     */
    public Requirement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(passage, "passage");
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(withoutEffect, "withoutEffect");
        cover = List.copyOf(cover);
    }

    /**
     * A requirement of no part, with no role (the form before issue 22 added them).
     *
     * @param id the requirement id
     * @param title a short English title
     * @param spec where CONTRACT.md defines it; empty if not given
     * @param kind how a scenario covers it
     * @param cover the sides scenarios must show
     * @param seed the seed file cited
     * @param passage the passage of the seed file
     */
    public Requirement(String id, String title, String spec, Kind kind, List<String> cover, String seed,
                       String passage) {
        this(id, title, spec, kind, cover, seed, passage, "", Role.NONE, "");
    }

    /** @return the citation as the rules write it: {@code seed — passage} */
    public String source() {
        return seed + " — " + passage;
    }

    /**
     * What the engine and its presentations do with a requirement beyond its kind, as
     * {@code requirements.json} declares it ({@code "role"}); so that no Java names a requirement.
     */
    public enum Role {
        /** No role beyond the kind. */
        NONE(""),
        /** A note shown among its part's warnings, not among the notes. */
        WARNING("warning"),
        /**
         * The note shown to a child near the 18th birthday (its fact {@code adultFrom} the date the
         * adult criteria apply): the engine adds the criteria that would then differ, and the note
         * holds whatever the outcome.
         */
        AGE_TRANSITION("age-transition"),
        /** The safety item of the 18th birthday near: the text report then states the age limit's reading. */
        AGE_NOTICE("age-notice"),
        /**
         * The centre rule of a patient already in treatment: its centre need not be open by the
         * centre table, and it holds whatever the outcome.
         */
        CONTINUITY("continuity");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        /** @return the name used in {@code requirements.json}, e.g. {@code age-transition}; empty for NONE */
        public String label() {
            return label;
        }

        /**
         * @param label a name as in {@code requirements.json}
         * @return the role of that name, or null if there is none
         */
        public static Role ofLabel(String label) {
            for (Role r : values()) {
                if (r != NONE && r.label.equals(label)) {
                    return r;
                }
            }
            return null;
        }
    }

    /**
     * How a scenario covers a requirement: which part of its decision shows which side. The
     * scenario's decision is the one the knowledge base makes for the scenario's input; a
     * requirement is looked for in the part its {@link #part()} names (post-COVID or ALK).
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
         * A note on an ALK option with this id: WHEN when the rules gave it its text {@code <id>.when}
         * (saying when the option is indicated), INDICATED when they gave another (saying that it is).
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
         * A constraint on all rules, not implemented by a rule of its own: covered by the scenario
         * files whose title names its id; no sides. With {@link #withoutEffect()} the proof checks it.
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
