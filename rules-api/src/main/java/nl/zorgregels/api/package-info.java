/**
 * The API an EHR embeds: {@link nl.zorgregels.api.ZorgregelsEngine} decides,
 * {@link nl.zorgregels.api.DecisionJson} reads and writes the JSON contract.
 */
package nl.zorgregels.api;
