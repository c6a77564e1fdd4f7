package nl.zorgregels.kb.fact;

/**
 * Every criterion expected for this part and the patient's age group ({@link ExpectedCriterion})
 * has a result. Inserted logically by the outcome rules' completeness rule; ELIGIBLE and
 * INSUFFICIENT_DATA are concluded only while it holds, never from the absence of a NOT_MET result
 * alone.
 *
 * @param part the part of the decision
 */
public record CriteriaDecided(DecisionPart part) {
}
