package nl.zorgregels.model;

import java.time.LocalDate;
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
 * @param questions    one question per missing fact, in {@code missingFacts} order (CONTRACT.md §9); empty if none
 * @param reassessFrom for a NOT_ELIGIBLE decision whose NOT_MET criteria are all durations: the
 *                     earliest later date on which the same facts meet no criterion NOT_MET, found by
 *                     deciding them on later dates (at most two years on); null otherwise (CONTRACT.md §9)
 * @param centre       the centre part (PC-R): null when the outcome is NOT_ELIGIBLE, unless the
 *                     patient is already treated at a centre (PC-R6, given whatever the outcome)
 * @param warnings     consistency warnings on the facts (PC-W1), ordered by id; empty if none
 * @param notes        notes for the GP and patient, ordered by id
 */
public record PostCovidDecision(AgeGroup ageGroup, Outcome outcome, List<CriterionResult> criteria,
                                List<String> missingFacts, List<Question> questions, LocalDate reassessFrom,
                                CentreOffer centre, List<Note> warnings, List<Note> notes) {

    /**
     * Checks and copies the components.
     *
     * @param ageGroup ADULT or CHILD on the assessment date (PC-G1)
     * @param outcome ELIGIBLE, NOT_ELIGIBLE or INSUFFICIENT_DATA
     * @param criteria every criterion of the age group, ordered by id
     * @param missingFacts input paths of the facts that made a criterion UNKNOWN, sorted; empty if none. The centre's own missing fact ({@code patient.umcRegion}) is not among them: it never changes the outcome.
     * @param questions one question per missing fact, in {@code missingFacts} order (CONTRACT.md §9); empty if none
     * @param reassessFrom for a NOT_ELIGIBLE decision whose NOT_MET criteria are all durations: the earliest later date on which the same facts meet no criterion NOT_MET, found by deciding them on later dates (at most two years on); null otherwise (CONTRACT.md §9)
     * @param centre the centre part (PC-R): null when the outcome is NOT_ELIGIBLE, unless the patient is already treated at a centre (PC-R6, given whatever the outcome)
     * @param warnings consistency warnings on the facts (PC-W1), ordered by id; empty if none
     * @param notes notes for the GP and patient, ordered by id
     * @throws NullPointerException if a component other than {@code reassessFrom} or {@code centre} is null
     */
    public PostCovidDecision {
        Objects.requireNonNull(ageGroup, "ageGroup");
        Objects.requireNonNull(outcome, "outcome");
        criteria = List.copyOf(criteria);
        missingFacts = List.copyOf(missingFacts);
        questions = List.copyOf(questions);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /**
     * A decision without questions, reassessment date or warnings.
     *
     * @param ageGroup     the age group
     * @param outcome      the outcome
     * @param criteria     the criteria
     * @param missingFacts the missing facts
     * @param centre       the centre part, or null
     * @param notes        the notes
     */
    public PostCovidDecision(AgeGroup ageGroup, Outcome outcome, List<CriterionResult> criteria,
                             List<String> missingFacts, CentreOffer centre, List<Note> notes) {
        this(ageGroup, outcome, criteria, missingFacts, List.of(), null, centre, List.of(), notes);
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
