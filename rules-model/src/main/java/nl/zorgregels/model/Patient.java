package nl.zorgregels.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The patient.
 *
 * @param birthDate                required
 * @param umcRegion                the UMC region the patient lives in; null if not known
 * @param dutchGeneralPractitioner registered with a Dutch GP (PC-X2); null if not known
 * @param dutchHealthInsurance     insured with a Dutch health insurer (PC-X2); null if not known
 */
public record Patient(LocalDate birthDate, Centre umcRegion, Boolean dutchGeneralPractitioner,
                      Boolean dutchHealthInsurance) {

    /**
     * Checks and copies the components.
     *
     * @param birthDate required
     * @param umcRegion the UMC region the patient lives in; null if not known
     * @param dutchGeneralPractitioner registered with a Dutch GP (PC-X2); null if not known
     * @param dutchHealthInsurance insured with a Dutch health insurer (PC-X2); null if not known
     * @throws InvalidInputException if {@code birthDate} is absent
     */
    public Patient {
        if (birthDate == null) {
            throw new InvalidInputException("birthDate", "is required");
        }
    }

    /**
     * A patient of whom only the birth date is known.
     *
     * @param birthDate required
     * @return the patient
     */
    public static Patient born(LocalDate birthDate) {
        return new Patient(Objects.requireNonNull(birthDate, "birthDate"), null, null, null);
    }
}
