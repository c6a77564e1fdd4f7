package nl.zorgregels.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The answer to one {@link Assessment}.
 *
 * @param knowledgeBase the knowledge base (version and checksum) the decision was made with
 * @param assessmentDate the date the decision was made for, as in the input
 * @param postCovid     the post-COVID decision; null when the input had no post-COVID section
 * @param alk           the ALK advice; null when the input had no alk section
 */
public record Decision(KnowledgeBaseInfo knowledgeBase, LocalDate assessmentDate, PostCovidDecision postCovid,
                       AlkAdvice alk) {

    /**
     * Checks and copies the components.
     *
     * @param knowledgeBase the knowledge base (version and checksum) the decision was made with
     * @param assessmentDate the date the decision was made for, as in the input
     * @param postCovid the post-COVID decision; null when the input had no post-COVID section
     * @param alk the ALK advice; null when the input had no alk section
     * @throws NullPointerException if the knowledge base or date is null
     */
    public Decision {
        Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        Objects.requireNonNull(assessmentDate, "assessmentDate");
    }

    /**
     * A decision without ALK advice.
     *
     * @param knowledgeBase  the knowledge base the decision was made with
     * @param assessmentDate the date the decision was made for
     * @param postCovid      the post-COVID decision, or null
     */
    public Decision(KnowledgeBaseInfo knowledgeBase, LocalDate assessmentDate, PostCovidDecision postCovid) {
        this(knowledgeBase, assessmentDate, postCovid, null);
    }
}
