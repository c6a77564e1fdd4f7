package nl.zorgregels.model;

import java.util.Objects;

/**
 * A question to ask for a missing fact (CONTRACT.md §9): one per input path of {@code missingFacts}.
 *
 * @param fact     the input path of the missing fact, e.g. {@code patient.dutchHealthInsurance}
 * @param question the question, in Dutch and English
 */
public record Question(String fact, LocalizedText question) {

    /**
     * Checks and copies the components.
     *
     * @param fact the input path of the missing fact, e.g. {@code patient.dutchHealthInsurance}
     * @param question the question, in Dutch and English
     * @throws NullPointerException if a component is null
     */
    public Question {
        Objects.requireNonNull(fact, "fact");
        Objects.requireNonNull(question, "question");
    }
}
