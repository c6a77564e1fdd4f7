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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.zorgregels.model.InvalidInputException;

/**
 * A {@code patient-view} call, checked, with its prefetch turned into ONE FHIR collection Bundle
 * (the Patient, then the entries of the searchset Bundles {@code conditions}, {@code observations},
 * {@code procedures} and {@code questionnaireResponses}) for the FHIR reader.
 *
 * @param hookInstance   the call's {@code hookInstance}
 * @param patientId      {@code context.patientId}
 * @param userId         {@code context.userId} (who is looking, e.g. {@code Practitioner/123}), or null
 *                       when the client sends none
 * @param bundle         the collection Bundle, as the JSON tree the request was read into (not copied)
 * @param origins        for each entry of the Bundle, where in the request it came from
 *                       ({@code prefetch.patient}, {@code prefetch.conditions.entry[2].resource})
 * @param assessmentDate the date to decide for
 */
public record CdsRequest(String hookInstance, String patientId, String userId, JsonNode bundle, List<String> origins,
                         LocalDate assessmentDate) {
    /** The hook this service answers. */
    public static final String HOOK = "patient-view";
    /** The request extension that sets the assessment date. */
    public static final String DATE_EXTENSION = "nl.zorgregels.assessmentDate";
    /** The searchset prefetch keys, in the order their entries go into the Bundle. */
    public static final List<String> SEARCH_KEYS = List.of("conditions", "observations", "procedures", "questionnaireResponses");

    /**
     * The request's parser, with the limits of the FHIR reader ({@code FhirJson}: nesting 64,
     * strings of 1 MiB, numbers of 40 characters, duplicate keys refused, decimals kept exact), so
     * the Bundle it builds goes to the reader as a tree, without being written and read again. A
     * resource sits two levels deeper in the request than in that Bundle, so the nesting limit
     * holds there too.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder(StrictJson.factory(64, 1 << 20, 40))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern ENTRY = Pattern.compile("^Bundle\\.entry\\[(\\d+)](\\.resource)?");

    /**
     * @param body  the request body (UTF-8 JSON)
     * @param clock the clock giving today when the request sets no date
     * @return the checked request
     * @throws HttpError 400 naming the field for a malformed request, 412 when the Patient is not prefetched
     */
    public static CdsRequest parse(byte[] body, Clock clock) {
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
        JsonNode patient = prefetch == null ? null : prefetch.get("patient");
        if (patient == null || patient.isNull()) {
            throw new HttpError(412, "prefetch.patient", "the Patient resource was not prefetched, and this service"
                    + " does not fetch from the FHIR server: prefetch patient (Patient/{{context.patientId}})");
        }
        if (!patient.isObject() || !"Patient".equals(patient.path("resourceType").asText(null))) {
            throw new HttpError(400, "prefetch.patient", "must be a FHIR Patient resource (resourceType Patient)");
        }
        JsonNode id = patient.get("id");
        if (id != null && !id.isNull() && !id.asText().equals(patientId)) {
            throw new HttpError(400, "prefetch.patient.id", "is " + id.asText() + " but context.patientId is "
                    + patientId + ": the prefetch is of another patient");
        }

        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        List<String> origins = new ArrayList<>();
        entries.addObject().set("resource", patient);
        origins.add("prefetch.patient");
        for (String key : SEARCH_KEYS) {
            JsonNode set = prefetch.get(key);
            String at = "prefetch." + key;
            if (set == null || set.isNull()) {
                continue; // not prefetched or nothing found: the facts it could give stay absent
            }
            if (!set.isObject() || !"Bundle".equals(set.path("resourceType").asText(null))) {
                throw new HttpError(400, at, "must be a FHIR Bundle (the search result) or null");
            }
            JsonNode list = set.get("entry");
            if (list == null || list.isNull()) {
                continue;
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
                if (resource == null || resource.isNull()) {
                    continue;
                }
                ObjectNode copy = entries.addObject();
                if (entry.hasNonNull("fullUrl")) {
                    copy.set("fullUrl", entry.get("fullUrl"));
                }
                copy.set("resource", resource);
                origins.add(at + ".entry[" + i + "].resource");
            }
        }
        return new CdsRequest(hookInstance, patientId, userId, bundle, List.copyOf(origins), date);
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
