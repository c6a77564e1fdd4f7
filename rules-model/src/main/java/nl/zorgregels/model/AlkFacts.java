package nl.zorgregels.model;

import java.time.LocalDate;

/**
 * What the GP knows about persistent physical symptoms (ALK). Every field is optional: an absent
 * fact is reported as missing, never guessed.
 *
 * @param complaintOnsetDate                 start of the complaints (ALK-D1: at least three months)
 * @param limitsFunctioningOrCausesSuffering the complaints limit functioning or cause suffering (ALK-D1)
 * @param complaintPattern                   first severity axis (ALK-S1)
 * @param functionalLimitation               second severity axis (ALK-S1)
 * @param previousGgzTreatmentWithoutEffect  earlier mental-health treatment without effect (ALK-H1)
 * @param comorbidityToAccountFor            comorbidity the treatment must take into account (ALK-H1)
 * @param meCvsOrPem                         ME/CFS or post-exertional malaise (ALK-W1)
 */
public record AlkFacts(LocalDate complaintOnsetDate, Boolean limitsFunctioningOrCausesSuffering,
                       ComplaintPattern complaintPattern, FunctionalLimitation functionalLimitation,
                       Boolean previousGgzTreatmentWithoutEffect, Boolean comorbidityToAccountFor,
                       Boolean meCvsOrPem) {
}
