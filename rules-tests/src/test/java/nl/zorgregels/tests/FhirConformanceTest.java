package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.fhir.FhirAssessments;
import nl.zorgregels.fhir.FhirCodes;
import nl.zorgregels.fhir.FhirConformance;
import nl.zorgregels.fhir.FhirGuidance;
import nl.zorgregels.fhir.FhirQuestionnaire;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.LocalizedText;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.GuidanceResponse;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of FHIR output Zorgregels writes, and the example records it ships, checked with
 * {@link FhirChecker} (the R4 schema, every R4 invariant, extension definitions, our code systems, Bundle
 * fullUrls and references, a response against its Questionnaire) against the R4 definitions and our
 * conformance resources ({@link FhirConformance}): 0 errors, each listed when not. Offline: nothing is
 * fetched, no terminology server is asked.
 */
class FhirConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static ZorgregelsEngine engine;
    private static FhirChecker checker;
    private static Questionnaire intake;
    private static List<CodeSystem> codeSystems;

    @BeforeAll
    static void checker() {
        engine = Engines.shared();
        intake = FhirQuestionnaire.intake(engine);
        codeSystems = FhirConformance.codeSystems(engine, FhirCodes.packaged());
        checker = new FhirChecker(FhirCases.R4, FhirConformance.structureDefinitions(), codeSystems, List.of(intake));
    }

    private static void valid(String what, Resource resource) {
        List<String> errors = checker.errors(resource);
        assertThat(errors).as(what + " has errors:\n  " + String.join("\n  ", errors)).isEmpty();
    }

    private static <T extends Resource> T parse(Class<T> type, String json) {
        return FhirCases.R4.newJsonParser().parseResource(type, json);
    }

    /**
     * The GuidanceResponse of every scenario's decision (265 and more), with the outcomes each part can have,
     * and missing facts; and of the example records read from FHIR, with their Patient as subject.
     */
    @Test
    void everyGuidanceResponseIsValid() throws IOException {
        Map<String, Set<String>> outcomes = new TreeMap<>();
        int written = 0;
        boolean missing = false;
        for (Scenario s : ScenarioLoader.allScenarios()) {
            Decision d;
            try {
                d = engine.evaluate(DecisionJson.readAssessment(s.input().toString()));
            } catch (RuntimeException refused) {
                continue; // a scenario of invalid input has no decision
            }
            if (d.postCovid() != null) {
                outcomes.computeIfAbsent("postCovid", k -> new TreeSet<>()).add(d.postCovid().outcome().name());
                missing |= !d.postCovid().missingFacts().isEmpty();
            }
            if (d.alk() != null) {
                outcomes.computeIfAbsent("alk", k -> new TreeSet<>()).add(d.alk().outcome().name());
            }
            valid("the GuidanceResponse of scenario " + s.name(), FhirGuidance.guidanceResponse(d));
            written++;
        }
        assertThat(outcomes.get("postCovid")).containsExactlyInAnyOrder("ELIGIBLE", "NOT_ELIGIBLE", "INSUFFICIENT_DATA");
        assertThat(outcomes.get("alk")).containsExactlyInAnyOrder("APPLICABLE", "NOT_APPLICABLE", "INSUFFICIENT_DATA");
        assertThat(missing).isTrue();
        for (Path bundle : bundles()) {
            String json = Files.readString(bundle);
            Decision d = engine.evaluate(FhirAssessments.read(json, LocalDate.of(2026, 11, 23)));
            GuidanceResponse g = FhirGuidance.guidanceResponse(d, FhirAssessments.subject(json).orElseThrow(), FhirCodes.packaged());
            assertThat(g.getSubject().getReference()).startsWith("Patient/");
            valid("the GuidanceResponse of " + bundle, g);
            written++;
        }
        Figures.report("fhir conformance: {} GuidanceResponses without error; outcomes {}; {} invariant evaluations, {} "
                + "invariants the R4 FHIRPath engine could not evaluate: {}", written, outcomes, checker.evaluations(),
                checker.notEvaluated().size(), checker.notEvaluated());
        assertThat(checker.evaluations()).as("invariants evaluated").isGreaterThan(10_000);
    }

    @Test
    void theIntakeQuestionnaireAndTheConformanceResourcesAreValid() {
        valid("the intake Questionnaire", intake);
        assertThat(intake.getVersion()).isEqualTo(engine.knowledgeBase().version());
        FhirConformance.structureDefinitions().forEach(sd -> valid("StructureDefinition " + sd.getId(), sd));
        codeSystems.forEach(cs -> valid("CodeSystem " + cs.getUrl(), cs));
    }

    /** A pre-filled intake ($populate) of each example record, checked against the Questionnaire. */
    @Test
    void everyPrefilledIntakeIsValidAgainstTheQuestionnaire() throws IOException {
        for (Path bundle : bundles()) {
            QuestionnaireResponse qr = parse(QuestionnaireResponse.class,
                    FhirQuestionnaire.prefillJson(engine, Files.readString(bundle), LocalDate.of(2026, 11, 23)));
            assertThat(qr.getQuestionnaire()).isEqualTo(intake.getUrl() + "|" + intake.getVersion());
            assertThat(qr.getItem()).isNotEmpty();
            valid("the pre-filled intake of " + bundle, qr);
        }
    }

    /** The records in examples/ (and the prefetch of the CDS Hooks example request). */
    @Test
    void theExampleRecordsAreValid() throws IOException {
        List<Path> bundles = bundles();
        assertThat(bundles).hasSizeGreaterThanOrEqualTo(2);
        for (Path bundle : bundles) {
            valid(bundle.toString(), parse(Bundle.class, Files.readString(bundle)));
        }
        JsonNode prefetch = JSON.readTree(EXAMPLES.resolve("cds-hooks/request.json").toFile()).get("prefetch");
        for (var slot : prefetch.properties()) {
            valid("prefetch " + slot.getKey() + " of examples/cds-hooks/request.json",
                    (Resource) FhirCases.R4.newJsonParser().parseResource(slot.getValue().toString()));
        }
    }

    /** The checker finds what it is there to find: each kind of error of the issue, in a broken copy. */
    @Test
    void theCheckerFindsTheErrorsOfTheIssue() throws IOException {
        Bundle noFullUrl = parse(Bundle.class, Files.readString(bundles().get(0)));
        noFullUrl.getEntry().get(1).setFullUrl(null);
        assertThat(checker.errors(noFullUrl)).anyMatch(e -> e.contains("entry[1]: has no fullUrl"));

        Decision d = engine.evaluate(DecisionJson.readAssessment("""
                {"assessmentDate":"2026-11-23","patient":{"birthDate":"1980-04-02"},"postCovid":{}}"""));
        GuidanceResponse g = FhirGuidance.guidanceResponse(d);
        g.getDataRequirementFirstRep().getExtensionFirstRep().setUrl("http://zorgregels.nl/fhir/StructureDefinition/undefined");
        assertThat(checker.errors(g)).anyMatch(e -> e.contains("has no definition"));
        GuidanceResponse bare = FhirGuidance.guidanceResponse(d); // without our definitions, as the issue measured
        assertThat(new FhirChecker(FhirCases.R4, List.of(), codeSystems, List.of(intake)).errors(bare))
                .anyMatch(e -> e.contains("input-path has no definition"));

        GuidanceResponse both = FhirGuidance.guidanceResponse(d); // a parameter with a value and parts: inv-1
        ((org.hl7.fhir.r4.model.Parameters) both.getContained().get(0)).getParameterFirstRep()
                .setValue(new org.hl7.fhir.r4.model.StringType("x"));
        assertThat(checker.errors(both)).anyMatch(e -> e.contains("invariant inv-1"));
        GuidanceResponse unreferenced = FhirGuidance.guidanceResponse(d); // a contained resource nothing refers to: dom-3
        unreferenced.setOutputParameters(null);
        assertThat(checker.errors(unreferenced)).anyMatch(e -> e.contains("invariant dom-3"));

        QuestionnaireResponse wrongPlace = new QuestionnaireResponse();
        wrongPlace.setQuestionnaire(intake.getUrl() + "|" + intake.getVersion());
        wrongPlace.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        wrongPlace.addItem().setLinkId("postCovid.bellScore").addAnswer().setValue(new org.hl7.fhir.r4.model.IntegerType(50));
        wrongPlace.addItem().setLinkId("alk").addItem().setLinkId("alk.complaintOnsetDate").addAnswer()
                .setValue(new org.hl7.fhir.r4.model.BooleanType(true));
        assertThat(checker.errors(wrongPlace))
                .anyMatch(e -> e.contains("item[0]: linkId postCovid.bellScore is not an item of the Questionnaire here"))
                .anyMatch(e -> e.contains("item[1].item[0].answer[0]: boolean for an item of type date"));
        QuestionnaireResponse unversioned = wrongPlace.copy().setQuestionnaire(intake.getUrl() + "|0.0.0");
        assertThat(checker.errors(unversioned)).anyMatch(e -> e.contains("does not resolve"));

        CodeSystem reasons = codeSystems.get(0);
        org.hl7.fhir.r4.model.Coding unknown = new org.hl7.fhir.r4.model.Coding(reasons.getUrl(), "no-such-reason", null);
        Bundle coded = new Bundle().setType(Bundle.BundleType.COLLECTION);
        org.hl7.fhir.r4.model.Observation o = new org.hl7.fhir.r4.model.Observation();
        o.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL).getCode().addCoding(unknown);
        coded.addEntry().setFullUrl("urn:uuid:00000000-0000-4000-8000-000000000001").setResource(o);
        assertThat(checker.errors(coded)).anyMatch(e -> e.contains("no-such-reason is not a code of " + reasons.getUrl()));
        o.getCode().getCodingFirstRep().setCode(null); // ele-1 / the schema: an element needs a value or children
        o.getCode().getCodingFirstRep().setSystem(null);
        assertThat(checker.errors(coded)).isNotEmpty();
    }

    /** The code systems published are the knowledge base's codes, both ways. */
    @Test
    void theOverrideReasonsAreTheKnowledgeBasesBothWays() {
        CodeSystem reasons = codeSystems.stream().filter(cs -> cs.getUrl().endsWith("/override-reason")).findFirst().orElseThrow();
        LocalizedText list = engine.text("card.overrideReasons").orElseThrow();
        List<String> kb = List.of(list.nl().trim().split("\\s+"));
        assertThat(reasons.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode).containsExactlyElementsOf(kb);
        for (CodeSystem.ConceptDefinitionComponent c : reasons.getConcept()) {
            LocalizedText text = engine.text("card.overrideReason." + c.getCode()).orElseThrow();
            assertThat(c.getDisplay()).isEqualTo(text.nl());
            assertThat(c.getDesignationFirstRep().getValue()).isEqualTo(text.en());
        }
        // each answer code system: the Questionnaire's options, both ways
        for (Questionnaire.QuestionnaireItemComponent group : intake.getItem()) {
            for (Questionnaire.QuestionnaireItemComponent item : group.getItem()) {
                for (Questionnaire.QuestionnaireItemAnswerOptionComponent option : item.getAnswerOption()) {
                    var coding = option.getValueCoding();
                    CodeSystem cs = codeSystems.stream().filter(x -> x.getUrl().equals(coding.getSystem())).findFirst().orElseThrow();
                    assertThat(cs.getConcept()).as(item.getLinkId())
                            .anyMatch(c -> c.getCode().equals(coding.getCode()) && c.getDisplay().equals(coding.getDisplay()));
                }
            }
        }
        List<String> kbCodes = new ArrayList<>();
        for (var row : nl.zorgregels.api.internal.kb.CodeTable.packaged().mappings) {
            if (row.system().startsWith("http://zorgregels.nl/fhir/CodeSystem/")) {
                kbCodes.add(row.system() + "|" + row.code());
            }
        }
        assertThat(kbCodes).isNotEmpty();
        for (String code : kbCodes) {
            assertThat(codeSystems).as(code).anyMatch(cs -> code.startsWith(cs.getUrl() + "|")
                    && cs.getConcept().stream().anyMatch(c -> code.equals(cs.getUrl() + "|" + c.getCode())));
        }
    }

    private static List<Path> bundles() throws IOException {
        try (var files = Files.list(EXAMPLES.resolve("fhir"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
