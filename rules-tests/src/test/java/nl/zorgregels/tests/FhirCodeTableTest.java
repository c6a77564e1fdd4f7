package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.fhir.FhirAssessments;
import nl.zorgregels.fhir.FhirCodes;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.service.CdsHooksServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codes a FHIR record is read by are knowledge (issues #22 and #23): the knowledge base's
 * {@code codes.csv}, a deployer's table merged with it at run time, and the nl-core reading of
 * PC-X2 (the GP's AGB code, the insurer's UZOVI number) by naming-system rows.
 */
class FhirCodeTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    private static final Path NL_CORE = Path.of("..", "examples", "fhir", "nl-core-adult-bundle.json");
    private static final Path DEPLOYER = Path.of("src", "test", "resources", "fhir", "deployer-codes.test.csv");
    private static final String KB = "nl/zorgregels/kb/";

    @TempDir
    Path work;

    private static ObjectNode nlCore() throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(NL_CORE));
    }

    private static Decision decide(Assessment a) {
        return Engines.shared().evaluate(a);
    }

    /** The codings of the Bundle's resources of a type replaced by one coding. */
    private static void recode(ObjectNode bundle, String type, String system, String code) {
        for (JsonNode e : bundle.get("entry")) {
            JsonNode r = e.get("resource");
            if (r.path("resourceType").asText().equals(type)) {
                ((ObjectNode) r).set("code", JSON.createObjectNode().set("coding", JSON.createArrayNode()
                        .add(JSON.createObjectNode().put("system", system).put("code", code))));
            }
        }
    }

    private static ObjectNode resource(ObjectNode bundle, String type) {
        for (JsonNode e : bundle.get("entry")) {
            if (e.get("resource").path("resourceType").asText().equals(type)) {
                return (ObjectNode) e.get("resource");
            }
        }
        throw new AssertionError("no " + type);
    }

    private static ObjectNode withOnly(ObjectNode bundle, Consumer<ObjectNode> edit) {
        ObjectNode copy = bundle.deepCopy();
        edit.accept(copy);
        return copy;
    }

    private static void remove(ObjectNode bundle, String type) {
        ArrayNode entries = (ArrayNode) bundle.get("entry");
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).get("resource").path("resourceType").asText().equals(type)) {
                entries.remove(i);
            }
        }
    }

    @Test
    void aBundleCodedOnlyWithADeployersCodesDecidesAsTheSnomedCodedOne() throws IOException {
        ObjectNode snomed = nlCore();
        // a second Condition: ME/CVS, so the otherPais row is used too (NOT_ELIGIBLE by PC-X1)
        ObjectNode cfs = resource(snomed, "Condition").deepCopy();
        cfs.set("code", JSON.readTree("{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"52702003\"}]}"));
        cfs.remove("onsetDateTime");
        List<ObjectNode> bundles = List.of(snomed, withOnly(snomed, b -> ((ArrayNode) b.get("entry")).addObject()
                .set("resource", cfs)));
        FhirCodes deployer = FhirCodes.packaged().with(DEPLOYER);
        assertThat(deployer.size()).isEqualTo(FhirCodes.packaged().size() + 5);
        List<Outcome> outcomes = new ArrayList<>();
        for (ObjectNode coded : bundles) {
            ObjectNode local = coded.deepCopy();
            ArrayNode entries = (ArrayNode) local.get("entry");
            for (JsonNode e : entries) {
                ObjectNode r = (ObjectNode) e.get("resource");
                String code = r.path("code").path("coding").path(0).path("code").asText();
                switch (r.path("resourceType").asText()) {
                    case "Condition" -> r.set("code", coding("http://hl7.org/fhir/sid/icpc-1-nl",
                            code.equals("52702003") ? "Q01.02" : "Q01.01"));
                    case "Observation" -> r.set("code", coding("http://example.org/test/observation", "bell-test"));
                    case "Procedure" -> r.set("code", coding("http://example.org/test/procedure", "physio-test"));
                    default -> { }
                }
            }
            assertThat(local.toString()).doesNotContain("snomed").doesNotContain("bell-cfids-score");
            Assessment bySnomed = FhirAssessments.read(coded.toString(), DATE);
            Assessment byLocal = FhirAssessments.read(local.toString(), DATE, deployer);
            assertThat(byLocal).isEqualTo(bySnomed);
            assertThat(DecisionJson.write(decide(byLocal))).isEqualTo(DecisionJson.write(decide(bySnomed)));
            outcomes.add(decide(byLocal).postCovid().outcome());

            // without the deployer's table the local codes mean nothing: the facts are absent
            Assessment unread = FhirAssessments.read(local.toString(), DATE);
            assertThat(unread.postCovid().complaintsAttributedToCovid()).isNull();
            assertThat(unread.postCovid().bellScore()).isNull();
            assertThat(unread.postCovid().treatmentPathway()).isNull();
            assertThat(decide(unread).postCovid().outcome()).isEqualTo(Outcome.INSUFFICIENT_DATA);
        }
        assertThat(outcomes).containsExactly(Outcome.ELIGIBLE, Outcome.NOT_ELIGIBLE);
    }

    @Test
    void theServiceAsksForADeployersCodesAndTheCoverageAndDecidesFromThem() throws Exception {
        FhirCodes deployer = FhirCodes.packaged().with(DEPLOYER);
        ObjectNode record = nlCore();
        recode(record, "Condition", "http://hl7.org/fhir/sid/icpc-1-nl", "Q01.01");
        // as an EHR's FHIR server answers: relative references, no questionnaire answers (the record alone)
        remove(record, "QuestionnaireResponse");
        resource(record, "Coverage").set("beneficiary", JSON.createObjectNode().put("reference", "Patient/nl-p1"));
        ObjectNode call = JSON.createObjectNode().put("hook", "patient-view").put("hookInstance", "d1e2f3a4-codes");
        call.putObject("context").put("patientId", "nl-p1");
        call.putObject("extension").put("nl.zorgregels.assessmentDate", DATE.toString());
        ObjectNode prefetch = call.putObject("prefetch");
        prefetch.set("patient", resource(record, "Patient"));
        Map<String, String> slots = Map.of("Condition", "conditions", "Observation", "observations",
                "Procedure", "procedures", "Coverage", "coverages", "Organization", "coverages");
        List<JsonNode> sent = new ArrayList<>(List.of(resource(record, "Patient")));
        for (JsonNode e : record.get("entry")) {
            JsonNode r = e.get("resource");
            String slot = slots.get(r.path("resourceType").asText());
            if (slot == null || r.path("id").asText().equals("nl-practice")) {
                continue; // the GP's resources are in no slot: the Patient's reference names them
            }
            ObjectNode set = prefetch.has(slot) ? (ObjectNode) prefetch.get(slot)
                    : prefetch.putObject(slot).put("resourceType", "Bundle").put("type", "searchset");
            ObjectNode entry = (set.has("entry") ? (ArrayNode) set.get("entry") : set.putArray("entry")).addObject();
            entry.set("resource", r);
            entry.putObject("search").put("mode", r.path("resourceType").asText().equals("Organization") ? "include" : "match");
            sent.add(r);
        }
        prefetch.putNull("questionnaireResponses");

        try (CdsHooksServer server = CdsHooksServer.builder(new ReloadableEngine(Engines.shared())).port(0)
                .codes(deployer).start()) {
            JsonNode discovery = JSON.readTree(CdsCalls.get(server.baseUri().resolve("/cds-services")).body());
            JsonNode templates = discovery.at("/services/0/prefetch");
            assertThat(templates.path("conditions").asText()).startsWith("Condition?patient={{context.patientId}}&code=")
                    .contains("http://snomed.info/sct|1119304009").contains("http://hl7.org/fhir/sid/icpc-1-nl|Q01.01")
                    .contains("http://hl7.org/fhir/sid/icpc-1-nl|Q01.02");
            assertThat(templates.path("observations").asText()).contains("http://example.org/test/observation|bell-test");
            assertThat(templates.path("coverages").asText())
                    .isEqualTo("Coverage?patient={{context.patientId}}&status=active&_include=Coverage:payor");

            HttpResponse<String> r = CdsCalls.post(server.baseUri().resolve("/cds-services/zorgregels"), call.toString(), null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            ObjectNode asBundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
            sent.forEach(res -> asBundle.withArray("entry").addObject().set("resource", res));
            Decision expected = decide(FhirAssessments.read(asBundle.toString(), DATE, deployer));
            assertThat(CdsCalls.decisionOf(r.body())).isEqualTo(DecisionJson.writeLine(expected));
            // the ICPC-coded episode gives PC-A1, the Coverage's UZOVI payor the insurer (PC-X2)
            assertThat(criterion(expected, "PC-A1").status()).isEqualTo(CriterionStatus.MET);
            assertThat(criterion(expected, "PC-X2").facts()).containsEntry("dutchHealthInsurance", true);
            assertThat(r.body()).doesNotContain("coverages");
        }
    }

    private static CriterionResult criterion(Decision d, String id) {
        return d.postCovid().criteria().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private static JsonNode coding(String system, String code) {
        return JSON.createObjectNode().set("coding", JSON.createArrayNode()
                .add(JSON.createObjectNode().put("system", system).put("code", code)));
    }

    @Test
    void aDeployersRowThatMapsAKnownCodeToAnotherValueIsRefusedNamingBothRows() throws IOException {
        Path table = work.resolve("conflict.csv");
        Files.writeString(table, """
                # a deployer who reads chronic fatigue syndrome as Lyme: refused
                element,system,code,fact,value,opensSection,requirement,note
                Condition.code,http://snomed.info/sct,52702003,postCovid.otherPais,LYME,false,PC-X1,wrong
                """);
        assertThatThrownBy(() -> FhirCodes.packaged().with(table))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining(table + ":3: Condition.code http://snomed.info/sct|52702003 for postCovid.otherPais"
                        + " is already mapped by nl/zorgregels/kb/codes.csv:")
                .hasMessageContaining("to ME_CVS, not LYME");
        // a row that says what the knowledge base says is taken once
        Path same = work.resolve("same.csv");
        Files.writeString(same, """
                element,system,code,fact,value,opensSection,requirement,note
                Condition.code,http://snomed.info/sct,52702003,postCovid.otherPais,ME_CVS,false,PC-X1,as the KB
                """);
        assertThat(FhirCodes.packaged().with(same).size()).isEqualTo(FhirCodes.packaged().size());
    }

    @Test
    void malformedRowsOfADeployersTableAreRefusedWithFileAndLine() throws IOException {
        Path table = work.resolve("bad.csv");
        Files.writeString(table, """
                element,system,code,fact,value,opensSection,requirement,note
                Condition.code,http://hl7.org/fhir/sid/icpc-1-nl,Q01.01,postCovid.complaintsAtributedToCovid,true,true,PC-A1,typo in the fact
                Condition.code,http://hl7.org/fhir/sid/icpc-1-nl,Q01.03,postCovid.otherPais,me/cvs,false,PC-X1,bad kind
                Observation.code,http://example.org/test,bell,postCovid.bellScore,50,false,PC-A3,a literal score
                Procedure.code,http://example.org/test,physio,postCovid.treatmentPathway,status completed=DONE,false,PC-A5,no such constant
                Coverage.payor.identifier,http://fhir.nl/fhir/NamingSystem/uzovi,3311,patient.dutchHealthInsurance,true,false,PC-X2,code given
                Condition.code,icpc,Q01.04,postCovid.complaintsAttributedToCovid,true,yes,PC-Z9,bad system opens requirement
                Condition.code,http://hl7.org/fhir/sid/icpc-1-nl,Q01.05,postCovid.complaintsAttributedToCovid,true,true,PC-A1
                """);
        assertThatThrownBy(() -> FhirCodes.packaged().with(table))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining(table + ":2: fact \"postCovid.complaintsAtributedToCovid\" is not an input fact")
                .hasMessageContaining(table + ":3: value \"me/cvs\"")
                .hasMessageContaining(table + ":4: a literal value is not read from Observation.code")
                .hasMessageContaining(table + ":5: value \"status completed=DONE\": DONE is not one of")
                .hasMessageContaining(table + ":6: code must be empty for Coverage.payor.identifier")
                .hasMessageContaining(table + ":7: system \"icpc\" must be a code system or naming system URI")
                .hasMessageContaining(table + ":7: opensSection must be true or false")
                .hasMessageContaining(table + ":7: requirement \"PC-Z9\" is not in requirements.json")
                .hasMessageContaining(table + ":8: 7 field(s) where the header has 8");
    }

    @Test
    void aMalformedRowOfTheKnowledgeBasesTableRefusesTheKnowledgeBaseWithFileAndLine() throws IOException {
        Path dir = KbSources.copy(work.resolve("kb"));
        Path codes = dir.resolve(KB + "codes.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(codes));
        int row = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Condition.code,http://snomed.info/sct,52702003,")) {
                lines.set(i, lines.get(i).replace(",ME_CVS,", ",ME-CVS,"));
                row = i + 1;
            }
        }
        assertThat(row).isPositive();
        Files.write(codes, lines);
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(dir))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining(codes + ":" + row + ": value \"ME-CVS\"");
        assertThatThrownBy(() -> FhirCodes.fromDirectory(dir))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining(codes + ":" + row + ": value \"ME-CVS\"");
    }

    @Test
    void theBellScoresCodeIsARow() throws IOException {
        Path dir = KbSources.copy(work.resolve("kb-bell"));
        Path codes = dir.resolve(KB + "codes.csv");
        String text = Files.readString(codes);
        assertThat(text).contains(",bell-cfids-score,postCovid.bellScore,valueInteger,");
        Files.writeString(codes, text.replace("http://zorgregels.nl/fhir/CodeSystem/observation,bell-cfids-score,",
                "http://loinc.org,TEST-0000-0,"));
        ObjectNode bundle = nlCore();
        recode(bundle, "Observation", "http://loinc.org", "TEST-0000-0");
        assertThat(FhirAssessments.read(bundle.toString(), DATE).postCovid().bellScore()).isNull();
        assertThat(FhirAssessments.read(bundle.toString(), DATE, FhirCodes.fromDirectory(dir)).postCovid().bellScore())
                .isEqualTo(50);
        assertThat(FhirAssessments.read(nlCore().toString(), DATE, FhirCodes.fromDirectory(dir)).postCovid().bellScore())
                .isNull();
    }

    // ---- PC-X2 from nl-core resources -------------------------------------------------------------

    @Test
    void aDutchGpAndInsurerInNlCoreResourcesMeetPcX2WithoutAnAnswer() throws IOException {
        ObjectNode bundle = nlCore();
        Assessment a = FhirAssessments.read(bundle.toString(), DATE);
        assertThat(a.patient().dutchGeneralPractitioner()).isTrue();
        assertThat(a.patient().dutchHealthInsurance()).isTrue();
        Decision d = decide(a);
        assertThat(d.postCovid().outcome()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(status(d, "PC-X2")).isEqualTo("MET");

        // the same record as the shipped example, where the intake answers the two questions: same decision
        Assessment answered = FhirAssessments.read(Files.readString(Path.of("..", "examples", "fhir",
                "adult-eligible-bundle.json")), DATE);
        assertThat(answered.patient().dutchGeneralPractitioner()).isTrue();
        assertThat(a.patient()).isEqualTo(answered.patient());
        assertThat(a.postCovid()).isEqualTo(answered.postCovid());
    }

    private static String status(Decision d, String id) {
        return d.postCovid().criteria().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().status().name();
    }

    @Test
    void whatTheRecordDoesNotShowStaysUnknown() throws IOException {
        ObjectNode base = nlCore();
        Map<String, Consumer<ObjectNode>> edits = new java.util.LinkedHashMap<>();
        edits.put("no GP, no Coverage", b -> {
            resource(b, "Patient").remove("generalPractitioner");
            remove(b, "Coverage");
        });
        edits.put("GP and practice without an AGB identifier", b -> {
            resource(b, "Practitioner").remove("identifier");
            resource(b, "Organization").remove("identifier");
        });
        edits.put("GP not in the Bundle", b -> {
            remove(b, "PractitionerRole");
            remove(b, "Practitioner");
            remove(b, "Organization");
        });
        edits.put("Coverage cancelled", b -> resource(b, "Coverage").put("status", "cancelled"));
        edits.put("Coverage ended before the date", b -> ((ObjectNode) resource(b, "Coverage").get("period"))
                .put("end", "2026-06-30"));
        edits.put("Coverage from after the date", b -> ((ObjectNode) resource(b, "Coverage").get("period"))
                .put("start", "2026-12-01").remove("end"));
        edits.put("Coverage of another person", b -> ((ObjectNode) resource(b, "Coverage").get("beneficiary"))
                .put("reference", "Patient/someone-else"));
        edits.put("Coverage without beneficiary", b -> resource(b, "Coverage").remove("beneficiary"));
        edits.put("payor without a UZOVI number", b -> {
            for (JsonNode e : b.get("entry")) {
                if (e.get("resource").path("id").asText().equals("nl-insurer")) {
                    ((ObjectNode) e.get("resource")).remove("identifier");
                }
            }
        });
        edits.put("Coverage period with a partial date", b -> ((ObjectNode) resource(b, "Coverage").get("period"))
                .put("start", "2026"));
        for (Map.Entry<String, Consumer<ObjectNode>> edit : edits.entrySet()) {
            ObjectNode b = withOnly(base, edit.getValue());
            Assessment a = FhirAssessments.read(b.toString(), DATE);
            Boolean gp = a.patient().dutchGeneralPractitioner();
            Boolean insurer = a.patient().dutchHealthInsurance();
            assertThat(gp).as(edit.getKey()).isNotEqualTo(Boolean.FALSE);
            assertThat(insurer).as(edit.getKey()).isNotEqualTo(Boolean.FALSE);
            assertThat(gp == null || insurer == null).as(edit.getKey()).isTrue();
            assertThat(status(decide(a), "PC-X2")).as(edit.getKey()).isEqualTo("UNKNOWN");
        }
    }

    @Test
    void aGpOrInsurerNamedByTheReferencesIdentifierOrDirectlyCounts() throws IOException {
        // logical references (an identifier instead of a resource in the Bundle), as nl-core allows
        ObjectNode b = nlCore();
        remove(b, "PractitionerRole");
        remove(b, "Practitioner");
        remove(b, "Organization");
        ((ArrayNode) resource(b, "Patient").get("generalPractitioner")).removeAll().addObject().set("identifier",
                JSON.createObjectNode().put("system", "http://fhir.nl/fhir/NamingSystem/agb-z").put("value", "01999999"));
        ((ArrayNode) resource(b, "Coverage").get("payor")).removeAll().addObject().set("identifier",
                JSON.createObjectNode().put("system", "http://fhir.nl/fhir/NamingSystem/uzovi").put("value", "9999"));
        Assessment a = FhirAssessments.read(b.toString(), DATE);
        assertThat(a.patient().dutchGeneralPractitioner()).isTrue();
        assertThat(a.patient().dutchHealthInsurance()).isTrue();

        // a Practitioner referenced directly, by Practitioner/id
        ObjectNode direct = nlCore();
        ((ObjectNode) resource(direct, "Patient").get("generalPractitioner").get(0)).put("reference", "Practitioner/nl-gp");
        assertThat(FhirAssessments.read(direct.toString(), DATE).patient().dutchGeneralPractitioner()).isTrue();

        // an answer that says otherwise is a conflict, refused naming both sources
        ObjectNode conflict = nlCore();
        ArrayNode patientItems = (ArrayNode) resource(conflict, "QuestionnaireResponse").get("item").get(0).get("item");
        patientItems.addObject().put("linkId", "patient.dutchHealthInsurance").putArray("answer").addObject()
                .put("valueBoolean", false);
        assertThatThrownBy(() -> FhirAssessments.read(conflict.toString(), DATE))
                .hasMessageContaining("patient.dutchHealthInsurance")
                .hasMessageContaining("Bundle.entry[5].resource.identifier[0] gives true"); // the insurer's UZOVI
    }
}
