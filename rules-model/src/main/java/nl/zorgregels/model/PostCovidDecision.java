package nl.zorgregels.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Eligibility for referral to a post-COVID expertise centre.
 *
 * @param ageGroup     ADULT or CHILD on the assessment date (PC-G1)
 * @param outcome      ELIGIBLE, NOT_ELIGIBLE or INSUFFICIENT_DATA
 * @param criteria     every criterion of the age group, ordered by id
 * @param missingFacts input paths of the facts that made a criterion UNKNOWN, sorted; empty if none.
 *                     The centre's own missing fact ({@code patient.umcRegion}) is not among them:
 *                     it never changes the outcome.
 * @param centre       the centre offered (PC-R); null when the outcome is NOT_ELIGIBLE
 * @param notes        notes for the GP and patient (PC-N1, PC-N2 when not NOT_ELIGIBLE), ordered by id
 */
public record PostCovidDecision(AgeGroup ageGroup, Outcome outcome, List<CriterionResult> criteria,
                                List<String> missingFacts, CentreOffer centre, List<Note> notes) {

    /**
     * Checks and copies the components.
     *
     * @param ageGroup ADULT or CHILD on the assessment date (PC-G1)
     * @param outcome ELIGIBLE, NOT_ELIGIBLE or INSUFFICIENT_DATA
     * @param criteria every criterion of the age group, ordered by id
     * @param missingFacts input paths of the facts that made a criterion UNKNOWN, sorted; empty if none. The centre's own missing fact ({@code patient.umcRegion}) is not among them: it never changes the outcome.
     * @param centre the centre offered (PC-R); null when the outcome is NOT_ELIGIBLE
     * @param notes notes for the GP and patient (PC-N1, PC-N2 when not NOT_ELIGIBLE), ordered by id
     * @throws NullPointerException if a component other than {@code centre} is null
     */
    public PostCovidDecision {
        Objects.requireNonNull(ageGroup, "ageGroup");
        Objects.requireNonNull(outcome, "outcome");
        criteria = List.copyOf(criteria);
        missingFacts = List.copyOf(missingFacts);
        notes = List.copyOf(notes);
    }

    /**
     * @param id a criterion id such as {@code PC-A3}
     * @return that criterion's result, or empty if this decision has no such criterion (e.g. a
     *         child's criterion in an adult's decision)
     */
    public Optional<CriterionResult> criterion(String id) {
        for (CriterionResult c : criteria) {
            if (c.id().equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
