package nl.zorgregels.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one guideline criterion.
 *
 * @param id           requirement id, e.g. {@code PC-A3}
 * @param status       MET, NOT_MET or UNKNOWN
 * @param message      what was decided and why, the facts filled in
 * @param source       the guideline passage the criterion rests on (seed file and passage)
 * @param facts        the input facts (and thresholds) the criterion used, by name, sorted by name;
 *                     values are strings, numbers, booleans or lists of strings, in one form
 *                     whether the engine made them or {@code DecisionJson.readDecision} read them:
 *                     a whole number is a {@link Long}, any other number a
 *                     {@link java.math.BigDecimal}, a date its text {@code YYYY-MM-DD}, an enum
 *                     constant its name, a list unmodifiable; so a decision read back from its JSON
 *                     equals the one written
 * @param missingFacts input paths of the absent facts that make it UNKNOWN; empty otherwise
 * @param toMeet       for NOT_MET and UNKNOWN: what would make it MET (CONTRACT.md §9); null when MET
 */
public record CriterionResult(String id, CriterionStatus status, LocalizedText message, String source,
                              Map<String, Object> facts, List<String> missingFacts, ToMeet toMeet) {

    /**
     * A result without {@code toMeet}.
     *
     * @param id           requirement id
     * @param status       the status
     * @param message      the message
     * @param source       the source passage
     * @param facts        the facts used
     * @param missingFacts the absent input paths
     */
    public CriterionResult(String id, CriterionStatus status, LocalizedText message, String source,
                           Map<String, Object> facts, List<String> missingFacts) {
        this(id, status, message, source, facts, missingFacts, null);
    }

    /**
     * Checks and copies the components.
     *
     * @param id requirement id, e.g. {@code PC-A3}
     * @param status MET, NOT_MET or UNKNOWN
     * @param message what was decided and why, the facts filled in
     * @param source the guideline passage the criterion rests on (seed file and passage)
     * @param facts the input facts (and thresholds) the criterion used, by name; values are strings, numbers, booleans or lists of strings, copied in the one form the record describes (an {@code Integer} becomes a {@code Long}, a {@code LocalDate} its text)
     * @param missingFacts input paths of the absent facts that make it UNKNOWN; empty otherwise
     * @param toMeet for NOT_MET and UNKNOWN: what would make it MET (CONTRACT.md §9); null when MET
     * @throws NullPointerException if any component other than {@code toMeet} is null
     */
    public CriterionResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        facts = FactValues.of(Objects.requireNonNull(facts, "facts"));
        missingFacts = List.copyOf(missingFacts);
    }
}
