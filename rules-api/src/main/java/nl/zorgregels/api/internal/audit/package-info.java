/**
 * Internal: the audit trail of decisions served ({@link nl.zorgregels.api.internal.audit.AuditTrail}).
 * Not API: these types may change in any release; a deployer routes the logger it writes to.
 */
package nl.zorgregels.api.internal.audit;
