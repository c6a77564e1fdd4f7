/**
 * Internals of the CDS Hooks service: request parsing, client authentication, cards, routing and
 * the knowledge-base watcher. <b>Not API</b>: may change in any release; use
 * {@link nl.zorgregels.service.CdsHooksServer}.
 */
package nl.zorgregels.service.internal;
