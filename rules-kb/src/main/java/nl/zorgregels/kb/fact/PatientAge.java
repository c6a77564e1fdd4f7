package nl.zorgregels.kb.fact;

import java.time.LocalDate;
import nl.zorgregels.model.AgeGroup;

/**
 * The patient's age on the assessment date, derived by the PC-G1 rules.
 *
 * @param ageGroup ADULT or CHILD
 * @param years    full years on the assessment date
 * @param adultFrom for a child, the first date on which the patient is an adult (the day the
 *                 age in full years reaches the adult age); null for an adult. A decision on a
 *                 later date looks at it: the age group, and so the criteria, change that day.
 */
public record PatientAge(AgeGroup ageGroup, long years, LocalDate adultFrom) {
}
