package nl.zorgregels.model;

import java.time.LocalDate;

/**
 * The patient. Make one with {@link #builder()}, which names each fact, so that the two yes/no facts
 * ({@code dutchGeneralPractitioner}, {@code dutchHealthInsurance}) cannot be swapped unnoticed:
 * <pre>{@code
 * Patient p = Patient.builder().birthDate(LocalDate.of(1980, 4, 2)).umcRegion(Centre.UMCG)
 *         .dutchGeneralPractitioner(true).dutchHealthInsurance(false).build();
 * }</pre>
 * The canonical constructor stays (a record has one, and the JSON binding uses it) and checks the same.
 * Errors name the field as the JSON input does ({@code patient.birthDate}).
 *
 * @param birthDate                required
 * @param umcRegion                the UMC region the patient lives in; null if not known
 * @param dutchGeneralPractitioner registered with a Dutch GP (PC-X2); null if not known
 * @param dutchHealthInsurance     insured with a Dutch health insurer (PC-X2); null if not known
 */
public record Patient(LocalDate birthDate, Centre umcRegion, Boolean dutchGeneralPractitioner,
                      Boolean dutchHealthInsurance) {

    /** Where this record sits in the input ({@code Assessment.patient}): the prefix of its fields' paths. */
    static final String PATH = "patient.";

    /**
     * Checks and copies the components. Prefer {@link #builder()}, which names each fact.
     *
     * @param birthDate required
     * @param umcRegion the UMC region the patient lives in; null if not known
     * @param dutchGeneralPractitioner registered with a Dutch GP (PC-X2); null if not known
     * @param dutchHealthInsurance insured with a Dutch health insurer (PC-X2); null if not known
     * @throws InvalidInputException (field {@code patient.birthDate}) if {@code birthDate} is absent
     */
    public Patient {
        if (birthDate == null) {
            throw new InvalidInputException(PATH + "birthDate", "is required");
        }
    }

    /**
     * A patient of whom only the birth date is known.
     *
     * @param birthDate required
     * @return the patient
     * @throws InvalidInputException (field {@code patient.birthDate}) if {@code birthDate} is null
     */
    public static Patient born(LocalDate birthDate) {
        return builder().birthDate(birthDate).build();
    }

    /** @return a builder with every fact unknown; the birth date must be set before {@link Builder#build()} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link Patient}; a fact not set stays unknown (null). The setters only record a value;
     * {@link #build()} checks, as the record's constructor does. Not thread-safe.
     */
    public static final class Builder {
        private LocalDate birthDate;
        private Centre umcRegion;
        private Boolean dutchGeneralPractitioner;
        private Boolean dutchHealthInsurance;

        private Builder() {
        }

        /**
         * @param v see {@link Patient#birthDate()}; required
         * @return this
         */
        public Builder birthDate(LocalDate v) { birthDate = v; return this; }

        /**
         * @param v see {@link Patient#umcRegion()}
         * @return this
         */
        public Builder umcRegion(Centre v) { umcRegion = v; return this; }

        /**
         * @param v see {@link Patient#dutchGeneralPractitioner()}
         * @return this
         */
        public Builder dutchGeneralPractitioner(Boolean v) { dutchGeneralPractitioner = v; return this; }

        /**
         * @param v see {@link Patient#dutchHealthInsurance()}
         * @return this
         */
        public Builder dutchHealthInsurance(Boolean v) { dutchHealthInsurance = v; return this; }

        /**
         * @return the patient
         * @throws InvalidInputException (field {@code patient.birthDate}) if the birth date was not set
         */
        public Patient build() {
            return new Patient(birthDate, umcRegion, dutchGeneralPractitioner, dutchHealthInsurance);
        }
    }
}
