package nl.zorgregels.tests;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import nl.zorgregels.model.OtherPais;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * The test side of CONTRACT.md section 8, written independently of the reader: a section-4 JSON case as
 * an equivalent FHIR R4 Bundle. The Patient carries the birth date; the intake
 * QuestionnaireResponse has a group per section present and an item per fact present; a seeded
 * random choice moves facts to the standard resources the mapping table names (a post-COVID
 * Condition with its onset, a Bell CFIDS Observation, a therapy Procedure, a chronic fatigue
 * syndrome Condition) and adds resources the reader must ignore (an entered-in-error
 * QuestionnaireResponse contradicting every answer, a refuted and a resolved post-COVID Condition, a
 * preliminary Bell score, a later Bell score than the assessment date, an older Bell score, a
 * not-done therapy, other codes, resources of other types).
 */
final class FhirCases {
    static final FhirContext R4 = FhirContext.forR4();
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String CS = "http://zorgregels.nl/fhir/CodeSystem/";
    private static final String INTAKE = "http://zorgregels.nl/fhir/Questionnaire/intake";
    private static final Map<String, String> ENUM_SYSTEMS = Map.of(
            "patient.umcRegion", "Centre", "postCovid.treatmentPathway", "TreatmentPathway",
            "postCovid.otherPais", "OtherPais", "postCovid.currentCentre", "Centre",
            "alk.complaintPattern", "ComplaintPattern", "alk.functionalLimitation", "FunctionalLimitation");

    private FhirCases() {
    }

    /**
     * The case with {@code otherPais} as FHIR gives it: the union in the enum's order (CONTRACT.md section 8),
     * absent when empty.
     *
     * @param input a section-4 case
     * @return a copy, {@code postCovid.otherPais} sorted and without repeats; whether it changed is
     *         {@code !copy.equals(input)}
     */
    static ObjectNode normalised(ObjectNode input) {
        ObjectNode copy = input.deepCopy();
        JsonNode pc = copy.get("postCovid");
        if (pc != null && pc.get("otherPais") instanceof ArrayNode list && known(list)) {
            TreeSet<OtherPais> union = new TreeSet<>();
            list.forEach(v -> union.add(OtherPais.valueOf(v.asText())));
            list.removeAll();
            union.forEach(p -> list.add(p.name()));
            if (union.isEmpty()) {
                ((ObjectNode) pc).remove("otherPais"); // FHIR has no empty list: absent, which decides the same
            }
        }
        return copy;
    }

    private static boolean known(ArrayNode list) {
        for (JsonNode v : list) {
            if (!v.isTextual() || java.util.Arrays.stream(OtherPais.values()).noneMatch(p -> p.name().equals(v.asText()))) {
                return false; // an invalid case: left as it is, to be refused
            }
        }
        return true;
    }

    /**
     * @param input  a section-4 case (an invalid one is written as it is, to be refused)
     * @param random chooses which facts come from standard resources, and the noise
     * @return the equivalent Bundle
     */
    static Bundle bundle(ObjectNode input, SplittableRandom random) {
        LocalDate date = LocalDate.parse(input.get("assessmentDate").asText());
        Bundle b = new Bundle();
        b.setType(random.nextBoolean() ? Bundle.BundleType.COLLECTION : Bundle.BundleType.SEARCHSET);
        Patient patient = new Patient();
        patient.setId("p" + random.nextInt(1000));
        JsonNode p = input.get("patient");
        patient.setBirthDateElement(new DateType(p.get("birthDate").asText()));
        String subject = "Patient/" + patient.getIdElement().getIdPart();
        add(b, patient, random.nextBoolean() ? "urn:uuid:00000000-0000-4000-8000-" + String.format("%012d", random.nextInt(1_000_000)) : null);

        QuestionnaireResponse qr = new QuestionnaireResponse();
        qr.setQuestionnaire(random.nextBoolean() ? INTAKE : INTAKE + "|1");
        qr.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        qr.setSubject(new Reference(subject));
        QuestionnaireResponse contradicting = new QuestionnaireResponse();
        contradicting.setQuestionnaire(INTAKE);
        contradicting.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.ENTEREDINERROR);
        List<Resource> extra = new ArrayList<>();

        for (String section : List.of("patient", "postCovid", "alk")) {
            JsonNode facts = input.get(section);
            if (facts == null || facts.isNull()) {
                continue;
            }
            QuestionnaireResponseItemComponent group = new QuestionnaireResponseItemComponent().setLinkId(section);
            QuestionnaireResponseItemComponent wrongGroup = new QuestionnaireResponseItemComponent().setLinkId(section);
            for (Iterator<Map.Entry<String, JsonNode>> it = facts.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String path = section + "." + f.getKey();
                JsonNode v = f.getValue();
                if (v.isNull() || path.equals("patient.birthDate") && random.nextInt(3) != 0) {
                    continue; // the birth date is on the Patient; sometimes also in the answers
                }
                if (section.equals("postCovid") && fromStandard(path, v, input, date, subject, extra, random)) {
                    continue;
                }
                QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent().setLinkId(path);
                if (v.isArray()) {
                    for (JsonNode e : v) {
                        item.addAnswer().setValue(coding(path, e.asText()));
                    }
                } else {
                    item.addAnswer().setValue(value(path, v));
                }
                group.getItem().add(item); // in its section's group, as the Questionnaire has it
                wrongGroup.addItem(contradiction(path, v));
            }
            // The section is in the case, so it must be in the record: its group says so (also an
            // empty section, all from standard resources).
            qr.addItem(group);
            contradicting.addItem(wrongGroup);
        }
        noise(b, input, date, subject, random);
        List<Resource> resources = new ArrayList<>(extra);
        resources.add(qr);
        if (random.nextBoolean()) {
            resources.add(contradicting);
        }
        shuffle(resources, random);
        for (Resource r : resources) {
            add(b, r, null);
        }
        if (random.nextInt(5) == 0) { // nested, as CDS Hooks prefetch results would be
            Bundle outer = new Bundle().setType(Bundle.BundleType.COLLECTION);
            outer.addEntry().setResource(b);
            return outer;
        }
        return b;
    }

    /** Puts a post-COVID fact in a standard resource instead of an answer, when the table allows and the dice say so. */
    private static boolean fromStandard(String path, JsonNode v, ObjectNode input, LocalDate date, String subject,
                                        List<Resource> out, SplittableRandom random) {
        JsonNode pc = input.get("postCovid");
        switch (path) {
            case "postCovid.complaintsAttributedToCovid" -> {
                if (v.asBoolean() && random.nextBoolean()) {
                    Condition c = condition(random.nextBoolean() ? "1119303003" : "1119304009", subject);
                    JsonNode onset = pc.get("complaintOnsetDate");
                    if (onset != null && !onset.isNull() && random.nextBoolean()) {
                        if (random.nextBoolean()) {
                            c.setOnset(new DateTimeType(onset.asText() + "T09:30:00+01:00"));
                        } else {
                            c.setOnset(new Period().setStartElement(new DateTimeType(onset.asText())));
                        }
                    }
                    out.add(c);
                    return true;
                }
                return false;
            }
            case "postCovid.bellScore" -> {
                if (random.nextBoolean()) {
                    Observation o = bell(v.asInt(), date.minusDays(random.nextInt(30)), subject);
                    o.setStatus(random.nextBoolean() ? Observation.ObservationStatus.FINAL : Observation.ObservationStatus.AMENDED);
                    out.add(o);
                    // an older score, of another value: the latest one counts
                    out.add(bell((v.asInt() + 10) % 110, date.minusDays(40 + random.nextInt(300)), subject));
                    return true;
                }
                return false;
            }
            case "postCovid.treatmentPathway" -> {
                String pathway = v.asText();
                if ((pathway.equals("COMPLETED") || pathway.equals("IN_PROGRESS")) && random.nextBoolean()) {
                    Procedure p = new Procedure();
                    p.setStatus(pathway.equals("COMPLETED") ? Procedure.ProcedureStatus.COMPLETED : Procedure.ProcedureStatus.INPROGRESS);
                    p.setCode(concept(SNOMED, random.nextBoolean() ? "91251008" : "84478008"));
                    p.setSubject(new Reference(subject));
                    out.add(p);
                    if (pathway.equals("COMPLETED") && random.nextBoolean()) { // completed wins
                        Procedure ongoing = p.copy();
                        ongoing.setStatus(Procedure.ProcedureStatus.INPROGRESS);
                        out.add(ongoing);
                    }
                    return true;
                }
                return false;
            }
            case "postCovid.otherPais" -> {
                boolean meCvs = false;
                for (JsonNode e : v) {
                    meCvs |= e.asText().equals("ME_CVS");
                }
                if (meCvs && random.nextBoolean()) {
                    out.add(condition("52702003", subject));
                    if (v.size() == 1 && random.nextBoolean()) {
                        return true; // ME_CVS only from the Condition
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** Resources the reader must ignore. */
    private static void noise(Bundle b, ObjectNode input, LocalDate date, String subject, SplittableRandom random) {
        boolean postCovid = input.get("postCovid") != null && !input.get("postCovid").isNull();
        if (random.nextInt(3) == 0) {
            Condition refuted = condition("1119304009", subject);
            refuted.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted"));
            refuted.setOnset(new DateTimeType("2000-01-01"));
            add(b, refuted, null);
        }
        if (random.nextInt(3) == 0) {
            Condition resolved = condition("52702003", subject);
            resolved.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved"));
            add(b, resolved, null);
        }
        if (random.nextInt(3) == 0) {
            Observation preliminary = bell(0, date, subject);
            preliminary.setStatus(Observation.ObservationStatus.PRELIMINARY);
            add(b, preliminary, null);
        }
        if (random.nextInt(3) == 0) {
            add(b, bell(100, date.plusDays(1 + random.nextInt(100)), subject), null); // after the assessment date
        }
        if (random.nextInt(3) == 0) {
            Procedure notDone = new Procedure();
            notDone.setStatus(Procedure.ProcedureStatus.NOTDONE);
            notDone.setCode(concept(SNOMED, "91251008"));
            notDone.setSubject(new Reference(subject));
            add(b, notDone, null);
        }
        if (random.nextInt(3) == 0) {
            add(b, condition("44054006", subject), null); // diabetes type 2: another code
        }
        if (random.nextInt(3) == 0) {
            org.hl7.fhir.r4.model.MedicationStatement other = new org.hl7.fhir.r4.model.MedicationStatement();
            other.setStatus(org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus.ACTIVE);
            other.setSubject(new Reference("Patient/someone-else")); // ignored, so not checked
            add(b, other, null);
        }
        if (!postCovid && random.nextInt(3) == 0) {
            // without a post-COVID section these open nothing: no post-COVID part
            add(b, bell(50, date, subject), null);
            Procedure physio = new Procedure();
            physio.setStatus(Procedure.ProcedureStatus.COMPLETED);
            physio.setCode(concept(SNOMED, "91251008"));
            add(b, physio, null);
            add(b, condition("52702003", subject), null);
        }
    }

    private static Type value(String path, JsonNode v) {
        if (ENUM_SYSTEMS.containsKey(path)) {
            return coding(path, v.asText());
        }
        if (v.isBoolean()) {
            return new BooleanType(v.asBoolean());
        }
        if (v.isInt()) {
            return new IntegerType(v.asInt());
        }
        return new DateType(v.asText());
    }

    /** An answer that differs from the case's, for the entered-in-error response. */
    private static QuestionnaireResponseItemComponent contradiction(String path, JsonNode v) {
        QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent().setLinkId(path);
        if (v.isBoolean()) {
            item.addAnswer().setValue(new BooleanType(!v.asBoolean()));
        } else if (v.isInt()) {
            item.addAnswer().setValue(new IntegerType(v.asInt() == 0 ? 10 : 0));
        } else if (!ENUM_SYSTEMS.containsKey(path) && v.isTextual()) {
            item.addAnswer().setValue(new DateType(LocalDate.parse(v.asText()).minusDays(1).toString()));
        }
        return item;
    }

    private static Coding coding(String path, String code) {
        return new Coding(CS + ENUM_SYSTEMS.get(path), code, null);
    }

    private static Condition condition(String code, String subject) {
        Condition c = new Condition();
        c.setCode(concept(SNOMED, code));
        c.setSubject(new Reference(subject));
        return c;
    }

    private static Observation bell(int score, LocalDate effective, String subject) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(concept(CS + "observation", "bell-cfids-score"));
        o.setSubject(new Reference(subject));
        o.setEffective(new DateTimeType(effective.toString()));
        o.setValue(new IntegerType(score));
        return o;
    }

    private static CodeableConcept concept(String system, String code) {
        return new CodeableConcept().addCoding(new Coding(system, code, null));
    }

    private static void add(Bundle b, Resource r, String fullUrl) {
        Bundle.BundleEntryComponent e = b.addEntry().setResource(r);
        if (fullUrl != null) {
            e.setFullUrl(fullUrl);
        }
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** @return the Bundle as FHIR JSON, as HAPI writes it */
    static String json(Bundle b) {
        return R4.newJsonParser().setPrettyPrint(false).encodeResourceToString(b);
    }
}
