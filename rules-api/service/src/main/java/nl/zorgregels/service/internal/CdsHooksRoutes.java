package nl.zorgregels.service.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import nl.zorgregels.api.internal.audit.AuditTrail;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.KnowledgeBaseInfo;
import nl.zorgregels.service.internal.ops.ServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's routes, answered for {@link nl.zorgregels.service.CdsHooksServlet} (blocking I/O: a
 * decision takes well under a millisecond of CPU). The paths are relative to where the servlet is
 * mounted (mapped at {@code /x/*}, it answers {@code /x/cds-services}):
 * <ul>
 *   <li>{@code GET /cds-services} discovery;</li>
 *   <li>{@code POST /cds-services/zorgregels} the {@code patient-view} call;</li>
 *   <li>{@code POST /cds-services/zorgregels/feedback} card feedback on a card this service issued,
 *       checked (400 naming the field) and logged with the KB version, without free text;</li>
 *   <li>{@code GET /fhir/Questionnaire/intake} the intake Questionnaire;</li>
 *   <li>{@code GET /fhir/StructureDefinition/{id}} and {@code GET /fhir/CodeSystem/{id}} the conformance
 *       resources of what the service writes ({@link nl.zorgregels.fhir.FhirConformance});</li>
 *   <li>{@code GET /health} the KB serving; no token needed.</li>
 * </ul>
 * ({@code /health/live}, {@code /health/ready} and {@code /metrics} are the standalone server's,
 * answered before the servlet by {@link nl.zorgregels.service.internal.ops.OpsHandler}.)
 * Every other path is 404, another method on a known path 405. With a trust list every route but
 * {@code /health} needs a valid bearer token (401 otherwise); without one, those routes answer
 * only clients on a loopback address (403 otherwise), as the standalone server then listens only
 * there.
 */
public final class CdsHooksRoutes {
    /** The service id. */
    public static final String SERVICE_ID = "zorgregels";
    /** Largest request body accepted: 1 MiB. */
    public static final int MAX_BODY = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksRoutes.class);
    private static final Logger FEEDBACK = LoggerFactory.getLogger("nl.zorgregels.service.feedback");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String JSON = "application/json; charset=utf-8";
    private static final String FHIR_JSON = "application/fhir+json; charset=utf-8";
    /** The conformance resources' routes: + the resource's id. */
    private static final String STRUCTURE_DEFINITION = "/fhir/StructureDefinition/";
    private static final String CODE_SYSTEM = "/fhir/CodeSystem/";
    private static final String SERVICE_PATH = "/cds-services/" + SERVICE_ID;
    /** Request attribute: the body has been read to its end. */
    private static final String BODY_READ = "nl.zorgregels.service.bodyRead";
    /** Request attribute: the URL path the service is mounted at (context path and servlet path). */
    private static final String MOUNT = "nl.zorgregels.service.mount";

    private final ReloadableEngine engine;
    private final BiFunction<JsonNode, LocalDate, Assessment> reader;
    private final Supplier<String> questionnaire;
    private final Cards cards;
    private final ClientAuthenticator authenticator;
    private final String publicUrl;
    private final Clock clock;
    private final FhirFetcher fetcher;
    private final byte[] discovery;
    /** The codes the service reads with (the knowledge base's and a deployer's). */
    private final nl.zorgregels.fhir.FhirCodes codes;
    /** The prefetch templates: what a call may send and what is read from its FHIR server. */
    private final Discovery prefetch;
    private final IssuedCards issued = new IssuedCards();
    private final ServiceMetrics metrics;

    /**
     * @param engine        the engine deciding
     * @param reader        the FHIR reader: a collection Bundle (JSON) and the date to an assessment
     * @param questionnaire the intake Questionnaire as FHIR JSON
     * @param lang          the cards' language, nl or en
     * @param authenticator checks bearer tokens; null when requests are not authenticated (loopback only)
     * @param publicUrl     the base URL clients call (behind a reverse proxy), without a trailing
     *                      slash; null to use the URL of the request as received
     * @param clock         gives today when a request sets no assessment date
     * @param metrics       counts the decisions served and the calls not assessable; null for
     *                      no counting (a servlet mounted in another container)
     * @param fetcher       reads what a call's prefetch lacks from its {@code fhirServer}
     * @param discovery     the prefetch templates (from the codes the reader reads)
     */
    public CdsHooksRoutes(ReloadableEngine engine, BiFunction<JsonNode, LocalDate, Assessment> reader,
                         Supplier<String> questionnaire, String lang, ClientAuthenticator authenticator,
                         String publicUrl, Clock clock, ServiceMetrics metrics, FhirFetcher fetcher,
                         Discovery discovery) {
        this.engine = engine;
        this.reader = reader;
        this.questionnaire = questionnaire;
        this.cards = new Cards(lang, engine::text, engine::requirements);
        this.authenticator = authenticator;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.metrics = metrics;
        this.fetcher = fetcher;
        this.prefetch = discovery;
        this.discovery = discovery.json().getBytes(StandardCharsets.UTF_8);
        this.codes = discovery.codes();
    }

    /**
     * Answers one request to the servlet.
     *
     * @param request  the request, its path relative to the servlet's mapping being the route
     * @param response the response, written and completed here
     * @throws IOException if the response cannot be written
     */
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = route(request);
        String method = request.getMethod();
        try {
            switch (path) {
                case "/health" -> {
                    allow(method, "GET", "HEAD");
                    send(request, response, 200, JSON, health());
                }
                case "/cds-services", "/cds-services/" -> {
                    allow(method, "GET");
                    authenticate(request, path);
                    send(request, response, 200, JSON, discovery);
                }
                case SERVICE_PATH -> {
                    long start = System.nanoTime();
                    allow(method, "POST");
                    JWTClaimsSet client = authenticate(request, path);
                    send(request, response, 200, JSON, call(body(request), client, start, serviceBase(request)));
                }
                case SERVICE_PATH + "/feedback" -> {
                    allow(method, "POST");
                    authenticate(request, path);
                    feedback(body(request));
                    send(request, response, 200, JSON, "{}".getBytes(StandardCharsets.UTF_8));
                }
                case "/fhir/Questionnaire/intake/$populate" -> {
                    allow(method, "POST");
                    authenticate(request, path);
                    send(request, response, 200, FHIR_JSON, populate(body(request), request));
                }
                case "/fhir/Questionnaire/intake" -> {
                    allow(method, "GET");
                    authenticate(request, path);
                    send(request, response, 200, FHIR_JSON, questionnaire.get().getBytes(StandardCharsets.UTF_8));
                }
                default -> {
                    if (path.startsWith(STRUCTURE_DEFINITION) || path.startsWith(CODE_SYSTEM)) {
                        allow(method, "GET");
                        authenticate(request, path);
                        send(request, response, 200, FHIR_JSON, conformance(path));
                        return;
                    }
                    if (path.startsWith("/cds-services/")) {
                        throw new HttpError(404, "path", "no CDS service " + path.substring("/cds-services/".length())
                                + " here; the service is " + SERVICE_ID + " (GET /cds-services lists it)");
                    }
                    throw new HttpError(404, "path", "nothing at " + path);
                }
            }
        } catch (HttpError e) {
            if (e.status() == 401) {
                LOG.warn("refused {} {}: {}", method, path, e.rule());
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            } else if (e.status() == 403) {
                LOG.warn("refused {} {} from {}: {}", method, path, request.getRemoteAddr(), e.rule());
            } else if (e.status() == 413) {
                // the rest of the body is not read: close, so that no client reuses the connection
                response.setHeader("Connection", "close");
            } else if (e.status() == 405) {
                response.setHeader("Allow", e.field());
                e = new HttpError(405, "method", e.rule());
            }
            if (request.getContentLengthLong() != 0 && request.getAttribute(BODY_READ) == null) {
                // refused before its body was read: close, rather than leave a keep-alive
                // connection that a client may reuse while the server is discarding that body
                response.setHeader("Connection", "close");
            }
            send(request, response, e.status(), JSON, error(e));
        } catch (KnowledgeBaseException e) {
            LOG.error("knowledge base refused to decide ({}): {}", engine.knowledgeBase(), e.getMessage());
            send(request, response, 500, JSON, error(new HttpError(500, null,
                    "the knowledge base could not decide this record (a defect, reported to the operator); no decision is given")));
        } catch (RuntimeException e) {
            LOG.error("internal error on {} {}", method, path, e);
            send(request, response, 500, JSON, error(new HttpError(500, null, "internal error; no decision is given")));
        }
    }

    /**
     * The route: the request's path relative to the servlet's mapping, and (as a request attribute)
     * the path the servlet is mounted at. Mapped at {@code /x/*} (or {@code /*}) the route is the
     * path info; mapped as the default servlet ({@code /}) or at an exact path, the servlet path.
     */
    private static String route(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        if (pathInfo != null) {
            request.setAttribute(MOUNT, request.getContextPath() + servletPath);
            return pathInfo;
        }
        request.setAttribute(MOUNT, request.getContextPath());
        return servletPath.isEmpty() ? "/" : servletPath;
    }

    /**
     * A conformance resource ({@link nl.zorgregels.fhir.FhirConformance}) of the serving knowledge base:
     * the StructureDefinition of an extension or the CodeSystem of a code system this service writes.
     */
    private byte[] conformance(String path) {
        String type = path.startsWith(STRUCTURE_DEFINITION) ? "StructureDefinition" : "CodeSystem";
        String id = path.substring(path.indexOf('/', "/fhir/".length()) + 1);
        return nl.zorgregels.fhir.FhirConformance.json(engine, codes, type, id).orElseThrow(() -> new HttpError(404,
                "path", "no " + type + " " + id + " here; the " + type + "s served are " + String.join(", ",
                nl.zorgregels.fhir.FhirConformance.resources(engine, codes).stream().filter(r -> r.fhirType().equals(type))
                        .map(r -> r.getIdElement().getIdPart()).toList()) + " (FHIR.md, \"Conformance resources\")"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decides a call: from its prefetch and what {@link FhirFetcher} reads of what it lacks; the
     * slots that could not be read are named in a card of their own. Every call that reaches a decision, or is found not assessable, leaves one
     * audit record ({@link AuditTrail}): who (the token's iss and sub, context.userId), which
     * patient, the outcome and the knowledge base; never the facts or a text.
     */
    private byte[] call(byte[] body, JWTClaimsSet client, long start, String serviceBase) {
        CdsRequest call = CdsRequest.parse(body, clock, fetcher, prefetch);
        for (Unreadable u : call.unreadable()) {
            // the slot and the reason only: no URL (it holds the patient id), never the token
            LOG.info("hookInstance {}: prefetch {} not read: {} {}", call.hookInstance(), u.slot(), u.reason(), u.detail());
        }
        AuditTrail.Request who = new AuditTrail.Request("cds-hooks", client == null ? null : client.getIssuer(),
                client == null ? null : client.getSubject(), call.userId(), call.patientId(), call.hookInstance(), null);
        Decision decision;
        try {
            // the engine refuses a kind of other PAIS its knowledge base does not list (other-pais.csv)
            decision = engine.evaluate(reader.apply(call.bundle(), call.assessmentDate()));
        } catch (InvalidInputException e) {
            String field = call.requestField(e);
            LOG.info("cannot assess hookInstance {}: {}: {}", call.hookInstance(), field, e.rule());
            KnowledgeBaseInfo kb = engine.knowledgeBase();
            byte[] cannot = issued.remember(cards.cannotAssess(call.hookInstance(), field, e.rule(), kb, call.unreadable()));
            AuditTrail.cannotAssess(who, kb, field, start);
            if (metrics != null) {
                metrics.cannotAssess();
            }
            return cannot;
        }
        byte[] answer = issued.remember(cards.decision(call.hookInstance(), decision, call.patientId(), serviceBase,
                call.unreadable()));
        AuditTrail.decision(who, decision, start);
        if (metrics != null) {
            metrics.decision(decision);
        }
        return answer;
    }

    /**
     * SDC {@code $populate} of the intake: the QuestionnaireResponse holding what the record
     * already says. The body is the record, a FHIR Bundle, or a {@code Parameters} carrying it
     * (a parameter, or a part of one such as {@code context.content}, whose resource is a Bundle).
     * The date the record is read for is the query's {@code date} (YYYY-MM-DD), else today.
     */
    private byte[] populate(byte[] body, HttpServletRequest request) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new HttpError(400, "$", "not valid JSON: " + e.getMessage());
        }
        JsonNode bundle = root != null && root.path("resourceType").asText().equals("Parameters") ? bundleIn(root) : root;
        if (bundle == null || !bundle.path("resourceType").asText().equals("Bundle")) {
            throw new HttpError(400, "resourceType", "the body must be the patient's record: a FHIR Bundle, or a Parameters"
                    + " resource with a parameter (or part, e.g. context.content) whose resource is that Bundle");
        }
        String date = queryParameter(request.getQueryString(), "date");
        LocalDate on;
        try {
            on = date.isEmpty() ? LocalDate.now(clock) : LocalDate.parse(date);
        } catch (java.time.format.DateTimeParseException e) {
            throw new HttpError(400, "date", "must be a date YYYY-MM-DD but was " + date);
        }
        try {
            return nl.zorgregels.fhir.FhirQuestionnaire.prefillJson(engine, bundle.toString(), on).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidInputException e) {
            throw new HttpError(400, e.field(), e.rule());
        }
    }

    /** The first value of a query parameter (decoded), without reading a form body; "" when absent. */
    private static String queryParameter(String query, String name) {
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    /** The first Bundle a Parameters resource carries, in a parameter or one of its parts; null if none. */
    private static JsonNode bundleIn(JsonNode parameters) {
        for (JsonNode p : parameters.path("parameter")) {
            if (p.path("resource").path("resourceType").asText().equals("Bundle")) {
                return p.get("resource");
            }
            for (JsonNode part : p.path("part")) {
                if (part.path("resource").path("resourceType").asText().equals("Bundle")) {
                    return part.get("resource");
                }
            }
        }
        return null;
    }

    private void feedback(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new HttpError(400, "$", "not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("feedback").isArray() || root.get("feedback").isEmpty()) {
            throw new HttpError(400, "feedback", "is required: a non-empty array of feedback entries (CDS Hooks 2.0 Feedback)");
        }
        KnowledgeBaseInfo kb = engine.knowledgeBase();
        int i = 0;
        for (JsonNode entry : root.get("feedback")) {
            checkFeedback(entry, "feedback[" + i++ + "]");
        }
        for (JsonNode entry : root.get("feedback")) {
            // what the clinician decided, never what they wrote: the free-text userComment is not logged
            JsonNode reason = entry.path("overrideReason").path("reason");
            List<String> accepted = new ArrayList<>();
            entry.path("acceptedSuggestions").forEach(a -> accepted.add(a.path("id").asText()));
            FEEDBACK.info("feedback kb={} checksum={} card={} outcome={} outcomeTimestamp={} overrideReason={} acceptedSuggestions={}",
                    kb.version(), kb.checksum(), entry.get("card").asText(), entry.get("outcome").asText(),
                    entry.get("outcomeTimestamp").asText(),
                    reason.isMissingNode() ? "-" : reason.path("system").asText() + "|" + reason.path("code").asText(),
                    accepted);
        }
    }

    /** One entry of CDS Hooks 2.0 Feedback: a card this service issued, its outcome and when. */
    private void checkFeedback(JsonNode entry, String at) {
        if (!entry.isObject()) {
            throw new HttpError(400, at, "must be an object with card, outcome and outcomeTimestamp");
        }
        if (!entry.path("card").isTextual()) {
            throw new HttpError(400, at + ".card", "is required: the uuid of the card");
        }
        if (!issued.contains(entry.get("card").asText())) {
            throw new HttpError(400, at + ".card", "is not the uuid of a card this service issued (it remembers the last "
                    + IssuedCards.CAPACITY + " cards since it started)");
        }
        String outcome = entry.path("outcome").asText(null);
        if (!entry.path("outcome").isTextual() || !(outcome.equals("accepted") || outcome.equals("overridden"))) {
            throw new HttpError(400, at + ".outcome", "must be accepted or overridden (CDS Hooks 2.0)");
        }
        if (!entry.path("outcomeTimestamp").isTextual()) {
            throw new HttpError(400, at + ".outcomeTimestamp", "is required: when the clinician acted, an ISO 8601 instant");
        }
        try {
            java.time.OffsetDateTime.parse(entry.get("outcomeTimestamp").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new HttpError(400, at + ".outcomeTimestamp", "must be an ISO 8601 instant with a time zone, e.g. 2026-12-07T10:15:30Z");
        }
        JsonNode suggestions = entry.path("acceptedSuggestions");
        if (!suggestions.isMissingNode()) {
            if (!outcome.equals("accepted") || !suggestions.isArray()) {
                throw new HttpError(400, at + ".acceptedSuggestions", "is an array, only with outcome accepted");
            }
            int j = 0;
            for (JsonNode a : suggestions) {
                if (!a.path("id").isTextual()) {
                    throw new HttpError(400, at + ".acceptedSuggestions[" + j + "].id", "is required: the suggestion's uuid");
                }
                j++;
            }
        }
        JsonNode override = entry.path("overrideReason");
        if (!override.isMissingNode()) {
            if (!outcome.equals("overridden") || !override.isObject()) {
                throw new HttpError(400, at + ".overrideReason", "is an object, only with outcome overridden");
            }
            JsonNode reason = override.path("reason");
            if (!reason.isMissingNode() && !(reason.isObject() && reason.path("code").isTextual())) {
                throw new HttpError(400, at + ".overrideReason.reason", "must be a Coding with a code");
            }
            if (!reason.isMissingNode()) {
                // one of the reasons the cards offer (card.overrideReasons of the knowledge base)
                java.util.Set<String> offered = cards.overrideReasonCodes();
                if (!reason.path("system").asText(Cards.OVERRIDE_REASON_SYSTEM).equals(Cards.OVERRIDE_REASON_SYSTEM)
                        || !offered.contains(reason.path("code").asText())) {
                    throw new HttpError(400, at + ".overrideReason.reason", "must be one of the override reasons the card"
                            + " offered: system " + Cards.OVERRIDE_REASON_SYSTEM + ", code one of "
                            + String.join(", ", new java.util.TreeSet<>(offered)));
                }
            }
            if (!override.path("userComment").isMissingNode() && !override.get("userComment").isTextual()) {
                throw new HttpError(400, at + ".overrideReason.userComment", "must be a string");
            }
        }
    }

    private byte[] health() {
        KnowledgeBaseInfo kb = engine.knowledgeBase();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("status", "UP");
        ObjectNode k = root.putObject("knowledgeBase");
        k.put("version", kb.version());
        k.put("checksum", kb.checksum());
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the verified claims of the request's token; null when requests are not authenticated
     *         (then only a client on a loopback address is answered: 403 otherwise)
     */
    private JWTClaimsSet authenticate(HttpServletRequest request, String path) {
        if (authenticator == null) {
            if (!isLoopback(request.getRemoteAddr())) {
                throw new HttpError(403, null, "requests are not authenticated here (no trust file), so only clients on"
                        + " this machine (loopback) are answered; the operator configures a trust file to admit EHRs");
            }
            return null;
        }
        return authenticator.authenticate(request.getHeader("Authorization"), audience(request, path));
    }

    private static boolean isLoopback(String address) {
        try {
            // a literal address from the connection: no name is looked up
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The URL this service is called at, without a trailing slash (for links to its own endpoints). */
    private String serviceBase(HttpServletRequest request) {
        return audience(request, "");
    }

    /**
     * The URL the client requested, which the token's {@code aud} must be: with a public URL that
     * and the route, else the request's scheme, host, port and path (context path and mapping
     * included); for the path "" the URL the service is mounted at.
     */
    private String audience(HttpServletRequest request, String path) {
        if (publicUrl != null) {
            return publicUrl + path;
        }
        String scheme = request.getScheme();
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        StringBuilder s = new StringBuilder(scheme).append("://").append(host);
        int port = request.getServerPort();
        boolean defaultPort = port <= 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        if (!defaultPort) {
            s.append(':').append(port);
        }
        Object mount = request.getAttribute(MOUNT);
        return s.append(path.isEmpty() ? (mount == null ? "" : mount) : request.getRequestURI()).toString();
    }

    private static void allow(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw new HttpError(405, String.join(", ", allowed), "method " + method + " is not allowed here; allowed: "
                + String.join(", ", allowed));
    }

    /** The body, at most {@link #MAX_BODY} bytes; 413 beyond. */
    private static byte[] body(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length > MAX_BODY) {
            throw tooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length > 0 ? (int) length : 8192);
        try (InputStream in = request.getInputStream()) {
            byte[] buffer = new byte[16384];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BODY) {
                    throw tooLarge();
                }
            }
        } catch (IOException e) {
            throw new HttpError(400, "$", "the body could not be read: " + e.getMessage());
        }
        request.setAttribute(BODY_READ, Boolean.TRUE);
        if (out.size() == 0) {
            throw new HttpError(400, "$", "the body is empty; a JSON object is required");
        }
        return out.toByteArray();
    }

    private static HttpError tooLarge() {
        return new HttpError(413, "$", "the body is larger than " + MAX_BODY + " bytes (1 MiB)");
    }

    private static byte[] error(HttpError e) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("status", e.status());
        if (e.field() != null) {
            error.put("field", e.field());
        }
        error.put("rule", e.rule());
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, int status, String type, byte[] body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
        response.flushBuffer();
    }
}
