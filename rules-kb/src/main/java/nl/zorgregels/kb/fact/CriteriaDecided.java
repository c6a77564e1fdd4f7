package nl.zorgregels.kb.fact;

/**
 * Every criterion expected for this part and the patient's age group ({@link ExpectedCriterion})
 * has a result. Inserted (plainly) by the outcome rules' completeness rule, by forall
 * over the expected criteria, once every one of them has a result; ELIGIBLE and INSUFFICIENT_DATA
 * are concluded only when it is there, never from the absence of a NOT_MET result alone. It is the
 * fact that orders the rules that read the absence of a result: the knowledge-base check refuses
 * a rule that concludes with a plain insert from such an absence without it.
 *
 * @param part the part of the decision
 */
public record CriteriaDecided(DecisionPart part) {
}
