package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.zorgregels.fhir.FhirAssessments;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.OtherPais;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.PostCovidFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FHIR reader against data no one here wrote: the example resources of the FHIR R4
 * specification ({@link FhirExamples}), each file {@code Patient-*}, {@code Condition-*},
 * {@code Observation-*} and {@code Procedure-*} and each such resource inside an example Bundle.
 *
 * <ul>
 *   <li>Every Patient with a full birth date reads without error: alone it gives a decision with
 *       no part; with the intake's groups {@code postCovid} and {@code alk} (no answers) both
 *       parts are INSUFFICIENT_DATA. A Patient without a birth date is refused naming
 *       {@code ...birthDate} ("is required", CONTRACT.md section 4); a partial one as a partial date.</li>
 *   <li>Every Condition, Observation and Procedure, as it is and recoded with each code of the
 *       mapping table (its statuses, dates, values and subject kept; an Observation also with its value
 *       replaced by the Bell score 40), is ignored or mapped as the
 *       table says. The expectation is computed here from the example's JSON, independently of the
 *       reader: statuses that are ignored, onset and effective dates (full dates only), the
 *       latest-score and value rules, a subject that is not the Patient (refused).</li>
 * </ul>
 */
class FhirExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    private static final LocalDate BIRTH = LocalDate.of(1900, 1, 1);
    private static final Pattern FULL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T.*)?");
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String BELL_SYSTEM = "http://zorgregels.nl/fhir/CodeSystem/observation";
    private static final Set<String> TYPES = Set.of("Patient", "Condition", "Observation", "Procedure", "Coverage");
    private static final String UZOVI = "http://fhir.nl/fhir/NamingSystem/uzovi";

    /** name (file, or file#entry[i] inside a Bundle) to resource, by type. */
    private static final Map<String, Map<String, ObjectNode>> EXAMPLES = new LinkedHashMap<>();

    @BeforeAll
    static void load() {
        for (String t : TYPES) {
            EXAMPLES.put(t, new LinkedHashMap<>());
        }
        Map<String, String> files = FhirExamples.files(n -> n.matches("package/(Patient|Condition|Observation|Procedure|Coverage|Bundle)-.*\\.json"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            JsonNode r = read(f.getValue());
            collect(f.getKey(), r);
        }
        Figures.report("fhir examples ({}): {} Patients, {} Conditions, {} Observations, {} Procedures (files and inside "
                + "example Bundles)", FhirExamples.PACKAGE, EXAMPLES.get("Patient").size(), EXAMPLES.get("Condition").size(),
                EXAMPLES.get("Observation").size(), EXAMPLES.get("Procedure").size());
    }

    private static void collect(String name, JsonNode r) {
        String type = r.path("resourceType").asText();
        if (TYPES.contains(type)) {
            EXAMPLES.get(type).put(name, (ObjectNode) r);
        } else if (type.equals("Bundle")) {
            JsonNode entries = r.path("entry");
            for (int i = 0; i < entries.size(); i++) {
                JsonNode res = entries.get(i).get("resource");
                if (res != null && res.isObject()) {
                    collect(name + "#entry[" + i + "]", res);
                }
            }
        }
    }

    @Test
    void everyPatientWithABirthDateReadsAndOneWithoutIsRefusedNamingIt() {
        Map<String, ObjectNode> patients = EXAMPLES.get("Patient");
        assertThat(patients).hasSizeGreaterThanOrEqualTo(20);
        int read = 0;
        int refused = 0;
        int withGp = 0;
        for (Map.Entry<String, ObjectNode> p : patients.entrySet()) {
            String birth = p.getValue().path("birthDate").asText(null);
            ObjectNode bundle = bundle(p.getValue());
            if (birth != null && FULL_DATE.matcher(birth).matches()) {
                Assessment a = FhirAssessments.read(bundle.toString(), DATE);
                assertThat(a.patient().birthDate()).as(p.getKey()).isEqualTo(LocalDate.parse(birth));
                assertThat(a.postCovid()).as(p.getKey()).isNull();
                assertThat(a.alk()).as(p.getKey()).isNull();
                // a generalPractitioner reference that does not resolve within the Bundle gives nothing
                assertThat(a.patient().dutchGeneralPractitioner()).as(p.getKey()).isNull();
                assertThat(a.patient().dutchHealthInsurance()).as(p.getKey()).isNull();
                if (p.getValue().has("generalPractitioner")) {
                    withGp++;
                }
                Decision none = Engines.shared().evaluate(a);
                assertThat(none.postCovid()).isNull();
                assertThat(none.alk()).isNull();
                ((ArrayNode) bundle.get("entry")).addObject().set("resource", read("""
                        {"resourceType":"QuestionnaireResponse","status":"completed",
                         "questionnaire":"http://zorgregels.nl/fhir/Questionnaire/intake",
                         "item":[{"linkId":"postCovid"},{"linkId":"alk"}]}"""));
                Decision d = Engines.shared().evaluate(FhirAssessments.read(bundle.toString(), DATE));
                assertThat(d.postCovid().outcome()).as(p.getKey()).isEqualTo(Outcome.INSUFFICIENT_DATA);
                assertThat(d.alk().outcome()).as(p.getKey()).isEqualTo(AlkOutcome.INSUFFICIENT_DATA);
                read++;
            } else {
                InvalidInputException e = refusal(bundle, p.getKey());
                assertThat(e.field()).as(p.getKey()).isEqualTo("Bundle.entry[0].resource.birthDate");
                assertThat(e.rule()).as(p.getKey()).contains(birth == null ? "is required" : "partial date");
                refused++;
            }
        }
        assertThat(read).isGreaterThanOrEqualTo(15);
        assertThat(withGp).as("examples with a generalPractitioner").isPositive();
        Figures.report("fhir examples: {} Patients read (no part alone; INSUFFICIENT_DATA with empty sections), {} without a "
                + "birth date refused naming Patient.birthDate", read, refused);
    }

    @Test
    void everyConditionObservationAndProcedureIsIgnoredOrMappedAsTheTableSays() {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        int checked = 0;
        for (String type : List.of("Condition", "Observation", "Procedure")) {
            assertThat(EXAMPLES.get(type)).as(type).hasSizeGreaterThanOrEqualTo(10);
            for (Map.Entry<String, ObjectNode> e : EXAMPLES.get(type).entrySet()) {
                List<ObjectNode> variants = new ArrayList<>();
                variants.add(e.getValue());
                for (String[] code : codes(type)) {
                    ObjectNode recoded = e.getValue().deepCopy();
                    recoded.set("code", read("{\"coding\":[{\"system\":\"" + code[0] + "\",\"code\":\"" + code[1] + "\"}]}"));
                    variants.add(recoded);
                }
                if (type.equals("Observation")) {
                    // recoded and its value a Bell score: its real status, dates and subject decide
                    ObjectNode scored = variants.get(variants.size() - 1).deepCopy();
                    scored.remove(List.of("valueQuantity", "valueCodeableConcept", "valueString", "valueBoolean",
                            "valueInteger", "valueRange", "valueRatio", "valueSampledData", "valueTime", "valueDateTime",
                            "valuePeriod"));
                    scored.put("valueInteger", 40);
                    variants.add(scored);
                }
                for (ObjectNode r : variants) {
                    String outcome = check(e.getKey(), r);
                    outcomes.merge(type + " " + outcome, 1, Integer::sum);
                    checked++;
                }
            }
        }
        assertThat(outcomes.keySet()).as("each kind of result occurs").contains("Condition mapped", "Condition ignored",
                "Observation refused", "Observation mapped", "Procedure mapped", "Procedure ignored");
        Figures.report("fhir examples: {} Conditions, Observations and Procedures (as they are and recoded with each table "
                + "code) read as the table says: {}", checked, outcomes);
    }

    /**
     * Every Coverage example, of the Patient its beneficiary names: as it is (no UZOVI payor) the insurer
     * stays absent; with its payor given a UZOVI identifier, the insurer is Dutch exactly when the example
     * is active and its period (full dates) holds the date, as computed here from the JSON.
     */
    @Test
    void everyCoverageGivesADutchInsurerOnlyWithAUzoviPayorActiveOnTheDate() {
        Map<String, ObjectNode> coverages = EXAMPLES.get("Coverage");
        assertThat(coverages).hasSizeGreaterThanOrEqualTo(3);
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (LocalDate date : List.of(DATE, LocalDate.of(2012, 1, 1))) {
            for (Map.Entry<String, ObjectNode> c : coverages.entrySet()) {
                ObjectNode coverage = c.getValue().deepCopy();
                String beneficiary = coverage.path("beneficiary").path("reference").asText("");
                String id = beneficiary.startsWith("Patient/") ? unversioned(beneficiary).substring(8) : "example";
                ObjectNode bundle = bundle((ObjectNode) read("{\"resourceType\":\"Patient\",\"id\":\"" + id
                        + "\",\"birthDate\":\"" + BIRTH + "\"}"));
                ((ArrayNode) bundle.get("entry")).addObject().set("resource", coverage);
                assertThat(FhirAssessments.read(bundle.toString(), date).patient().dutchHealthInsurance())
                        .as(c.getKey()).isNull();
                coverage.putArray("payor").addObject().putObject("identifier").put("system", UZOVI).put("value", "9999");
                boolean expected = coverage.path("status").asText().equals("active") && beneficiary.startsWith("Patient/")
                        && holds(coverage.path("period"), date);
                Boolean insurer = FhirAssessments.read(bundle.toString(), date).patient().dutchHealthInsurance();
                assertThat(insurer).as(c.getKey() + " on " + date).isEqualTo(expected ? Boolean.TRUE : null);
                outcomes.merge(expected ? "Dutch insurer" : "absent", 1, Integer::sum);
            }
        }
        assertThat(outcomes).containsKeys("Dutch insurer", "absent");
        Figures.report("fhir examples: {} Coverages, read on two dates with a UZOVI payor: {}", coverages.size(), outcomes);
    }

    /** Whether a period (absent: always) holds a date; a partial date in it: not known, false. */
    private static boolean holds(JsonNode period, LocalDate date) {
        for (String end : List.of("start", "end")) {
            String text = period.path(end).asText(null);
            if (text == null) {
                continue;
            }
            if (!FULL_DATE.matcher(text).matches()) {
                return false;
            }
            LocalDate day = LocalDate.parse(text.substring(0, 10));
            if (end.equals("start") ? day.isAfter(date) : day.isBefore(date)) {
                return false;
            }
        }
        return true;
    }

    private static String[][] codes(String type) {
        return switch (type) {
            case "Condition" -> new String[][] {{SNOMED, "1119303003"}, {SNOMED, "1119304009"}, {SNOMED, "52702003"}};
            case "Observation" -> new String[][] {{BELL_SYSTEM, "bell-cfids-score"}};
            default -> new String[][] {{SNOMED, "91251008"}, {SNOMED, "84478008"}};
        };
    }

    /** What the table says for one resource in a Bundle with a Patient and an open post-COVID section. */
    private record Expected(String refusedAt, Boolean attributed, LocalDate onset, List<String> otherPais, Integer bell,
                            String pathway) {
        static Expected ignored() {
            return new Expected(null, null, null, null, null, null);
        }

        static Expected refused(String at) {
            return new Expected(at, null, null, null, null, null);
        }
    }

    private static String check(String name, ObjectNode resource) {
        String subject = resource.path("subject").path("reference").asText(null);
        String patientId = subject != null && subject.startsWith("Patient/") ? unversioned(subject).substring(8) : "example";
        ObjectNode patient = (ObjectNode) read("{\"resourceType\":\"Patient\",\"id\":\"" + patientId
                + "\",\"birthDate\":\"" + BIRTH + "\"}");
        ObjectNode bundle = bundle(patient);
        ((ArrayNode) bundle.get("entry")).addObject().set("resource", read("""
                {"resourceType":"QuestionnaireResponse","status":"completed",
                 "questionnaire":"http://zorgregels.nl/fhir/Questionnaire/intake","item":[{"linkId":"postCovid"}]}"""));
        ((ArrayNode) bundle.get("entry")).addObject().set("resource", resource);
        String at = "Bundle.entry[2].resource";
        Expected expected = expect(resource, at, patientId);
        String label = name + " " + resource.path("code");
        if (expected.refusedAt() != null) {
            InvalidInputException e = refusal(bundle, label);
            assertThat(e.field()).as(label + ": " + e.getMessage()).isEqualTo(expected.refusedAt());
            return "refused";
        }
        Assessment a;
        try {
            a = FhirAssessments.read(bundle.toString(), DATE);
        } catch (InvalidInputException e) {
            throw new AssertionError(label + " refused: " + e.getMessage(), e);
        }
        PostCovidFacts pc = a.postCovid();
        assertThat(pc).as(label).isNotNull();
        assertThat(pc.complaintsAttributedToCovid()).as(label).isEqualTo(expected.attributed());
        assertThat(pc.complaintOnsetDate()).as(label).isEqualTo(expected.onset());
        assertThat(pc.otherPais() == null ? null : pc.otherPais().stream().map(OtherPais::code).toList()).as(label)
                .isEqualTo(expected.otherPais());
        assertThat(pc.bellScore()).as(label).isEqualTo(expected.bell());
        assertThat(pc.treatmentPathway() == null ? null : pc.treatmentPathway().name()).as(label).isEqualTo(expected.pathway());
        assertThat(pc.otherCausesInvestigated()).isNull();
        assertThat(pc.reducedFunctioning()).isNull();
        return expected.equals(Expected.ignored()) ? "ignored" : "mapped";
    }

    /** The mapping table, applied to the JSON (not with the reader's code). */
    private static Expected expect(ObjectNode r, String at, String patientId) {
        String type = r.get("resourceType").asText();
        Set<String> codes = switch (type) {
            case "Condition" -> Set.of("1119303003", "1119304009", "52702003");
            case "Procedure" -> Set.of("91251008", "84478008");
            default -> Set.of("bell-cfids-score");
        };
        String system = type.equals("Observation") ? BELL_SYSTEM : SNOMED;
        String code = null;
        for (JsonNode c : r.path("code").path("coding")) {
            if (system.equals(c.path("system").asText()) && codes.contains(c.path("code").asText())) {
                code = c.path("code").asText();
            }
        }
        if (code == null) {
            return Expected.ignored();
        }
        String status = r.path("status").asText("");
        switch (type) {
            case "Condition" -> {
                if (hasCode(r.path("verificationStatus"), "refuted", "entered-in-error")
                        || hasCode(r.path("clinicalStatus"), "inactive", "remission", "resolved")) {
                    return Expected.ignored();
                }
            }
            case "Observation" -> {
                if (!Set.of("final", "amended", "corrected").contains(status)) {
                    return Expected.ignored();
                }
            }
            default -> {
                if (!status.equals("completed") && !status.equals("in-progress")) {
                    return Expected.ignored();
                }
            }
        }
        String subject = r.path("subject").path("reference").asText(null);
        if (subject != null && !unversioned(subject).equals("Patient/" + patientId)) {
            return Expected.refused(at + ".subject.reference");
        }
        switch (type) {
            case "Condition" -> {
                if (code.equals("52702003")) {
                    return new Expected(null, null, null, List.of("ME_CVS"), null, null);
                }
                LocalDate onset = null;
                String onsetAt = null;
                String text = null;
                if (r.has("onsetDateTime")) {
                    onsetAt = at + ".onsetDateTime";
                    text = r.get("onsetDateTime").asText();
                } else if (r.path("onsetPeriod").has("start")) {
                    onsetAt = at + ".onsetPeriod.start";
                    text = r.path("onsetPeriod").get("start").asText();
                }
                if (text != null) {
                    if (!FULL_DATE.matcher(text).matches()) {
                        return Expected.refused(onsetAt);
                    }
                    onset = LocalDate.parse(text.substring(0, 10));
                    if (onset.isAfter(DATE) || onset.isBefore(BIRTH)) {
                        return Expected.refused(onsetAt);
                    }
                }
                return new Expected(null, true, onset, null, null, null);
            }
            case "Procedure" -> {
                return new Expected(null, null, null, null, null, status.equals("completed") ? "COMPLETED" : "IN_PROGRESS");
            }
            default -> {
                String valueElement = null;
                for (var it = r.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (f.startsWith("value")) {
                        valueElement = f;
                    }
                }
                if (valueElement == null) {
                    return Expected.ignored(); // no value: nothing known
                }
                if (!valueElement.equals("valueInteger")) {
                    return Expected.refused(at + "." + valueElement);
                }
                String effective = null;
                String effectiveAt = null;
                for (String e : List.of("effectiveDateTime", "effectiveInstant")) {
                    if (r.has(e)) {
                        effective = r.get(e).asText();
                        effectiveAt = at + "." + e;
                    }
                }
                if (r.has("effectivePeriod")) {
                    String end = r.get("effectivePeriod").path("end").asText(null);
                    effective = end != null ? end : r.get("effectivePeriod").path("start").asText(null);
                    effectiveAt = at + ".effectivePeriod." + (end != null ? "end" : "start");
                }
                if (effective == null) {
                    return Expected.refused(at + ".effectiveDateTime");
                }
                if (!FULL_DATE.matcher(effective).matches()) {
                    return Expected.refused(effectiveAt);
                }
                if (LocalDate.parse(effective.substring(0, 10)).isAfter(DATE)) {
                    return Expected.ignored();
                }
                int value = r.get("valueInteger").asInt();
                if (value < 0 || value > 100 || value % 10 != 0) {
                    return Expected.refused(at + ".valueInteger");
                }
                return new Expected(null, null, null, null, value, null);
            }
        }
    }

    /** A reference without its version: Patient/45/_history/2 is Patient/45. */
    private static String unversioned(String reference) {
        int history = reference.indexOf("/_history/");
        return history < 0 ? reference : reference.substring(0, history);
    }

    private static boolean hasCode(JsonNode concept, String... codes) {
        for (JsonNode c : concept.path("coding")) {
            for (String code : codes) {
                if (code.equals(c.path("code").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static InvalidInputException refusal(ObjectNode bundle, String label) {
        try {
            Assessment a = FhirAssessments.read(bundle.toString(), DATE);
            throw new AssertionError(label + ": expected a refusal, read " + a);
        } catch (InvalidInputException e) {
            return e;
        }
    }

    private static ObjectNode bundle(ObjectNode patient) {
        ObjectNode b = (ObjectNode) read("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[]}");
        ((ArrayNode) b.get("entry")).addObject().set("resource", patient.deepCopy());
        return b;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
