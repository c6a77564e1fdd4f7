package nl.zorgregels.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The answer to one {@link Assessment}.
 *
 * @param knowledgeBase the knowledge base (version and checksum) the decision was made with
 * @param assessmentDate the date the decision was made for, as in the input
 * @param safety        what a GP must see before acting on the decision (the safety banner, CONTRACT.md
 *                      §10): ME/CVS or PEM recorded, data in doubt, an 18th birthday near, treatment
 *                      already under way, sections that contradict each other; empty when none applies
 * @param postCovid     the post-COVID decision; null when the input had no post-COVID section
 * @param alk           the ALK advice; null when the input had no alk section
 */
public record Decision(KnowledgeBaseInfo knowledgeBase, LocalDate assessmentDate, List<Note> safety,
                       PostCovidDecision postCovid, AlkAdvice alk) {

    /**
     * Checks and copies the components.
     *
     * @param knowledgeBase the knowledge base (version and checksum) the decision was made with
     * @param assessmentDate the date the decision was made for, as in the input
     * @param safety the safety banner's items, in the knowledge base's order
     * @param postCovid the post-COVID decision; null when the input had no post-COVID section
     * @param alk the ALK advice; null when the input had no alk section
     * @throws NullPointerException if the knowledge base, date or safety list is null
     */
    public Decision {
        Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        Objects.requireNonNull(assessmentDate, "assessmentDate");
        safety = List.copyOf(Objects.requireNonNull(safety, "safety"));
    }

    /**
     * A decision without safety items.
     *
     * @param knowledgeBase  the knowledge base the decision was made with
     * @param assessmentDate the date the decision was made for
     * @param postCovid      the post-COVID decision, or null
     * @param alk            the ALK advice, or null
     */
    public Decision(KnowledgeBaseInfo knowledgeBase, LocalDate assessmentDate, PostCovidDecision postCovid,
                    AlkAdvice alk) {
        this(knowledgeBase, assessmentDate, List.of(), postCovid, alk);
    }

    /**
     * A decision without safety items and without ALK advice.
     *
     * @param knowledgeBase  the knowledge base the decision was made with
     * @param assessmentDate the date the decision was made for
     * @param postCovid      the post-COVID decision, or null
     */
    public Decision(KnowledgeBaseInfo knowledgeBase, LocalDate assessmentDate, PostCovidDecision postCovid) {
        this(knowledgeBase, assessmentDate, List.of(), postCovid, null);
    }
}
