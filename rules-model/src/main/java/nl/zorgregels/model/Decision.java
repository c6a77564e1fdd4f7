package nl.zorgregels.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The answer to one {@link Assessment}.
 *
 * @param knowledgeBase the knowledge base (version and checksum) the decision was made with
 * @param assessmentDate the date the decision was made for, as in the input
 * @param postCovid     the post-COVID decision; null when the input had no post-COVID section
 */
public record Decision(KnowledgeBaseInfo knowledgeBase, LocalDate assessmentDate, PostCovidDecision postCovid) {

    /** @throws NullPointerException if the knowledge base or date is null */
    public Decision {
        Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        Objects.requireNonNull(assessmentDate, "assessmentDate");
    }
}
