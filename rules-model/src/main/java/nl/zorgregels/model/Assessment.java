package nl.zorgregels.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One request for a decision: the facts as known on {@code assessmentDate}. Every date rule is
 * judged against {@code assessmentDate}, never against the clock, so a decision can be replayed.
 * Make one with {@link #builder()}, as its parts ({@link Patient#builder()},
 * {@link PostCovidFacts#builder()}, {@link AlkFacts#builder()}):
 * <pre>{@code
 * Assessment a = Assessment.builder().assessmentDate(LocalDate.of(2026, 11, 23))
 *         .patient(Patient.builder().birthDate(LocalDate.of(1980, 4, 2)).build())
 *         .postCovid(PostCovidFacts.builder().bellScore(50).build())
 *         .build();
 * }</pre>
 * Errors name the field as the JSON input does ({@code patient.birthDate},
 * {@code postCovid.complaintOnsetDate}).
 *
 * @param assessmentDate the date the decision is made for; required
 * @param patient        required
 * @param postCovid      post-COVID facts; null if no post-COVID decision is wanted
 * @param alk            facts on persistent physical symptoms; null if no ALK advice is wanted
 */
public record Assessment(LocalDate assessmentDate, Patient patient, PostCovidFacts postCovid, AlkFacts alk) {

    /** Oldest age accepted; an older patient is taken to be an input error. */
    public static final int MAXIMUM_AGE_YEARS = 130;

    /**
     * Checks and copies the components.
     *
     * @param assessmentDate the date the decision is made for; required
     * @param patient required
     * @param postCovid post-COVID facts; null if no post-COVID decision is wanted
     * @param alk facts on persistent physical symptoms; null if no ALK advice is wanted
     * @throws InvalidInputException if a required field is absent ({@code assessmentDate},
     *                               {@code patient}), the birth date is after the assessment date or
     *                               more than 130 years before it ({@code patient.birthDate}), or an
     *                               onset date is after the assessment date or before the birth date
     *                               ({@code postCovid.complaintOnsetDate}, {@code alk.complaintOnsetDate})
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
            throw new InvalidInputException(Patient.PATH + "birthDate",
                    "must not be after assessmentDate " + assessmentDate + " but was " + birth);
        }
        if (ChronoUnit.YEARS.between(birth, assessmentDate) > MAXIMUM_AGE_YEARS) {
            throw new InvalidInputException(Patient.PATH + "birthDate",
                    "gives an age over " + MAXIMUM_AGE_YEARS + " years on assessmentDate " + assessmentDate
                            + " (was " + birth + ")");
        }
        if (postCovid != null) {
            checkOnset(PostCovidFacts.PATH + "complaintOnsetDate", postCovid.complaintOnsetDate(), birth, assessmentDate);
        }
        if (alk != null) {
            checkOnset(AlkFacts.PATH + "complaintOnsetDate", alk.complaintOnsetDate(), birth, assessmentDate);
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

    /** @return a builder with nothing set; the date and the patient must be set before {@link Builder#build()} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds an {@link Assessment}; a section not set stays absent (no decision for it). The setters
     * only record a value; {@link #build()} checks, as the record's constructor does. Not thread-safe.
     */
    public static final class Builder {
        private LocalDate assessmentDate;
        private Patient patient;
        private PostCovidFacts postCovid;
        private AlkFacts alk;

        private Builder() {
        }

        /**
         * @param v see {@link Assessment#assessmentDate()}; required
         * @return this
         */
        public Builder assessmentDate(LocalDate v) { assessmentDate = v; return this; }

        /**
         * @param v see {@link Assessment#patient()}; required
         * @return this
         */
        public Builder patient(Patient v) { patient = v; return this; }

        /**
         * @param v see {@link Assessment#postCovid()}; null: no post-COVID decision
         * @return this
         */
        public Builder postCovid(PostCovidFacts v) { postCovid = v; return this; }

        /**
         * @param v see {@link Assessment#alk()}; null: no ALK advice
         * @return this
         */
        public Builder alk(AlkFacts v) { alk = v; return this; }

        /**
         * @return the assessment
         * @throws InvalidInputException as the record's constructor, naming the field's input path
         */
        public Assessment build() {
            return new Assessment(assessmentDate, patient, postCovid, alk);
        }
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
