/**
 * The {@code zorgregels} command line ({@link nl.zorgregels.cli.Main}). Not part of the
 * embedding API.
 */
package nl.zorgregels.cli;
