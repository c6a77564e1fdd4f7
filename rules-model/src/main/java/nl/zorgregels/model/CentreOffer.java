package nl.zorgregels.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Which post-COVID expertise centre the patient is offered on the assessment date (PC-R).
 *
 * @param status        OFFERED, NONE_YET or UNKNOWN
 * @param centres       the centres offered (one, or for a child whose region has no children's
 *                      centre all open ones); empty unless OFFERED
 * @param ruleId        the requirement id of the deciding rule, e.g. {@code PC-R4}
 * @param message       why, in Dutch and English
 * @param availableFrom for NONE_YET: the first date a place can be offered; null otherwise
 * @param missingFacts  for UNKNOWN: the absent input paths ({@code patient.umcRegion}); empty otherwise
 * @param notes         notes that go with the offer (PC-R7 for a place outside the own region)
 */
public record CentreOffer(CentreStatus status, List<Centre> centres, String ruleId, LocalizedText message,
                          LocalDate availableFrom, List<String> missingFacts, List<Note> notes) {

    /**
     * Checks and copies the components.
     *
     * @param status OFFERED, NONE_YET or UNKNOWN
     * @param centres the centres offered (one, or for a child whose region has no children's centre all open ones); empty unless OFFERED
     * @param ruleId the requirement id of the deciding rule, e.g. {@code PC-R4}
     * @param message why, in Dutch and English
     * @param availableFrom for NONE_YET: the first date a place can be offered; null otherwise
     * @param missingFacts for UNKNOWN: the absent input paths ({@code patient.umcRegion}); empty otherwise
     * @param notes notes that go with the offer (PC-R7 for a place outside the own region)
     * @throws NullPointerException if a required component is null
     */
    public CentreOffer {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(message, "message");
        centres = List.copyOf(centres);
        missingFacts = List.copyOf(missingFacts);
        notes = List.copyOf(notes);
    }
}
