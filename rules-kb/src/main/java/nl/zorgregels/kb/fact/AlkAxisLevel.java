package nl.zorgregels.kb.fact;

import nl.zorgregels.model.AlkSeverity;

/**
 * One axis of the ALK card header mapped to a severity level (ALK-S1).
 *
 * @param axis  {@code complaintPattern} or {@code functionalLimitation}
 * @param level MILD, MODERATE or SEVERE; UNKNOWN when the axis is absent from the case
 */
public record AlkAxisLevel(String axis, AlkSeverity level) {
}
