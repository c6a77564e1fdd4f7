package nl.zorgregels.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One request for a decision: the facts as known on {@code assessmentDate}. Every date rule is
 * judged against {@code assessmentDate}, never against the clock, so a decision can be replayed.
 *
 * @param assessmentDate the date the decision is made for; required
 * @param patient        required
 * @param postCovid      post-COVID facts; null if no post-COVID decision is wanted
 * @param alk            facts on persistent physical symptoms; null if no ALK advice is wanted
 */
public record Assessment(LocalDate assessmentDate, Patient patient, PostCovidFacts postCovid, AlkFacts alk) {

    /**
     * Oldest age accepted; an older patient is taken to be an input error. */
    public static final int MAXIMUM_AGE_YEARS = 130;

    /**
     * @throws InvalidInputException if a required field is absent, the birth date is after the
     *                               assessment date or more than 130 years before it, or an onset
     *                               date is after the assessment date or before the birth date
     * Checks and copies the components.
     *
     * @param assessmentDate the date the decision is made for; required
     * @param patient required
     * @param postCovid post-COVID facts; null if no post-COVID decision is wanted
     * @param alk facts on persistent physical symptoms; null if no ALK advice is wanted
     */
    public Assessment {
        if (assessmentDate == null) {
            throw new InvalidInputException("assessmentDate", "is required");
        }
        if (patient == null) {
            throw new InvalidInputException("patient", "is required");
        }
        LocalDate birth = patient.birthDate();
        if (birth.isAfter(assessmentDate)) {
            throw new InvalidInputException("patient.birthDate",
                    "must not be after assessmentDate " + assessmentDate + " but was " + birth);
        }
        if (ChronoUnit.YEARS.between(birth, assessmentDate) > MAXIMUM_AGE_YEARS) {
            throw new InvalidInputException("patient.birthDate",
                    "gives an age over " + MAXIMUM_AGE_YEARS + " years on assessmentDate " + assessmentDate
                            + " (was " + birth + ")");
        }
        if (postCovid != null) {
            checkOnset("postCovid.complaintOnsetDate", postCovid.complaintOnsetDate(), birth, assessmentDate);
        }
        if (alk != null) {
            checkOnset("alk.complaintOnsetDate", alk.complaintOnsetDate(), birth, assessmentDate);
        }
    }

    /**
     * An assessment without ALK facts.
     *
     * @param assessmentDate the date the decision is made for; required
     * @param patient        required
     * @param postCovid      post-COVID facts; null if no post-COVID decision is wanted
     * @throws InvalidInputException as the canonical constructor
     */
    public Assessment(LocalDate assessmentDate, Patient patient, PostCovidFacts postCovid) {
        this(assessmentDate, patient, postCovid, null);
    }

    private static void checkOnset(String field, LocalDate onset, LocalDate birth, LocalDate assessmentDate) {
        if (onset == null) {
            return;
        }
        if (onset.isAfter(assessmentDate)) {
            throw new InvalidInputException(field,
                    "must not be after assessmentDate " + assessmentDate + " but was " + onset);
        }
        if (onset.isBefore(birth)) {
            throw new InvalidInputException(field,
                    "must not be before patient.birthDate " + birth + " but was " + onset);
        }
    }
}
