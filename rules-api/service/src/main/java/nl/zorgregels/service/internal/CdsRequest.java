package nl.zorgregels.service.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import nl.zorgregels.api.internal.json.StrictJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.zorgregels.model.InvalidInputException;

/**
 * A {@code patient-view} call, checked, with its prefetch turned into ONE FHIR collection Bundle
 * (the Patient, then the entries of the searchset Bundles {@code conditions}, {@code observations},
 * {@code procedures} and {@code questionnaireResponses}) for the FHIR reader. What the prefetch lacks
 * is read from the call's {@code fhirServer} ({@link FhirFetcher}) when the call gives it with
 * {@code fhirAuthorization}; a slot that cannot be read (an {@code OperationOutcome}, a failed read,
 * a bound exceeded, absent without access) is left out whole and named in {@code unreadable}.
 *
 * @param hookInstance   the call's {@code hookInstance}
 * @param patientId      {@code context.patientId}
 * @param userId         {@code context.userId} (who is looking, e.g. {@code Practitioner/123}), or null
 *                       when the client sends none
 * @param bundle         the collection Bundle, as the JSON tree the request was read into (not copied)
 * @param origins        for each entry of the Bundle, where in the request it came from
 *                       ({@code prefetch.patient}, {@code prefetch.conditions.entry[2].resource},
 *                       {@code fhirServer.observations.page[1].entry[0].resource})
 * @param assessmentDate the date to decide for
 * @param unreadable     the prefetch slots that could not be read, in the discovery's order: the
 *                       decision is made without them
 */
public record CdsRequest(String hookInstance, String patientId, String userId, JsonNode bundle, List<String> origins,
                         LocalDate assessmentDate, List<Unreadable> unreadable) {
    /** The hook this service answers. */
    public static final String HOOK = "patient-view";
    /** The request extension that sets the assessment date. */
    public static final String DATE_EXTENSION = "nl.zorgregels.assessmentDate";
    /** The searchset prefetch keys, in the order their entries go into the Bundle. */

    /**
     * The request's parser, with the limits of the FHIR reader ({@code FhirJson}: nesting 64,
     * strings of 1 MiB, numbers of 40 characters, duplicate keys refused, decimals kept exact), so
     * the Bundle it builds goes to the reader as a tree, without being written and read again. A
     * resource sits two levels deeper in the request than in that Bundle, so the nesting limit
     * holds there too.
     */
    static final JsonMapper MAPPER = JsonMapper.builder(StrictJson.factory(64, 1 << 20, 40))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern ENTRY = Pattern.compile("^Bundle\\.entry\\[(\\d+)](\\.resource)?");

    /**
     * @param body  the request body (UTF-8 JSON)
     * @param clock   the clock giving today when the request sets no date
     * @param fetcher reads what the prefetch lacks from the request's {@code fhirServer}, when it
     *                gives one with {@code fhirAuthorization}
     * @param discovery the prefetch templates the service asks for
     * @return the checked request
     * @throws HttpError 400 naming the field for a malformed request, 412 when the Patient is neither
     *                   prefetched nor read from the FHIR server
     */
    public static CdsRequest parse(byte[] body, Clock clock, FhirFetcher fetcher, Discovery discovery) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new HttpError(400, "$", "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpError(400, "$", "cannot read the body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new HttpError(400, "$", "must be a JSON object (a CDS Hooks request)");
        }
        String hook = text(root, "hook", "hook");
        if (!hook.equals(HOOK)) {
            throw new HttpError(400, "hook", "this service answers hook " + HOOK + " but the request is for " + hook);
        }
        String hookInstance = text(root, "hookInstance", "hookInstance");
        JsonNode context = root.get("context");
        if (context == null || context.isNull()) {
            throw new HttpError(400, "context", "is required (an object with patientId)");
        }
        if (!context.isObject()) {
            throw new HttpError(400, "context", "must be an object with patientId");
        }
        String patientId = text(context, "patientId", "context.patientId");
        String userId = context.hasNonNull("userId") ? text(context, "userId", "context.userId") : null;
        LocalDate date = assessmentDate(root.get("extension"), clock);

        JsonNode prefetch = root.get("prefetch");
        if (prefetch != null && !prefetch.isNull() && !prefetch.isObject()) {
            throw new HttpError(400, "prefetch", "must be an object of prefetch keys");
        }
        if (prefetch == null || prefetch.isNull()) {
            prefetch = JsonNodeFactory.instance.objectNode();
        }
        FhirFetcher.Access access = access(root);
        List<FhirFetcher.Job> jobs = new ArrayList<>();
        Map<String, Unreadable> unreadable = new LinkedHashMap<>();

        JsonNode patient = prefetch.get("patient");
        if (patient == null && access != null) {
            jobs.add(new FhirFetcher.Job("patient", access.template(discovery.prefetch().get(Discovery.PATIENT), patientId), true, 0, 0));
        } else if (patient == null || patient.isNull()) {
            throw new HttpError(412, "prefetch.patient", "the Patient resource was " + (patient == null
                    ? "not prefetched, and the request gives no fhirServer with fhirAuthorization to read it from:"
                    + " prefetch patient (Patient/{{context.patientId}}) or give fhirServer and fhirAuthorization"
                    : "prefetched as null (not found); the decision needs the Patient"));
        } else if (isOperationOutcome(patient)) {
            throw new HttpError(412, "prefetch.patient", "the EHR could not prefetch the Patient (it sent an"
                    + " OperationOutcome" + issueCodes(patient, " with issue code ") + "); the decision needs the Patient");
        } else {
            checkPatient(patient, patientId, "prefetch.patient", 400);
        }

        Map<String, List<JsonNode>> firstPages = new LinkedHashMap<>();
        for (String key : discovery.searchKeys()) {
            String at = "prefetch." + key;
            JsonNode set = prefetch.get(key);
            if (set == null) {
                // CDS Hooks: a key the client could not fill is omitted (null means: nothing found)
                if (access != null) {
                    jobs.add(new FhirFetcher.Job(key, access.template(discovery.prefetch().get(key), patientId), false, 0, 0));
                } else {
                    unreadable.put(key, new Unreadable(key, Unreadable.Reason.NOT_PREFETCHED, ""));
                }
                continue;
            }
            if (set.isNull()) {
                continue; // nothing found: the facts it could give stay absent
            }
            if (isOperationOutcome(set)) {
                String codes = issueCodes(set, "");
                unreadable.put(key, new Unreadable(key, Unreadable.Reason.OPERATION_OUTCOME, codes.isEmpty() ? "-" : codes));
                continue;
            }
            if (!set.isObject() || !"Bundle".equals(set.path("resourceType").asText(null))) {
                throw new HttpError(400, at, "must be a FHIR Bundle (the search result), an OperationOutcome or null");
            }
            List<JsonNode> page = entries(set, at);
            String next = FhirFetcher.next(set);
            if (next == null) {
                firstPages.put(key, page);
            } else if (access == null) {
                unreadable.put(key, new Unreadable(key, Unreadable.Reason.PAGINATED, ""));
            } else if (access.onServer(next) == null) {
                unreadable.put(key, new Unreadable(key, Unreadable.Reason.OTHER_HOST, ""));
            } else {
                firstPages.put(key, page);
                jobs.add(new FhirFetcher.Job(key, access.onServer(next), false, 1, page.size()));
            }
        }

        Map<String, FhirFetcher.Outcome> fetched = jobs.isEmpty() ? Map.of() : fetcher.fetch(access, jobs);
        if (patient == null) {
            FhirFetcher.Outcome read = fetched.get("patient");
            if (read.unreadable() != null) {
                throw new HttpError(412, "prefetch.patient", "the Patient resource was not prefetched, and reading it from"
                        + " fhirServer failed (" + read.unreadable().reason() + (read.unreadable().detail().isEmpty() ? ""
                        : " " + read.unreadable().detail()) + "); the decision needs the Patient");
            }
            patient = read.pages().get(0);
            checkPatient(patient, patientId, "fhirServer.patient", 412);
        }

        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        List<String> origins = new ArrayList<>();
        entries.addObject().set("resource", patient);
        origins.add(prefetch.has("patient") ? "prefetch.patient" : "fhirServer.patient");
        List<Unreadable> unread = new ArrayList<>();
        for (String key : discovery.searchKeys()) {
            FhirFetcher.Outcome outcome = fetched.get(key);
            if (outcome != null && outcome.unreadable() != null) {
                unreadable.put(key, outcome.unreadable());
            }
            List<JsonNode> slot = new ArrayList<>();
            List<String> from = new ArrayList<>();
            List<JsonNode> first = firstPages.get(key);
            if (first != null) {
                for (int i = 0; i < first.size(); i++) {
                    if (first.get(i) != null) {
                        slot.add(first.get(i));
                        from.add("prefetch." + key + ".entry[" + i + "].resource");
                    }
                }
            }
            if (outcome != null && outcome.unreadable() == null) {
                int n = first == null ? 1 : 2;
                try {
                    for (JsonNode page : outcome.pages()) {
                        String at = "fhirServer." + key + ".page[" + n++ + "]";
                        List<JsonNode> list = entries(page, at);
                        for (int i = 0; i < list.size(); i++) {
                            if (list.get(i) != null) {
                                slot.add(list.get(i));
                                from.add(at + ".entry[" + i + "].resource");
                            }
                        }
                    }
                } catch (HttpError e) {
                    unreadable.put(key, new Unreadable(key, Unreadable.Reason.MALFORMED, ""));
                }
            }
            if (unreadable.containsKey(key)) {
                unread.add(unreadable.get(key));
                continue; // a slot read in part is not read: what it would give stays absent
            }
            for (JsonNode entry : slot) {
                ObjectNode copy = entries.addObject();
                if (entry.hasNonNull("fullUrl")) {
                    copy.set("fullUrl", entry.get("fullUrl"));
                }
                copy.set("resource", entry.get("resource"));
            }
            origins.addAll(from);
        }
        return new CdsRequest(hookInstance, patientId, userId, bundle, List.copyOf(origins), date, List.copyOf(unread));
    }

    /**
     * The reader's error with its FHIR path pointing into the request: {@code Bundle.entry[1].resource.x}
     * of the collection Bundle becomes {@code prefetch.conditions.entry[0].resource.x}.
     *
     * @param e the reader's error
     * @return the field to report
     */
    public String requestField(InvalidInputException e) {
        Matcher m = ENTRY.matcher(e.field());
        if (m.find()) {
            int i = Integer.parseInt(m.group(1));
            if (i < origins.size()) {
                String origin = origins.get(i);
                String rest = e.field().substring(m.end());
                return m.group(2) == null ? origin.replaceFirst("\\.resource$", "") + rest : origin + rest;
            }
        }
        return e.field();
    }

    /**
     * The entries of a searchset Bundle, each null when it has no resource (e.g. {@code search.mode:
     * outcome}); checked.
     *
     * @throws HttpError 400 naming the field for an entry that is not an object
     */
    private static List<JsonNode> entries(JsonNode set, String at) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode list = set.get("entry");
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new HttpError(400, at + ".entry", "must be an array of Bundle entries");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw new HttpError(400, at + ".entry[" + i + "]", "must be a Bundle entry (an object)");
            }
            JsonNode resource = entry.get("resource");
            out.add(resource == null || resource.isNull() ? null : entry);
        }
        return out;
    }

    private static void checkPatient(JsonNode patient, String patientId, String at, int status) {
        if (!patient.isObject() || !"Patient".equals(patient.path("resourceType").asText(null))) {
            throw new HttpError(status, at, "must be a FHIR Patient resource (resourceType Patient)");
        }
        JsonNode id = patient.get("id");
        if (id != null && !id.isNull() && !id.asText().equals(patientId)) {
            throw new HttpError(status, at + ".id", "is " + id.asText() + " but context.patientId is "
                    + patientId + ": the " + (status == 400 ? "prefetch" : "resource read") + " is of another patient");
        }
    }

    private static boolean isOperationOutcome(JsonNode node) {
        return node.isObject() && "OperationOutcome".equals(node.path("resourceType").asText(null));
    }

    /** The issue codes of an OperationOutcome ({@code not-found, timeout}): codes only, never its free text. */
    private static String issueCodes(JsonNode outcome, String prefix) {
        Set<String> codes = new LinkedHashSet<>();
        for (JsonNode issue : outcome.path("issue")) {
            String code = issue.path("code").asText("");
            if (code.matches("[a-z][a-z-]{0,39}")) {
                codes.add(code);
            }
        }
        return codes.isEmpty() ? "" : prefix + String.join(", ", codes);
    }

    /**
     * The FHIR server to read what is not prefetched from: {@code fhirServer} and the bearer token of
     * {@code fhirAuthorization}; null when the request does not give both.
     *
     * @throws HttpError 400 naming the field when either is malformed
     */
    private static FhirFetcher.Access access(JsonNode root) {
        JsonNode server = root.get("fhirServer");
        JsonNode auth = root.get("fhirAuthorization");
        java.net.URI base = null;
        if (server != null && !server.isNull()) {
            if (!server.isTextual()) {
                throw new HttpError(400, "fhirServer", "must be a string (the base URL of the EHR's FHIR server)");
            }
            try {
                base = FhirFetcher.base(server.asText());
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "fhirServer", e.getMessage());
            }
        }
        if (auth == null || auth.isNull()) {
            return null;
        }
        if (!auth.isObject()) {
            throw new HttpError(400, "fhirAuthorization", "must be an object (access_token, token_type Bearer, ...)");
        }
        JsonNode type = auth.get("token_type");
        if (type == null || !type.isTextual() || !type.asText().equalsIgnoreCase("Bearer")) {
            throw new HttpError(400, "fhirAuthorization.token_type", "must be Bearer (CDS Hooks 2.0)");
        }
        JsonNode token = auth.get("access_token");
        // RFC 6750 b64token: nothing that could end the header or start another
        if (token == null || !token.isTextual() || !token.asText().matches("[A-Za-z0-9\\-._~+/]+=*")) {
            throw new HttpError(400, "fhirAuthorization.access_token", "must be an OAuth 2.0 bearer token (RFC 6750 characters)");
        }
        if (base == null) {
            throw new HttpError(400, "fhirServer", "is required with fhirAuthorization (CDS Hooks 2.0)");
        }
        return new FhirFetcher.Access(base, token.asText());
    }

    private static LocalDate assessmentDate(JsonNode extension, Clock clock) {
        if (extension == null || extension.isNull()) {
            return LocalDate.now(clock);
        }
        if (!extension.isObject()) {
            throw new HttpError(400, "extension", "must be an object");
        }
        JsonNode date = extension.get(DATE_EXTENSION);
        if (date == null || date.isNull()) {
            return LocalDate.now(clock);
        }
        String field = "extension." + DATE_EXTENSION;
        if (!date.isTextual()) {
            throw new HttpError(400, field, "must be a date written YYYY-MM-DD (a string)");
        }
        try {
            return LocalDate.parse(date.asText(), DATE);
        } catch (DateTimeParseException e) {
            throw new HttpError(400, field, "must be a real date written YYYY-MM-DD but was " + date.asText());
        }
    }

    private static String text(JsonNode object, String name, String path) {
        JsonNode v = object.get(name);
        if (v == null || v.isNull()) {
            throw new HttpError(400, path, "is required");
        }
        if (!v.isTextual()) {
            throw new HttpError(400, path, "must be a string but was " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (v.asText().isBlank()) {
            throw new HttpError(400, path, "must not be empty");
        }
        return v.asText();
    }
}
