package nl.zorgregels.kb.fact;

import java.time.LocalDate;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.Centre;

/**
 * Knowledge: an expertise centre takes patients of an age group from a date on: a row of the table
 * {@code centre-openings.csv} (PC-R1, PC-R2), a fact of every session.
 *
 * @param centre   the centre
 * @param ageGroup adults or children
 * @param openFrom first day it is open; null when the source gives no start date (open on every date)
 */
public record CentreOpening(Centre centre, AgeGroup ageGroup, LocalDate openFrom) {
}
