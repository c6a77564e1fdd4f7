package nl.zorgregels.tests;

import java.util.List;

/**
 * A scenario file: one topic, a complete {@code given} case and scenarios that vary it.
 *
 * @param file      path below {@code scenarios/}, with '/' separators
 * @param title     the requirement the file is about
 * @param scenarios in file order
 */
record ScenarioFile(String file, String title, List<Scenario> scenarios) {

    ScenarioFile {
        scenarios = List.copyOf(scenarios);
    }

    /** @return the scenario of that name; never null (names are checked when the file is read) */
    Scenario scenario(String name) {
        for (Scenario s : scenarios) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(file + " has no scenario " + name);
    }
}
