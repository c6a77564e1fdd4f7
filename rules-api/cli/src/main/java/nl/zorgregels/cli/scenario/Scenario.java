package nl.zorgregels.cli.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One scenario of a scenario file, with its input already merged ({@code with} over {@code given}).
 *
 * @param file   the file's path below {@code scenarios/}, with '/' separators
 * @param name   the scenario's name, unique in its file
 * @param input  the merged input, in the JSON shape of CONTRACT.md §4
 * @param expect what the post-COVID decision must be ({@code expect.postCovid}); null: not checked
 * @param alk    what the ALK advice must be ({@code expect.alk}); null: not checked
 * @param sameAs name of another scenario of the same file whose decision must be the same
 *               (outcome, age group, criteria statuses and missing facts, notes; for ALK outcome,
 *               severity, criteria, missing facts, options, warnings and notes); null if none
 * @param safety         the exact list of the ids of the decision's safety items, in order
 *                       ({@code expect.safety}); null: not checked
 * @param safetyContains per safety item id, texts its message must contain, per language
 *                       ({@code expect.safetyContains}); the item must be there
 * @param report         per language, what the text report must and must not contain
 *                       ({@code expect.report}); empty: not checked
 * @param letter         what the patient letter must be ({@code expect.letter}); null: not checked
 */
public record Scenario(String file, String name, ObjectNode input, Expectation expect, AlkExpectation alk, String sameAs,
                       List<String> safety, Map<String, AlkExpectation.Texts> safetyContains,
                       Map<String, OutputExpectation> report, LetterExpectation letter) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return {@code file / name}, the test's display name */
    public String displayName() {
        return file + " / " + name;
    }

    /** @return the merged input as a JSON document, what {@code DecisionJson.readAssessment} binds */
    public String inputJson() {
        try {
            return JSON.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
