package nl.zorgregels.kb.fact;

import java.util.Set;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkColumn;

/**
 * Knowledge: one treatment option of the ALK card (ALK-T), a row of the table {@code alk-options.csv}
 * (a fact of every session). Its texts (name, referral, reimbursement) are columns of the same row;
 * the rules do not need them, so they are not part of the fact.
 *
 * @param id        option id, e.g. {@code BASIS_GGZ}
 * @param column    the card column (ALL: the medical specialist, in every column)
 * @param ageGroups the age groups the option is offered to (the table's {@code ageGroups}); never empty
 * @param cardOrder position on the card (1 = first), for a stable order
 * @param asksExertion whether the option asks for physical exertion (the table's reading; with ME/CVS
 *                  or PEM recorded it carries the ALK-W1 caution)
 * @param source    the card passage the option rests on
 */
public record AlkOptionInfo(String id, AlkColumn column, Set<AgeGroup> ageGroups, int cardOrder, boolean asksExertion,
                            String source) {

    /** Copies the age groups. */
    public AlkOptionInfo {
        ageGroups = Set.copyOf(ageGroups);
    }
}
