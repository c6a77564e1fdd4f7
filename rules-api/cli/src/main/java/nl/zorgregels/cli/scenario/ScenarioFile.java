package nl.zorgregels.cli.scenario;

import java.util.List;

/**
 * A scenario file: one topic, a complete {@code given} case and scenarios that vary it.
 *
 * @param file      path below the scenario folder, with '/' separators
 * @param title     the requirement the file is about
 * @param scenarios in file order
 */
public record ScenarioFile(String file, String title, List<Scenario> scenarios) {

    /**
     * Copies the list.
     *
     * @param file      path below the scenario folder, with '/' separators
     * @param title     the requirement the file is about
     * @param scenarios in file order
     */
    public ScenarioFile {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * @param name a scenario's name
     * @return the scenario of that name; never null (names are checked when the file is read)
     * @throws IllegalArgumentException if the file has no such scenario
     */
    public Scenario scenario(String name) {
        for (Scenario s : scenarios) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(file + " has no scenario " + name);
    }
}
