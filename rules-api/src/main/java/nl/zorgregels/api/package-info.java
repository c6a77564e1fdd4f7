/**
 * The API an EHR embeds: {@link nl.zorgregels.api.ZorgregelsEngine} decides,
 * {@link nl.zorgregels.api.DecisionJson} reads and writes the JSON contract.
 * {@link nl.zorgregels.api.Requirement} and {@link nl.zorgregels.api.RuleInfo} describe a knowledge
 * base (its requirements list and its rules, see {@code ZorgregelsEngine.requirements()} and
 * {@code rules()}).
 */
package nl.zorgregels.api;
