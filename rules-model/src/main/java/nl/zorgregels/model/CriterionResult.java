package nl.zorgregels.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of one guideline criterion.
 *
 * @param id           requirement id, e.g. {@code PC-A3}
 * @param status       MET, NOT_MET or UNKNOWN
 * @param message      what was decided and why, the facts filled in
 * @param source       the guideline passage the criterion rests on (seed file and passage)
 * @param facts        the input facts (and thresholds) the criterion used, by name, sorted by name;
 *                     values are strings, numbers, booleans or lists of strings
 * @param missingFacts input paths of the absent facts that make it UNKNOWN; empty otherwise
 * @param toMeet       for NOT_MET and UNKNOWN: what would make it MET (SPEC §9); null when MET
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
     * @param facts the input facts (and thresholds) the criterion used, by name, sorted by name; values are strings, numbers, booleans or lists of strings
     * @param missingFacts input paths of the absent facts that make it UNKNOWN; empty otherwise
     * @param toMeet for NOT_MET and UNKNOWN: what would make it MET (SPEC §9); null when MET
     * @throws NullPointerException if any component other than {@code toMeet} is null
     */
    public CriterionResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        facts = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(facts, "facts")));
        missingFacts = List.copyOf(missingFacts);
    }
}
