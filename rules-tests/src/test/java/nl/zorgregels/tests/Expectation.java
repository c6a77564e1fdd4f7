package nl.zorgregels.tests;

import java.util.List;
import java.util.Map;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Outcome;

/**
 * What one scenario expects of the post-COVID part of the decision ({@code expect.postCovid}).
 * A null component is not checked.
 *
 * @param absent        true: there must be no post-COVID decision (every other component is null)
 * @param outcome       the expected outcome; required unless {@code absent}
 * @param ageGroup      the expected age group
 * @param criteria      expected results of the listed criteria, by id (insertion order kept)
 * @param otherCriteria the status every criterion not listed in {@code criteria} must have
 * @param missingFacts  the exact list of the decision's missing facts
 * @param notes         the exact list of note ids
 */
record Expectation(boolean absent, Outcome outcome, AgeGroup ageGroup, Map<String, CriterionExpectation> criteria,
                   CriterionStatus otherCriteria, List<String> missingFacts, List<String> notes) {

    static Expectation noDecision() {
        return new Expectation(true, null, null, Map.of(), null, null, null);
    }

    /**
     * What one criterion must be.
     *
     * @param status          expected status, never null
     * @param missingFacts    exact set of the criterion's missing facts (order ignored); null: not checked
     * @param messageContains texts that both the Dutch and the English message must contain; may be empty
     */
    record CriterionExpectation(CriterionStatus status, List<String> missingFacts, List<String> messageContains) {
    }
}
