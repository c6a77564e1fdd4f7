/**
 * Scenario files, the decisions an author expects, kept beside the knowledge base: read strictly
 * ({@link nl.zorgregels.cli.scenario.ScenarioFiles}) and checked against a knowledge base's
 * decisions ({@link nl.zorgregels.cli.scenario.ScenarioChecks}), by {@code check-kb} and by the
 * scenario suite of rules-tests. Part of the command line, not of the embedding API.
 */
package nl.zorgregels.cli.scenario;
