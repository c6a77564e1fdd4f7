/**
 * The CDS Hooks 2.0 service ({@code serve}): an HTTP service an EHR calls when a GP opens a chart
 * ({@code patient-view}), answering with cards that carry the Zorgregels decision. Start it with
 * {@link nl.zorgregels.service.CdsHooksServer#builder(nl.zorgregels.api.ReloadableEngine)}.
 *
 * <p>Needs the optional dependencies Jetty ({@code org.eclipse.jetty:jetty-server},
 * {@code org.eclipse.jetty.ee10:jetty-ee10-servlet}; not for {@link nl.zorgregels.service.CdsHooksServlet}, which
 * a servlet container mounts) and
 * nimbus-jose-jwt on the class path; the command line has them in {@code target/lib}.
 */
package nl.zorgregels.service;
