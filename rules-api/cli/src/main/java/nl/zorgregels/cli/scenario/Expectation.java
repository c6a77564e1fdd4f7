package nl.zorgregels.cli.scenario;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreStatus;
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
 * @param centre        what the centre part (PC-R) must be; null: not checked
 * @param next          what to do next (CONTRACT.md §9); null: not checked
 */
public record Expectation(boolean absent, Outcome outcome, AgeGroup ageGroup, Map<String, CriterionExpectation> criteria,
                   CriterionStatus otherCriteria, List<String> missingFacts, List<String> notes,
                   CentreExpectation centre, NextExpectation next) {

    /** @return the expectation that there is no post-COVID decision */
    public static Expectation noDecision() {
        return new Expectation(true, null, null, Map.of(), null, null, null, null, null);
    }

    /**
     * What one criterion must be.
     *
     * @param status          expected status, never null
     * @param missingFacts    exact set of the criterion's missing facts (order ignored); null: not checked
     * @param messageContains texts that both the Dutch and the English message must contain; may be empty
     */
    public record CriterionExpectation(CriterionStatus status, List<String> missingFacts, List<String> messageContains) {
    }

    /**
     * What the centre part of the decision ({@code PostCovidDecision.centre()}, CONTRACT.md §2 PC-R) must be
     * ({@code expect.postCovid.centre}). A null component is not checked.
     *
     * @param absent          true: there must be no centre part ({@code centre: null}); every other
     *                        component is then null
     * @param status          expected status; never null unless {@code absent}
     * @param centres         the exact list of centres offered, in order
     * @param ruleId          the deciding rule's id, e.g. {@code PC-R4}
     * @param availableFrom   the expected {@code availableFrom} date
     * @param missingFacts    the exact list of the centre's missing facts
     * @param notes           the exact list of the centre's note ids, e.g. {@code [PC-R7]}
     * @param messageContains texts that both the Dutch and the English centre message must contain
     */
    public record CentreExpectation(boolean absent, CentreStatus status, List<Centre> centres, String ruleId,
                             LocalDate availableFrom, List<String> missingFacts, List<String> notes,
                             List<String> messageContains) {

        /** @return the expectation that there is no centre part */
        public static CentreExpectation none() {
            return new CentreExpectation(true, null, null, null, null, null, null, List.of());
        }
    }
}
