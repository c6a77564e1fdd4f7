package nl.zorgregels.tests;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Test access to how a scenario's input is built ({@link ScenarioReader#merge}, package-private in
 * rules-api), so that the scenario suite and the {@code trace} command build every scenario's input
 * with the same code.
 */
public final class ScenarioInputs {
    private ScenarioInputs() {
    }

    /**
     * {@code over} deep-merged onto a copy of {@code base}: objects merge key by key, a null value
     * removes the key, anything else (scalars, lists) replaces.
     *
     * @param base the scenario file's {@code given}
     * @param over a scenario's {@code with}
     * @return the scenario's input; neither argument is changed
     */
    public static ObjectNode merge(ObjectNode base, ObjectNode over) {
        return nl.zorgregels.cli.ScenarioReader.merge(base, over);
    }
}
