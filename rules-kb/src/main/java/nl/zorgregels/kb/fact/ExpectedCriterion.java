package nl.zorgregels.kb.fact;

import nl.zorgregels.model.AgeGroup;

/**
 * Knowledge: a criterion a decision of this part and age group must give exactly one result for,
 * from the {@code decisions} list of {@code requirements.json} (a fact of every session). The
 * outcome rules require every expected criterion to have a result ({@link CriteriaDecided}) before
 * they conclude ELIGIBLE, and the engine refuses a decision in which one has none or two.
 *
 * @param part      the part of the decision
 * @param ageGroup  the patient's age group (PC-G1)
 * @param criterion the criterion's requirement id, e.g. {@code PC-A3}
 */
public record ExpectedCriterion(DecisionPart part, AgeGroup ageGroup, String criterion) {
}
