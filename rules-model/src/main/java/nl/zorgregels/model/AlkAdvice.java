package nl.zorgregels.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The ALK advice: whether the card applies, the severity and the treatment options.
 *
 * @param outcome      APPLICABLE, NOT_APPLICABLE or INSUFFICIENT_DATA (ALK-D1)
 * @param severity     MILD, MODERATE, SEVERE or UNKNOWN (ALK-S1); null when NOT_APPLICABLE
 * @param severityMessage how the severity follows from the two axes (ALK-S1); null when NOT_APPLICABLE
 * @param criteria     the applicability criterion ALK-D1
 * @param missingFacts input paths of absent facts (applicability and severity axes), sorted
 * @param questions    one question per missing fact, in {@code missingFacts} order; empty if none
 * @param reassessFrom for NOT_APPLICABLE only because the complaints last less than three months:
 *                     the date from which the card applies with the same facts (found by deciding
 *                     them on that date); null otherwise
 * @param options      the options, by column (MILD, MODERATE, SEVERE, ALL) then card order; empty
 *                     unless APPLICABLE with a known severity
 * @param columnReading with options: that their columns (MILD, MODERATE, SEVERE) are this project's
 *                     reading of the card (CONTRACT.md §9); null without options
 * @param warnings     cautions, ALK-W1 first
 * @param notes        talking points (ALK-N1) when APPLICABLE
 */
public record AlkAdvice(AlkOutcome outcome, AlkSeverity severity, LocalizedText severityMessage,
                        List<CriterionResult> criteria, List<String> missingFacts, List<Question> questions,
                        LocalDate reassessFrom, List<AlkOption> options, LocalizedText columnReading,
                        List<Note> warnings, List<Note> notes) {

    /**
     * Checks and copies the components.
     *
     * @param outcome APPLICABLE, NOT_APPLICABLE or INSUFFICIENT_DATA (ALK-D1)
     * @param severity MILD, MODERATE, SEVERE or UNKNOWN (ALK-S1); null when NOT_APPLICABLE
     * @param severityMessage how the severity follows from the two axes (ALK-S1); null when NOT_APPLICABLE
     * @param criteria the applicability criterion ALK-D1
     * @param missingFacts input paths of absent facts (applicability and severity axes), sorted
     * @param questions one question per missing fact, in {@code missingFacts} order; empty if none
     * @param reassessFrom for NOT_APPLICABLE only because the complaints last less than three months: the date from which the card applies with the same facts (found by deciding them on that date); null otherwise
     * @param options the options, by column (MILD, MODERATE, SEVERE, ALL) then card order; empty unless APPLICABLE with a known severity
     * @param columnReading with options: that their columns (MILD, MODERATE, SEVERE) are this project's reading of the card (CONTRACT.md §9); null without options
     * @param warnings cautions, ALK-W1 first
     * @param notes talking points (ALK-N1) when APPLICABLE
     * @throws NullPointerException if a component other than {@code severity}, {@code severityMessage}, {@code reassessFrom} or {@code columnReading} is null
     */
    public AlkAdvice {
        Objects.requireNonNull(outcome, "outcome");
        criteria = List.copyOf(criteria);
        missingFacts = List.copyOf(missingFacts);
        questions = List.copyOf(questions);
        options = List.copyOf(options);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /**
     * An advice without severity message, questions or reassessment date.
     *
     * @param outcome      the outcome
     * @param severity     the severity, or null
     * @param criteria     the criteria
     * @param missingFacts the missing facts
     * @param options      the options
     * @param warnings     the warnings
     * @param notes        the notes
     */
    public AlkAdvice(AlkOutcome outcome, AlkSeverity severity, List<CriterionResult> criteria,
                     List<String> missingFacts, List<AlkOption> options, List<Note> warnings, List<Note> notes) {
        this(outcome, severity, null, criteria, missingFacts, List.of(), null, options, null, warnings, notes);
    }
}
