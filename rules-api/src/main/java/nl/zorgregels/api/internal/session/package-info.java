/**
 * Internal: Drools sessions and the assembly of decisions of the engine. Not API: these types may change in any release; an embedder
 * uses {@link nl.zorgregels.api}.
 */
package nl.zorgregels.api.internal.session;
