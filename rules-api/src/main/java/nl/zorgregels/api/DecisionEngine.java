package nl.zorgregels.api;

import java.util.Optional;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.KnowledgeBaseInfo;
import nl.zorgregels.model.LocalizedText;

/**
 * What an EHR calls to decide: {@link ZorgregelsEngine} (one knowledge base for its lifetime) and
 * {@link ReloadableEngine} (a knowledge base that can be replaced while it serves) both are one.
 * Implementations are safe to use from any number of threads.
 *
 * <pre>{@code
 * DecisionEngine engine = ZorgregelsEngine.packaged();           // build once, share
 * Decision d = engine.evaluate(DecisionJson.readAssessment(json));
 * String out = DecisionJson.write(d);                            // CONTRACT.md output JSON
 * }</pre>
 */
public interface DecisionEngine {

    /**
     * Decides every part the assessment has facts for.
     *
     * @param assessment the facts; already validated by its constructor
     * @return the decision, with a post-COVID part if the assessment has post-COVID facts and an
     *         ALK part if it has ALK facts; it records the knowledge base it was made with
     * @throws NullPointerException   if {@code assessment} is null
     * @throws KnowledgeBaseException if the rules derive something inconsistent (a defect in the
     *                                knowledge base, never a property of the input)
     */
    Decision evaluate(Assessment assessment);

    /** @return version and checksum of the knowledge base now deciding */
    KnowledgeBaseInfo knowledgeBase();

    /**
     * A text of the knowledge base now deciding, for presenting its decisions and asking for its
     * facts: a label ({@code value.UMCG}), the question for an input fact
     * ({@code question.postCovid.bellScore}) or a heading.
     *
     * @param key the message key
     * @return the text in Dutch and English, or empty if the knowledge base has no such text (or
     *         it is a template that needs facts)
     * @throws NullPointerException if {@code key} is null
     */
    Optional<LocalizedText> text(String key);
}
