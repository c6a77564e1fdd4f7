/**
 * Operations of the CDS Hooks service: its metrics ({@code /metrics}, Prometheus text format, one
 * registry per server), liveness and readiness ({@code /health/live}, {@code /health/ready}) and
 * the TLS set-up. Internal: not API.
 */
package nl.zorgregels.service.internal.ops;
