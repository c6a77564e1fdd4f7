package nl.zorgregels.kb.fact;

import nl.zorgregels.model.AgeGroup;

/**
 * The patient's age on the assessment date, derived by the PC-G1 rules.
 *
 * @param ageGroup ADULT or CHILD
 * @param years    full years on the assessment date
 */
public record PatientAge(AgeGroup ageGroup, long years) {
}
