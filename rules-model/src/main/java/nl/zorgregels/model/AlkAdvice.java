package nl.zorgregels.model;

import java.util.List;
import java.util.Objects;

/**
 * The ALK advice: whether the card applies, the severity and the treatment options.
 *
 * @param outcome      APPLICABLE, NOT_APPLICABLE or INSUFFICIENT_DATA (ALK-D1)
 * @param severity     MILD, MODERATE, SEVERE or UNKNOWN (ALK-S1); null when NOT_APPLICABLE
 * @param criteria     the applicability criterion ALK-D1
 * @param missingFacts input paths of absent facts (applicability and severity axes), sorted
 * @param options      the options, by column (MILD, MODERATE, SEVERE, ALL) then card order; empty
 *                     unless APPLICABLE with a known severity
 * @param warnings     cautions (ALK-W1)
 * @param notes        talking points (ALK-N1) when APPLICABLE
 */
public record AlkAdvice(AlkOutcome outcome, AlkSeverity severity, List<CriterionResult> criteria,
                        List<String> missingFacts, List<AlkOption> options, List<Note> warnings, List<Note> notes) {

    /**
     * Checks and copies the components.
     *
     * @param outcome APPLICABLE, NOT_APPLICABLE or INSUFFICIENT_DATA (ALK-D1)
     * @param severity MILD, MODERATE, SEVERE or UNKNOWN (ALK-S1); null when NOT_APPLICABLE
     * @param criteria the applicability criterion ALK-D1
     * @param missingFacts input paths of absent facts (applicability and severity axes), sorted
     * @param options the options, by column (MILD, MODERATE, SEVERE, ALL) then card order; empty unless APPLICABLE with a known severity
     * @param warnings cautions (ALK-W1)
     * @param notes talking points (ALK-N1) when APPLICABLE
     * @throws NullPointerException if a component other than {@code severity} is null
     */
    public AlkAdvice {
        Objects.requireNonNull(outcome, "outcome");
        criteria = List.copyOf(criteria);
        missingFacts = List.copyOf(missingFacts);
        options = List.copyOf(options);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }
}
