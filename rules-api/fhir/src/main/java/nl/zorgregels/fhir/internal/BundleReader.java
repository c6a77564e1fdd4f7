package nl.zorgregels.fhir.internal;

import nl.zorgregels.api.internal.kb.IntakeFacts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.internal.kb.CodeTable;
import nl.zorgregels.api.internal.kb.CodeTable.Element;
import nl.zorgregels.api.internal.kb.CodeTable.Mapping;
import nl.zorgregels.api.internal.kb.CodeTable.ValueKind;
import nl.zorgregels.api.internal.kb.IntakeFacts.Fact;
import nl.zorgregels.api.internal.kb.IntakeFacts.Kind;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.OtherPais;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads a patient's record, a FHIR R4 Bundle, into the facts of CONTRACT.md section 4 as CONTRACT.md section 8
 * maps them, and binds them with the strict JSON binding of section 4 ({@link DecisionJson}), so
 * every rule of section 4 applies exactly as to JSON input. Every fact keeps the FHIR path of its
 * source; an error of the binding is reported at that path.
 *
 * <p>One reader per Bundle; not thread-safe (use a new one per call).
 */
public final class BundleReader {
    static final String PATIENT = "patient";
    /** The fact the Patient resource gives (its birthDate); every other standard source is a row of the code table. */
    public static final String BIRTH_DATE = "patient.birthDate";
    private static final Set<String> OBSERVATION_STATUSES = Set.of("final", "amended", "corrected");
    private static final Set<String> INACTIVE_CLINICAL = Set.of("inactive", "remission", "resolved");
    private static final Set<String> IGNORED_VERIFICATION = Set.of("refuted", "entered-in-error");
    /** A date as FHIR writes date and dateTime: YYYY, YYYY-MM, YYYY-MM-DD, optionally a time after T. */
    private static final Pattern FHIR_DATE = Pattern.compile("(\\d{4})(-\\d{2})?(-\\d{2})?(T.*)?");

    /** One resource of the Bundle, where it is, and its JSON (null when read from HAPI objects). */
    private record Located(Resource resource, String path, JsonNode json, String fullUrl) {
    }

    /** One source of a fact's value. */
    private record Source(JsonNode value, String path) {
    }

    private final LocalDate assessmentDate;
    /** Which codes give which fact: the knowledge base's table, with a deployer's merged in. */
    private final CodeTable codes;
    private final List<Located> resources = new ArrayList<>();
    /** Single-valued facts: path to every source, in Bundle order. */
    private final Map<String, List<Source>> sources = new LinkedHashMap<>();
    /** otherPais: each syndrome with its first source, in the kinds' natural order (the shipped ones first). */
    private final Map<OtherPais, String> otherPais = new TreeMap<>();
    /** Sections the record speaks of (patient always). */
    private final Set<String> sections = new LinkedHashSet<>();
    private Located patient;
    /** Where each bound fact came from: input path (an otherPais element: with its index) to FHIR path. */
    private final Map<String, String> origins = new LinkedHashMap<>();

    private BundleReader(LocalDate assessmentDate, CodeTable codes) {
        this.assessmentDate = assessmentDate;
        this.codes = Objects.requireNonNull(codes, "codes");
    }

    /**
     * @param json           a FHIR R4 Bundle as JSON
     * @param assessmentDate the date the decision is made for
     * @return the assessment
     * @throws InvalidInputException naming the FHIR path and the rule broken
     */
    public static Assessment read(String json, LocalDate assessmentDate) {
        return read(json, assessmentDate, CodeTable.packaged());
    }

    /**
     * As {@link #read(String, LocalDate)} with a code table (the knowledge base's and a deployer's).
     *
     * @param json           a FHIR R4 Bundle as JSON
     * @param assessmentDate the date the decision is made for
     * @param codes          which codes give which fact
     * @return the assessment
     * @throws InvalidInputException naming the FHIR path and the rule broken
     */
    public static Assessment read(String json, LocalDate assessmentDate, CodeTable codes) {
        Objects.requireNonNull(json, "fhirJson");
        return read(FhirJson.tree(json), assessmentDate, codes);
    }

    /**
     * Reads a Bundle already parsed into a JSON tree with the limits of {@link FhirJson#tree} (the
     * CDS Hooks service's request parser has them), so it is not written and read again.
     *
     * @param root           the Bundle's JSON object, with a string {@code resourceType}
     * @param assessmentDate the date the decision is made for
     * @return the assessment
     * @throws InvalidInputException naming the FHIR path and the rule broken
     */
    public static Assessment read(JsonNode root, LocalDate assessmentDate) {
        return read(root, assessmentDate, CodeTable.packaged());
    }

    /**
     * As {@link #read(JsonNode, LocalDate)} with a code table (the knowledge base's and a deployer's).
     *
     * @param root           the Bundle's JSON object, with a string {@code resourceType}
     * @param assessmentDate the date the decision is made for
     * @param codes          which codes give which fact
     * @return the assessment
     * @throws InvalidInputException naming the FHIR path and the rule broken
     */
    public static Assessment read(JsonNode root, LocalDate assessmentDate, CodeTable codes) {
        return assess(root, assessmentDate, codes);
    }

    /**
     * The record's Patient (exactly one, as {@link #read(String, LocalDate)} requires), without reading the facts.
     *
     * @param json a FHIR R4 Bundle as JSON
     * @return {@code Patient/<id>}; null when the Patient has no id (a reference is never invented)
     * @throws InvalidInputException naming the FHIR path and the rule broken
     */
    public static String patientReference(String json) {
        JsonNode root = FhirJson.tree(Objects.requireNonNull(json, "fhirJson"));
        String type = root.get("resourceType").asText();
        if (!type.equals("Bundle")) {
            throw new InvalidInputException("resourceType", "must be Bundle (a patient's record) but was " + quote(type));
        }
        BundleReader reader = new BundleReader(LocalDate.EPOCH, CodeTable.packaged());
        reader.collect(root, "Bundle");
        reader.findPatient();
        String id = reader.patient.resource().getIdElement().getIdPart();
        return id == null || id.isBlank() ? null : "Patient/" + id;
    }

    /**
     * Where a fact of a record was read from, to name it when the engine refuses the record (a kind of
     * other PAIS its knowledge base does not list is refused when deciding, at the input path).
     *
     * @param json           a FHIR R4 Bundle as JSON, one that {@link #read(String, LocalDate, CodeTable)} reads
     * @param assessmentDate the date it was read for
     * @param codes          the codes it was read with
     * @param inputPath      an input path, {@code postCovid.otherPais[1]} for an element of a list
     * @return the FHIR path of its source; null if the record does not give it
     */
    public static String source(String json, LocalDate assessmentDate, CodeTable codes, String inputPath) {
        JsonNode root = FhirJson.tree(Objects.requireNonNull(json, "fhirJson"));
        BundleReader reader = new BundleReader(requireDate(assessmentDate), codes);
        reader.collect(root, "Bundle");
        reader.assess();
        return reader.origins.get(inputPath);
    }

    /**
     * @param root           the Bundle's JSON object
     * @param assessmentDate the date the decision is made for
     * @param codes          which codes give which fact
     * @return the assessment
     */
    private static Assessment assess(JsonNode root, LocalDate assessmentDate, CodeTable codes) {
        Objects.requireNonNull(root, "bundle");
        String type = root.get("resourceType").asText();
        if (!type.equals("Bundle")) {
            throw new InvalidInputException("resourceType", "must be Bundle (a patient's record) but was " + quote(type));
        }
        BundleReader reader = new BundleReader(requireDate(assessmentDate), codes);
        reader.collect(root, "Bundle");
        return reader.assess();
    }

    /**
     * @param bundle         a FHIR R4 Bundle
     * @param assessmentDate the date the decision is made for
     * @return the assessment
     * @throws InvalidInputException naming the FHIR path and the rule broken
     */
    public static Assessment read(Bundle bundle, LocalDate assessmentDate) {
        return read(bundle, assessmentDate, CodeTable.packaged());
    }

    /**
     * As {@link #read(Bundle, LocalDate)} with a code table (the knowledge base's and a deployer's).
     *
     * @param bundle         a FHIR R4 Bundle
     * @param assessmentDate the date the decision is made for
     * @param codes          which codes give which fact
     * @return the assessment
     * @throws InvalidInputException naming the FHIR path and the rule broken
     */
    public static Assessment read(Bundle bundle, LocalDate assessmentDate, CodeTable codes) {
        Objects.requireNonNull(bundle, "bundle");
        BundleReader reader = new BundleReader(requireDate(assessmentDate), codes);
        reader.collect(bundle, "Bundle");
        return reader.assess();
    }

    private static LocalDate requireDate(LocalDate date) {
        if (date == null) {
            throw new InvalidInputException("assessmentDate", "is required");
        }
        return date;
    }

    /**
     * Where a record gives a fact, as this reader reads it: the resource types in the order read (the
     * Patient's birthDate; each row of the code table for the fact: Condition, Observation, Procedure,
     * Patient for the general practitioner, Coverage), each with the codings its rows name (none for an
     * identifier system), and last the intake QuestionnaireResponse, which can give every fact.
     *
     * @param fact  an input path
     * @param codes the code table the record is read with
     * @return resource type to the codings that give the fact; unmodifiable, in that order
     */
    public static Map<String, List<Coding>> readFrom(String fact, CodeTable codes) {
        Map<String, List<Coding>> types = new LinkedHashMap<>();
        if (fact.equals(BIRTH_DATE)) {
            types.put("Patient", new ArrayList<>());
        }
        for (Mapping m : codes.mappings) {
            if (!m.fact().equals(fact)) {
                continue;
            }
            List<Coding> codings = types.computeIfAbsent(m.element().column.substring(0, m.element().column.indexOf('.')),
                    t -> new ArrayList<>());
            if (!m.element().identifier() && codings.stream().noneMatch(c -> c.getSystem().equals(m.system())
                    && c.getCode().equals(m.code()))) {
                codings.add(new Coding(m.system(), m.code(), null));
            }
        }
        types.put("QuestionnaireResponse", new ArrayList<>());
        Map<String, List<Coding>> copy = new LinkedHashMap<>();
        types.forEach((type, codings) -> copy.put(type, List.copyOf(codings)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    // ---- collecting the resources --------------------------------------------------------------

    /** The entries of a Bundle given as JSON: the resources mapped are parsed by HAPI, one at a time. */
    private void collect(JsonNode bundle, String path) {
        JsonNode entries = bundle.get("entry");
        if (entries == null || entries.isNull()) {
            return;
        }
        if (!entries.isArray()) {
            throw new InvalidInputException(path + ".entry", "must be a JSON array of entries (FHIR R4 Bundle.entry)");
        }
        for (int i = 0; i < entries.size(); i++) {
            String entryPath = path + ".entry[" + i + "]";
            JsonNode entry = entries.get(i);
            if (!entry.isObject()) {
                throw new InvalidInputException(entryPath, "must be a JSON object (a Bundle entry)");
            }
            JsonNode resource = entry.get("resource");
            if (resource == null || resource.isNull()) {
                continue; // an entry without a resource (a deletion, a search outcome) carries no facts
            }
            String resourcePath = entryPath + ".resource";
            if (!resource.isObject() || resource.get("resourceType") == null || !resource.get("resourceType").isTextual()) {
                throw new InvalidInputException(resourcePath, "must be a FHIR resource: a JSON object with a resourceType");
            }
            JsonNode fullUrl = entry.get("fullUrl");
            String url = fullUrl != null && fullUrl.isTextual() ? fullUrl.asText() : null;
            Class<? extends Resource> type = switch (resource.get("resourceType").asText()) {
                case "Patient" -> Patient.class;
                case "QuestionnaireResponse" -> QuestionnaireResponse.class;
                case "Condition" -> Condition.class;
                case "Observation" -> Observation.class;
                case "Procedure" -> Procedure.class;
                case "Coverage" -> Coverage.class;
                case "Practitioner" -> Practitioner.class;
                case "PractitionerRole" -> PractitionerRole.class;
                case "Organization" -> Organization.class;
                case "Bundle" -> Bundle.class;
                default -> null; // not mapped: ignored, not even parsed
            };
            if (type == Bundle.class) {
                collect(resource, resourcePath);
            } else if (type != null) {
                resources.add(new Located(FhirJson.parse(resource, type, resourcePath), resourcePath, resource, url));
            }
        }
    }

    private void collect(Bundle bundle, String path) {
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            String resourcePath = path + ".entry[" + i + "].resource";
            Resource r = entry.getResource();
            if (r instanceof Bundle nested) {
                collect(nested, resourcePath);
            } else if (r instanceof Patient || r instanceof QuestionnaireResponse || r instanceof Condition
                    || r instanceof Observation || r instanceof Procedure || r instanceof Coverage
                    || r instanceof Practitioner || r instanceof PractitionerRole || r instanceof Organization) {
                resources.add(new Located(r, resourcePath, null, entry.hasFullUrl() ? entry.getFullUrl() : null));
            }
        }
    }

    // ---- mapping ------------------------------------------------------------------------------

    private Assessment assess() {
        findPatient();
        sections.add(PATIENT);
        for (Located r : resources) {
            if (r.resource() instanceof QuestionnaireResponse) {
                questionnaireResponse(r);
            }
        }
        for (Located r : resources) {
            if (r.resource() instanceof Condition) {
                condition(r);
            }
        }
        // the facts of the other elements count only in a section the record speaks of (the patient always)
        for (String fact : facts(Element.OBSERVATION_CODE)) {
            observation(fact);
        }
        for (String fact : facts(Element.PROCEDURE_CODE)) {
            procedure(fact);
        }
        generalPractitioner();
        coverage();
        return bind();
    }

    private void findPatient() {
        List<Located> patients = new ArrayList<>();
        for (Located r : resources) {
            if (r.resource() instanceof Patient) {
                patients.add(r);
            }
        }
        if (patients.isEmpty()) {
            throw new InvalidInputException("Bundle.entry", "must hold exactly one Patient (the patient assessed) but "
                    + "holds none");
        }
        patient = patients.get(0);
        for (Located other : patients.subList(1, patients.size())) {
            if (!samePatient(other)) {
                throw new InvalidInputException(other.path(), "is a second Patient (besides " + patient.path()
                        + "); the Bundle must hold exactly one Patient, the patient assessed");
            }
        }
        for (Located p : patients) {
            Patient resource = (Patient) p.resource();
            if (resource.hasBirthDateElement() && resource.getBirthDateElement().hasValue()) {
                String at = p.path() + ".birthDate";
                checkJsonString(p, "birthDate", at);
                put(BIRTH_DATE, new Source(textNode(fullDate(resource.getBirthDateElement(), at, BIRTH_DATE)), at));
            }
        }
    }

    /** The same Patient listed twice (a searchset that includes it): same id. */
    private boolean samePatient(Located other) {
        String a = patient.resource().getIdElement().getIdPart();
        String b = other.resource().getIdElement().getIdPart();
        return a != null && a.equals(b);
    }

    private void questionnaireResponse(Located r) {
        QuestionnaireResponse qr = (QuestionnaireResponse) r.resource();
        String questionnaire = qr.getQuestionnaire();
        if (questionnaire == null || !canonical(questionnaire).equals(FhirNames.QUESTIONNAIRE_URL)) {
            return; // answers to another questionnaire
        }
        if (qr.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.ENTEREDINERROR) {
            return;
        }
        checkSubject(r, qr.getSubject(), "subject");
        items(r, qr.getItem(), "", null);
    }

    private void items(Located r, List<QuestionnaireResponseItemComponent> items, String parent, String section) {
        Map<String, List<Fact>> all = IntakeFacts.sections();
        Map<String, String> seen = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            QuestionnaireResponseItemComponent item = items.get(i);
            String rel = (parent.isEmpty() ? "" : parent + ".") + "item[" + i + "]";
            String at = r.path() + "." + rel;
            String linkId = item.getLinkId();
            if (linkId == null || linkId.isBlank()) {
                throw new InvalidInputException(at + ".linkId", "is required: the input path of the fact answered");
            }
            Fact answered = IntakeFacts.byPath().get(linkId);
            String earlier = seen.putIfAbsent(linkId, at);
            if (earlier != null && (answered == null || answered.kind() != Kind.CODINGS)) {
                throw new InvalidInputException(at + ".linkId", linkId + " stands twice in one "
                        + (section == null ? "QuestionnaireResponse" : "group " + section) + " (also at " + earlier
                        + "); the intake Questionnaire's item " + linkId + " does not repeat: answer it once"
                        + (answered == null ? ", all its items in one group" : ""));
            }
            if (all.containsKey(linkId)) {
                if (section != null) {
                    throw new InvalidInputException(at + ".linkId", "the group " + linkId
                            + " is a section of the intake and cannot be nested in group " + section);
                }
                if (item.hasAnswer()) {
                    throw new InvalidInputException(at + ".answer", "the group " + linkId + " takes no answer, only items");
                }
                sections.add(linkId);
                items(r, item.getItem(), rel, linkId);
                continue;
            }
            Fact fact = IntakeFacts.byPath().get(linkId);
            if (fact == null) {
                String nearest = nearest(linkId, linkIds());
                throw new InvalidInputException(at + ".linkId", "unknown linkId " + quote(linkId)
                        + (nearest == null ? "" : " (did you mean " + nearest + "?)")
                        + "; the intake Questionnaire " + FhirNames.QUESTIONNAIRE_URL + " has the linkIds "
                        + String.join(", ", linkIds()));
            }
            if (section == null) {
                throw new InvalidInputException(at + ".linkId", linkId + " stands at the top level; the intake"
                        + " Questionnaire has it in the group " + fact.section() + ": put the item in the item"
                        + " with linkId " + fact.section());
            }
            if (!section.equals(fact.section())) {
                throw new InvalidInputException(at + ".linkId", linkId + " belongs in group " + fact.section()
                        + ", not in group " + section);
            }
            if (item.hasItem()) {
                throw new InvalidInputException(at + ".item", "the question " + linkId + " takes no nested items");
            }
            sections.add(fact.section());
            List<QuestionnaireResponseItemAnswerComponent> answers = item.getAnswer();
            if (answers.size() > 1 && fact.kind() != Kind.CODINGS) {
                throw new InvalidInputException(at + ".answer[1]", linkId + " takes one answer but has " + answers.size());
            }
            for (int j = 0; j < answers.size(); j++) {
                answer(r, fact, answers.get(j), rel + ".answer[" + j + "]");
            }
        }
    }

    /** The known linkId a typo most likely meant: at most a few edits away (1 per 4 characters, at most 3). */
    static String nearest(String name, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int allowed = Math.min(3, Math.max(1, candidate.length() / 4));
            if (Math.abs(candidate.length() - name.length()) > allowed) {
                continue;
            }
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d <= allowed && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    private static List<String> linkIds() {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, List<Fact>> s : IntakeFacts.sections().entrySet()) {
            ids.add(s.getKey());
            for (Fact f : s.getValue()) {
                ids.add(f.path());
            }
        }
        return ids;
    }

    private void answer(Located r, Fact fact, QuestionnaireResponseItemAnswerComponent answer, String rel) {
        String at = r.path() + "." + rel;
        if (answer.hasItem()) {
            throw new InvalidInputException(at + ".item", "an answer to " + fact.path() + " takes no nested items");
        }
        Type value = answer.getValue();
        if (value == null || value.isEmpty() || (value instanceof PrimitiveType<?> p && !p.hasValue())) {
            return; // an answer without a value (only extensions) gives nothing
        }
        String element = "value" + capitalised(value.fhirType());
        String valueAt = at + "." + element;
        if (!element.equals(fact.answerElement())) {
            throw new InvalidInputException(valueAt, "must be " + fact.answerElement() + " (" + fact.path() + " is "
                    + describe(fact) + ") but was " + element);
        }
        switch (fact.kind()) {
            case BOOLEAN -> {
                checkJson(r, rel + "." + element, valueAt, JsonNode::isBoolean, "a JSON boolean (true or false)");
                put(fact.path(), new Source(JsonNodeFactory.instance.booleanNode(((PrimitiveType<?>) value).getValueAsString()
                        .equals("true")), valueAt));
            }
            case INTEGER -> {
                checkJson(r, rel + "." + element, valueAt, JsonNode::isIntegralNumber, "a JSON whole number");
                put(fact.path(), new Source(JsonNodeFactory.instance.numberNode(((IntegerType) value).getValue()), valueAt));
            }
            case DATE -> {
                checkJsonString(r, rel + "." + element, valueAt);
                put(fact.path(), new Source(textNode(fullDate((BaseDateTimeType) value, valueAt, fact.path())), valueAt));
            }
            case CODING, CODINGS -> {
                Coding coding = (Coding) value;
                String code = code(fact, coding, valueAt);
                if (fact.kind() == Kind.CODINGS) {
                    otherPais.putIfAbsent(OtherPais.valueOf(code), valueAt + ".code");
                } else {
                    put(fact.path(), new Source(textNode(code), valueAt + ".code"));
                }
            }
            default -> throw new IllegalStateException(fact.kind().name());
        }
    }

    /**
     * The constant a coding names, checked against the fact's code system and the enum's constants (a
     * kind of other PAIS: against the form of a code only; the engine checks its table when deciding).
     */
    private static String code(Fact fact, Coding coding, String at) {
        if (!fact.codeSystem().equals(coding.getSystem())) {
            throw new InvalidInputException(at + ".system", "must be " + fact.codeSystem() + " (the code system of "
                    + fact.path() + ") but was " + (coding.getSystem() == null ? "absent" : quote(coding.getSystem())));
        }
        String code = coding.getCode();
        if (fact.openCodes() && code != null) {
            try {
                return OtherPais.of(code).code(); // the knowledge base's table is checked when deciding
            } catch (InvalidInputException e) {
                throw new InvalidInputException(at + ".code", e.rule());
            }
        }
        if (code == null || !fact.codes().contains(code)) {
            throw new InvalidInputException(at + ".code", "must be one of " + String.join(", ", fact.codes())
                    + " but was " + (code == null ? "absent" : quote(code)));
        }
        return code;
    }

    /** The facts rows of an element give, in table order, each once. */
    private List<String> facts(Element element) {
        return codes.of(element).stream().map(Mapping::fact).distinct().toList();
    }

    /** The rows of an element (and fact, if not null) that a concept's codings match, in table order. */
    private List<Mapping> matching(Element element, String fact, CodeableConcept concept) {
        List<Mapping> found = new ArrayList<>();
        if (concept == null) {
            return found;
        }
        for (Mapping m : codes.of(element)) {
            if (fact != null && !m.fact().equals(fact)) {
                continue;
            }
            for (Coding c : concept.getCoding()) {
                if (m.system().equals(c.getSystem()) && m.code().equals(c.getCode())) {
                    found.add(m);
                    break;
                }
            }
        }
        return found;
    }

    private void condition(Located r) {
        Condition c = (Condition) r.resource();
        List<Mapping> rows = matching(Element.CONDITION_CODE, null, c.getCode());
        if (rows.isEmpty()) {
            return;
        }
        if (has(c.getVerificationStatus(), IGNORED_VERIFICATION) || has(c.getClinicalStatus(), INACTIVE_CLINICAL)) {
            return;
        }
        checkSubject(r, c.getSubject(), "subject");
        Set<String> given = new LinkedHashSet<>();
        for (Mapping m : rows) {
            if (!given.add(m.fact() + "=" + m.value())) {
                continue; // two codings of one Condition giving one value: one source
            }
            if (m.opensSection()) {
                sections.add(m.section());
            }
            Fact fact = IntakeFacts.byPath().get(m.fact());
            if (m.kind() == ValueKind.ONSET) {
                onset(r, c, m.fact());
            } else if (fact.kind() == Kind.CODINGS) {
                otherPais.putIfAbsent(OtherPais.of(m.value()), r.path() + ".code");
            } else if (fact.kind() == Kind.BOOLEAN) {
                put(m.fact(), new Source(JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(m.value())),
                        r.path() + ".code"));
            } else {
                put(m.fact(), new Source(textNode(m.value()), r.path() + ".code"));
            }
        }
    }

    /** A Condition's onset: onsetDateTime, else onsetPeriod.start; none gives nothing. */
    private void onset(Located r, Condition c, String fact) {
        if (c.hasOnsetDateTimeType() && c.getOnsetDateTimeType().hasValue()) {
            String at = r.path() + ".onsetDateTime";
            checkJsonString(r, "onsetDateTime", at);
            put(fact, new Source(textNode(fullDate(c.getOnsetDateTimeType(), at, fact)), at));
        } else if (c.hasOnsetPeriod() && c.getOnsetPeriod().hasStartElement() && c.getOnsetPeriod().getStartElement().hasValue()) {
            String at = r.path() + ".onsetPeriod.start";
            checkJsonString(r, "onsetPeriod.start", at);
            put(fact, new Source(textNode(fullDate(c.getOnsetPeriod().getStartElement(), at, fact)), at));
        }
    }

    /** A score or measure: the latest Observation effective on or before the assessment date. */
    private void observation(String fact) {
        if (!sections.contains(section(fact))) {
            return;
        }
        TreeMap<LocalDate, List<Source>> byDate = new TreeMap<>();
        for (Located r : resources) {
            if (!(r.resource() instanceof Observation o)
                    || matching(Element.OBSERVATION_CODE, fact, o.getCode()).isEmpty()
                    || o.getStatus() == null || !OBSERVATION_STATUSES.contains(o.getStatus().toCode())) {
                continue;
            }
            checkSubject(r, o.getSubject(), "subject");
            if (!o.hasValue()) {
                continue; // no value (a dataAbsentReason): nothing known
            }
            Type value = o.getValue();
            if (value instanceof PrimitiveType<?> p && !p.hasValue()) {
                continue; // only extensions, no value
            }
            String element = "value" + capitalised(value.fhirType());
            if (!(value instanceof IntegerType integer)) {
                throw new InvalidInputException(r.path() + "." + element, "the Observation giving " + fact
                        + " must be valueInteger (" + fact + " is a whole number) but was " + element);
            }
            String at = r.path() + ".valueInteger";
            checkJson(r, "valueInteger", at, JsonNode::isIntegralNumber, "a JSON whole number");
            LocalDate effective = effective(r, o, fact);
            if (effective.isAfter(assessmentDate)) {
                continue; // measured after the date the decision is made for
            }
            byDate.computeIfAbsent(effective, d -> new ArrayList<>())
                    .add(new Source(JsonNodeFactory.instance.numberNode(integer.getValue()), at));
        }
        if (!byDate.isEmpty()) {
            List<Source> latest = byDate.lastEntry().getValue();
            for (Source s : latest) {
                put(fact, s);
            }
        }
    }

    private static LocalDate effective(Located r, Observation o, String field) {
        Type effective = o.getEffective();
        if (effective instanceof BaseDateTimeType dt && dt.hasValue()) {
            String element = "effective" + capitalised(effective.fhirType());
            return LocalDate.parse(fullDate(dt, r.path() + "." + element, field + " (the date of the Observation)"));
        }
        if (effective instanceof Period p) {
            if (p.hasEndElement() && p.getEndElement().hasValue()) {
                return LocalDate.parse(fullDate(p.getEndElement(), r.path() + ".effectivePeriod.end", field));
            }
            if (p.hasStartElement() && p.getStartElement().hasValue()) {
                return LocalDate.parse(fullDate(p.getStartElement(), r.path() + ".effectivePeriod.start", field));
            }
        }
        throw new InvalidInputException(r.path() + ".effectiveDateTime", "is required on an Observation giving " + field
                + " (effectiveDateTime, effectiveInstant or effectivePeriod): the latest on or before the assessment"
                + " date is used");
    }

    /**
     * A fact read from Procedures' statuses: the constant of the status that comes first in the rows'
     * statuses (completed before in-progress) among the Procedures with a status listed.
     */
    private void procedure(String fact) {
        if (!sections.contains(section(fact))) {
            return;
        }
        Map<String, String> statuses = codes.of(Element.PROCEDURE_CODE).stream().filter(m -> m.fact().equals(fact))
                .findFirst().orElseThrow().statuses();
        Map<String, Source> first = new LinkedHashMap<>();
        for (Located r : resources) {
            if (!(r.resource() instanceof Procedure p) || matching(Element.PROCEDURE_CODE, fact, p.getCode()).isEmpty()
                    || p.getStatus() == null) {
                continue;
            }
            String status = p.getStatus().toCode();
            if (!statuses.containsKey(status)) {
                continue;
            }
            checkSubject(r, p.getSubject(), "subject");
            first.putIfAbsent(status, new Source(textNode(statuses.get(status)), r.path() + ".status"));
        }
        for (String status : statuses.keySet()) {
            if (first.containsKey(status)) {
                put(fact, first.get(status));
                return;
            }
        }
    }

    /**
     * The patient's general practitioner: a {@code Patient.generalPractitioner} reference whose own
     * identifier, or whose Practitioner, PractitionerRole (and its practitioner and organization) or
     * Organization in the Bundle, has an identifier of a row's system. Nothing found gives nothing.
     */
    private void generalPractitioner() {
        List<Mapping> rows = codes.of(Element.GENERAL_PRACTITIONER_IDENTIFIER);
        if (rows.isEmpty()) {
            return;
        }
        Patient p = (Patient) patient.resource();
        for (int i = 0; i < p.getGeneralPractitioner().size(); i++) {
            Reference ref = p.getGeneralPractitioner().get(i);
            String at = patient.path() + ".generalPractitioner[" + i + "]";
            for (Mapping m : rows) {
                String found = identified(ref, at, m.system(), true);
                if (found != null && sections.contains(m.section())) {
                    put(m.fact(), new Source(JsonNodeFactory.instance.booleanNode(true), found));
                }
            }
        }
    }

    /**
     * The patient's health insurer: a Coverage, status active, of the patient ({@code beneficiary}),
     * whose period (if given, full dates) holds the assessment date, with a payor whose reference's
     * identifier or whose Organization in the Bundle has an identifier of a row's system.
     */
    private void coverage() {
        List<Mapping> rows = codes.of(Element.COVERAGE_PAYOR_IDENTIFIER);
        if (rows.isEmpty()) {
            return;
        }
        for (Located r : resources) {
            if (!(r.resource() instanceof Coverage c) || c.getStatus() != Coverage.CoverageStatus.ACTIVE
                    || !refersToPatient(c.getBeneficiary()) || !holds(c.getPeriod())) {
                continue;
            }
            for (int i = 0; i < c.getPayor().size(); i++) {
                String at = r.path() + ".payor[" + i + "]";
                for (Mapping m : rows) {
                    String found = identified(c.getPayor().get(i), at, m.system(), false);
                    if (found != null && sections.contains(m.section())) {
                        put(m.fact(), new Source(JsonNodeFactory.instance.booleanNode(true), found));
                    }
                }
            }
        }
    }

    /** Whether a period, if given, holds the assessment date; a partial date in it counts as not known: false. */
    private boolean holds(Period period) {
        if (period == null || period.isEmpty()) {
            return true;
        }
        LocalDate start = day(period.getStartElement());
        LocalDate end = day(period.getEndElement());
        if ((period.hasStartElement() && period.getStartElement().hasValue() && start == null)
                || (period.hasEndElement() && period.getEndElement().hasValue() && end == null)) {
            return false;
        }
        return (start == null || !start.isAfter(assessmentDate)) && (end == null || !end.isBefore(assessmentDate));
    }

    /** The day of a full date or dateTime as written; null if absent or partial. */
    private static LocalDate day(BaseDateTimeType value) {
        if (value == null || !value.hasValue()) {
            return null;
        }
        Matcher m = FHIR_DATE.matcher(value.getValueAsString());
        if (!m.matches() || m.group(3) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.getValueAsString().substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The path of an identifier of {@code system} (with a value) that a reference carries or that the
     * resource it refers to in the Bundle has; null if none.
     */
    private String identified(Reference ref, String at, String system, boolean practitioner) {
        if (carries(ref, system)) {
            return at + ".identifier";
        }
        Located target = resolve(ref);
        if (target == null) {
            return null;
        }
        String found = identifier(target, system);
        if (found == null && practitioner && target.resource() instanceof PractitionerRole role) {
            if (carries(role.getPractitioner(), system)) {
                return target.path() + ".practitioner.identifier";
            }
            if (carries(role.getOrganization(), system)) {
                return target.path() + ".organization.identifier";
            }
            Located who = resolve(role.getPractitioner());
            found = who == null ? null : identifier(who, system);
            Located where = found == null ? resolve(role.getOrganization()) : null;
            found = where == null ? found : identifier(where, system);
        }
        return found;
    }

    /** Whether a reference carries an identifier of {@code system} with a value (a logical reference). */
    private static boolean carries(Reference ref, String system) {
        return ref != null && ref.hasIdentifier() && system.equals(ref.getIdentifier().getSystem())
                && ref.getIdentifier().hasValue() && !ref.getIdentifier().getValue().isBlank();
    }

    private static String identifier(Located r, String system) {
        List<Identifier> ids;
        if (r.resource() instanceof Practitioner p) {
            ids = p.getIdentifier();
        } else if (r.resource() instanceof PractitionerRole p) {
            ids = p.getIdentifier();
        } else if (r.resource() instanceof Organization o) {
            ids = o.getIdentifier();
        } else {
            return null;
        }
        for (int i = 0; i < ids.size(); i++) {
            Identifier id = ids.get(i);
            if (system.equals(id.getSystem()) && id.hasValue() && !id.getValue().isBlank()) {
                return r.path() + ".identifier[" + i + "]";
            }
        }
        return null;
    }

    /** The resource of the Bundle a reference names (its fullUrl, or type/id); null if not in the Bundle. */
    private Located resolve(Reference ref) {
        if (ref == null || !ref.hasReference()) {
            return null;
        }
        String text = ref.getReference();
        IdType id = new IdType(text);
        for (Located r : resources) {
            if (r.resource() instanceof Practitioner || r.resource() instanceof PractitionerRole
                    || r.resource() instanceof Organization) {
                if (text.equals(r.fullUrl())) {
                    return r;
                }
                String own = r.resource().getIdElement().getIdPart();
                if (own != null && r.resource().fhirType().equals(id.getResourceType()) && own.equals(id.getIdPart())) {
                    return r;
                }
            }
        }
        return null;
    }

    /** Whether a reference names the Patient (as {@link #checkSubject} reads it); absent: false. */
    private boolean refersToPatient(Reference ref) {
        if (ref == null || !ref.hasReference()) {
            return false;
        }
        String text = ref.getReference();
        String id = patient.resource().getIdElement().getIdPart();
        IdType target = new IdType(text);
        return (patient.fullUrl() != null && text.equals(patient.fullUrl()))
                || (id != null && "Patient".equals(target.getResourceType()) && id.equals(target.getIdPart()));
    }

    private static String section(String fact) {
        return fact.substring(0, fact.indexOf('.'));
    }

    // ---- binding -------------------------------------------------------------------------------

    private Assessment bind() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("assessmentDate", assessmentDate.toString());
        for (Map.Entry<String, List<Fact>> section : IntakeFacts.sections().entrySet()) {
            if (!sections.contains(section.getKey())) {
                continue;
            }
            ObjectNode facts = root.putObject(section.getKey());
            for (Fact fact : section.getValue()) {
                if (fact.kind() == Kind.CODINGS) {
                    if (!otherPais.isEmpty()) {
                        var list = facts.putArray(name(fact));
                        int i = 0;
                        for (Map.Entry<OtherPais, String> e : otherPais.entrySet()) {
                            list.add(e.getKey().name());
                            origins.put(fact.path() + "[" + i++ + "]", e.getValue());
                        }
                        origins.put(fact.path(), otherPais.values().iterator().next());
                    }
                    continue;
                }
                List<Source> given = sources.get(fact.path());
                if (given == null) {
                    continue;
                }
                Source first = given.get(0);
                for (Source other : given.subList(1, given.size())) {
                    if (!other.value().equals(first.value())) {
                        throw new InvalidInputException(first.path(), "gives " + fact.path() + " " + show(first.value())
                                + " but " + other.path() + " gives " + show(other.value())
                                + "; two sources of one fact must agree (nothing is chosen)");
                    }
                }
                facts.set(name(fact), first.value());
                origins.put(fact.path(), first.path());
            }
        }
        try {
            return DecisionJson.readAssessment(root.toString());
        } catch (InvalidInputException e) {
            throw translate(e, origins);
        }
    }

    /** The binding's error, at the FHIR path of the fact's source. */
    private InvalidInputException translate(InvalidInputException e, Map<String, String> origins) {
        String field = e.field();
        String origin = origins.get(field);
        if (origin == null && field.equals(BIRTH_DATE)) {
            origin = patient.path() + ".birthDate";
        }
        if (origin == null) {
            return e; // assessmentDate: the caller's date, named as such
        }
        InvalidInputException fhir = new InvalidInputException(origin, e.rule() + " (" + field + ")");
        fhir.setStackTrace(e.getStackTrace());
        return fhir;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void put(String fact, Source source) {
        sources.computeIfAbsent(fact, f -> new ArrayList<>()).add(source);
    }

    /** A resource about someone else than the Patient would mix two records: refused. */
    private void checkSubject(Located r, Reference subject, String element) {
        if (subject == null || !subject.hasReference()) {
            return; // no reference: the Bundle is the patient's record
        }
        String ref = subject.getReference();
        Patient p = (Patient) patient.resource();
        String id = p.getIdElement().getIdPart();
        // Patient/45, Patient/45/_history/2, https://ehr.example/fhir/Patient/45: the same Patient
        IdType target = new IdType(ref);
        boolean same = (patient.fullUrl() != null && ref.equals(patient.fullUrl()))
                || (id != null && "Patient".equals(target.getResourceType()) && id.equals(target.getIdPart()));
        if (!same) {
            throw new InvalidInputException(r.path() + "." + element + ".reference", "refers to " + quote(ref)
                    + ", not to the Patient " + patient.path() + (id == null && patient.fullUrl() == null
                    ? " (which has neither id nor fullUrl to refer to)" : " (" + (patient.fullUrl() != null
                    ? patient.fullUrl() : "Patient/" + id) + ")") + "; the Bundle must be one patient's record");
        }
    }

    /** A full date (YYYY-MM-DD) from a date or dateTime: the date part as written; a partial date is refused. */
    private static String fullDate(BaseDateTimeType value, String at, String fact) {
        String text = value.getValueAsString();
        Matcher m = FHIR_DATE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new InvalidInputException(at, "must be a FHIR date YYYY-MM-DD but was " + quote(text));
        }
        if (m.group(3) == null) {
            throw new InvalidInputException(at, "is a partial date (" + quote(text) + "); " + fact
                    + " needs a full date YYYY-MM-DD");
        }
        String day = text.substring(0, 10);
        try {
            LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(at, "must be a real day YYYY-MM-DD but was " + quote(text));
        }
        return day;
    }

    private static void checkJson(Located r, String rel, String at, java.util.function.Predicate<JsonNode> ok, String what) {
        if (r.json() == null) {
            return; // HAPI objects: typed already
        }
        JsonNode node = FhirJson.at(r.json(), rel);
        if (node != null && !ok.test(node)) {
            throw new InvalidInputException(at, "must be " + what + " but was " + node.getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT) + " " + abbreviate(node.toString()));
        }
    }

    private static void checkJsonString(Located r, String rel, String at) {
        checkJson(r, rel, at, JsonNode::isTextual, "a JSON string");
    }

    private static boolean has(CodeableConcept concept, Set<String> codes) {
        if (concept == null) {
            return false;
        }
        for (Coding c : concept.getCoding()) {
            if (c.getCode() != null && codes.contains(c.getCode())) {
                return true;
            }
        }
        return false;
    }

    private static String canonical(String url) {
        int bar = url.indexOf('|');
        return bar < 0 ? url : url.substring(0, bar);
    }

    private static String describe(Fact fact) {
        return switch (fact.kind()) {
            case BOOLEAN -> "a boolean";
            case DATE -> "a date";
            case INTEGER -> "an integer";
            case CODING -> "a coding of " + fact.codeSystem();
            case CODINGS -> "codings of " + fact.codeSystem();
        };
    }

    private static String name(Fact fact) {
        return fact.path().substring(fact.section().length() + 1);
    }

    private static String capitalised(String type) {
        if (type == null || type.isEmpty()) {
            return "";
        }
        return Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }

    private static JsonNode textNode(String text) {
        return JsonNodeFactory.instance.textNode(text);
    }

    private static String show(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    /**
     * A text quoted for a message, on one line: quotes, backslashes and every control or line
     * separator character escaped ({@code \\uXXXX}), at most 60 characters shown.
     */
    static String quote(String s) {
        return quote(s, true);
    }

    /** As {@link #quote(String)}; {@code abbreviated} false shows it whole (a name in a path). */
    static String quote(String s, boolean abbreviated) {
        String shown = abbreviated ? abbreviate(s) : s;
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < shown.length() && Character.isLowSurrogate(shown.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(shown.charAt(i - 1)))) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
