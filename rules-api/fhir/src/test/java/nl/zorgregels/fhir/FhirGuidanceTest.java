package nl.zorgregels.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Decision;
import org.hl7.fhir.r4.model.DataRequirement;
import org.hl7.fhir.r4.model.GuidanceResponse;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GuidanceResponse of CONTRACT.md section 8, parsed back by HAPI's R4 parser (strict). */
class FhirGuidanceTest {
    private static ZorgregelsEngine engine;

    @BeforeAll
    static void engine() {
        engine = ZorgregelsEngine.packaged();
    }

    private static GuidanceResponse parse(String text) {
        return FhirContext.forR4Cached().newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                .parseResource(GuidanceResponse.class, text);
    }

    private static Decision decide(String json) {
        return engine.evaluate(DecisionJson.readAssessment(json));
    }

    @Test
    void missingFactsMakeItDataRequiredWithOneRequirementPerFactInOrder() {
        Decision d = decide("""
                {"assessmentDate":"2026-11-23","patient":{"birthDate":"1980-04-02"},
                 "postCovid":{"complaintsAttributedToCovid":true},"alk":{"limitsFunctioningOrCausesSuffering":true}}""");
        GuidanceResponse g = parse(FhirGuidance.write(d));
        assertThat(g.getStatus()).isEqualTo(GuidanceResponse.GuidanceResponseStatus.DATAREQUIRED);
        assertThat(g.getModuleUriType().getValue())
                .isEqualTo("http://zorgregels.nl/fhir/PlanDefinition/zorgregels|" + d.knowledgeBase().version());
        assertThat(g.getOccurrenceDateTimeElement().getValueAsString()).isEqualTo("2026-11-23");
        java.util.List<String> expected = new java.util.ArrayList<>(d.postCovid().missingFacts());
        d.postCovid().centre().missingFacts().stream().filter(f -> !expected.contains(f)).forEach(expected::add);
        d.alk().missingFacts().stream().filter(f -> !expected.contains(f)).forEach(expected::add);
        assertThat(expected).contains("postCovid.bellScore", "patient.umcRegion", "alk.complaintOnsetDate");
        assertThat(g.getDataRequirement().stream().map(FhirGuidanceTest::path).distinct().toList())
                .containsExactlyElementsOf(expected);
        assertThat(g.hasSubject()).as("a section-4 JSON case names no patient: no subject").isFalse();
        // each fact once per resource type it is read from (the code table's, then the intake)
        assertThat(requirements(g, "postCovid.bellScore")).containsExactly(
                "Observation code http://zorgregels.nl/fhir/CodeSystem/observation|bell-cfids-score", "QuestionnaireResponse");
        assertThat(requirements(g, "patient.dutchGeneralPractitioner")).containsExactly("Patient", "QuestionnaireResponse");
        assertThat(requirements(g, "patient.dutchHealthInsurance")).containsExactly("Coverage", "QuestionnaireResponse");
        assertThat(requirements(g, "postCovid.treatmentPathway")).containsExactly(
                "Procedure code http://snomed.info/sct|91251008 http://snomed.info/sct|84478008", "QuestionnaireResponse");
        assertThat(requirements(g, "patient.umcRegion")).containsExactly("QuestionnaireResponse");
        assertThat(requirements(g, "alk.complaintOnsetDate")).containsExactly("QuestionnaireResponse");
        // every type but the intake's is one the code table reads the fact from
        var rows = nl.zorgregels.api.internal.kb.CodeTable.packaged().mappings;
        for (DataRequirement r : g.getDataRequirement()) {
            if (!r.getType().equals("QuestionnaireResponse")) {
                assertThat(rows).as(path(r) + " from " + r.getType())
                        .anyMatch(m -> m.fact().equals(path(r)) && m.element().column.startsWith(r.getType() + "."));
            }
        }
        Parameters p = (Parameters) g.getContained().get(0);
        assertThat(g.getOutputParameters().getReference()).isEqualTo("#decision");
        assertThat(p.getIdElement().getIdPart()).isEqualTo("decision");
        assertThat(p.getParameter()).extracting(Parameters.ParametersParameterComponent::getName)
                .containsExactly("postCovid", "alk", "decision");
        assertThat(((StringType) p.getParameter().get(2).getValue()).getValue()).isEqualTo(DecisionJson.write(d));
        var postCovid = p.getParameter().get(0);
        assertThat(value(postCovid, "outcome")).containsExactly("INSUFFICIENT_DATA");
        assertThat(value(postCovid, "ageGroup")).containsExactly(d.postCovid().ageGroup().name());
        assertThat(value(postCovid, "missingFact")).containsExactlyElementsOf(d.postCovid().missingFacts());
        var criteria = postCovid.getPart().stream().filter(c -> c.getName().equals("criterion")).toList();
        assertThat(criteria).hasSameSizeAs(d.postCovid().criteria());
        for (int i = 0; i < criteria.size(); i++) {
            var c = d.postCovid().criteria().get(i);
            assertThat(value(criteria.get(i), "id")).containsExactly(c.id());
            assertThat(value(criteria.get(i), "status")).containsExactly(c.status().name());
            assertThat(value(criteria.get(i), "missingFact")).containsExactlyElementsOf(c.missingFacts());
        }
        var centre = postCovid.getPart().stream().filter(c -> c.getName().equals("centre")).findFirst().orElseThrow();
        assertThat(value(centre, "status")).containsExactly(d.postCovid().centre().status().name());
        assertThat(value(centre, "missingFact")).containsExactly("patient.umcRegion");
        var alk = p.getParameter().get(1);
        assertThat(value(alk, "outcome")).containsExactly(d.alk().outcome().name());
        assertThat(value(alk, "missingFact")).containsExactlyElementsOf(d.alk().missingFacts());
    }

    @Test
    void theSubjectIsThePatientWhenTheCallerKnowsIt() {
        Decision d = decide("""
                {"assessmentDate":"2026-11-23","patient":{"birthDate":"1980-04-02"},
                 "postCovid":{"complaintsAttributedToCovid":false}}""");
        GuidanceResponse g = parse(FhirGuidance.write(d, "Patient/p1", FhirCodes.packaged()));
        assertThat(g.getSubject().getReference()).isEqualTo("Patient/p1");
        assertThat(parse(FhirGuidance.write(d)).hasSubject()).isFalse();
        var centre = ((Parameters) g.getContained().get(0)).getParameter().get(0);
        assertThat(value(centre, "outcome")).containsExactly("NOT_ELIGIBLE");
    }

    /** A requirement of a fact as text: its type, and its code filter's codings. */
    private static java.util.List<String> requirements(GuidanceResponse g, String fact) {
        return g.getDataRequirement().stream().filter(r -> path(r).equals(fact)).map(r -> r.getType()
                + r.getCodeFilter().stream().map(f -> " " + f.getPath() + f.getCode().stream()
                        .map(c -> " " + c.getSystem() + "|" + c.getCode()).collect(java.util.stream.Collectors.joining()))
                        .collect(java.util.stream.Collectors.joining())).toList();
    }

    /** The values of a parameter's parts of a name, as text. */
    private static java.util.List<String> value(Parameters.ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(x -> x.getName().equals(name))
                .map(x -> x.getValue().primitiveValue()).toList();
    }

    @Test
    void aCompleteDecisionIsSuccessWithoutRequirements() {
        Decision d = decide("""
                {"assessmentDate":"2026-11-23",
                 "patient":{"birthDate":"1980-04-02","umcRegion":"UMCG","dutchGeneralPractitioner":true,"dutchHealthInsurance":true},
                 "postCovid":{"complaintsAttributedToCovid":true,"otherCausesInvestigated":true,"complaintOnsetDate":"2025-01-10",
                              "bellScore":50,"complaintsFromPreExistingDisease":false,"treatmentPathway":"COMPLETED"}}""");
        GuidanceResponse g = parse(FhirGuidance.write(d));
        assertThat(g.getStatus()).isEqualTo(GuidanceResponse.GuidanceResponseStatus.SUCCESS);
        assertThat(g.getDataRequirement()).isEmpty();
        assertThat(FhirGuidance.write(d)).isEqualTo(FhirGuidance.write(d));
    }

    @Test
    void aNotEligibleDecisionIsSuccessToo() {
        Decision d = decide("""
                {"assessmentDate":"2026-11-23","patient":{"birthDate":"1980-04-02"},
                 "postCovid":{"complaintsAttributedToCovid":false}}""");
        assertThat(d.postCovid().outcome().name()).isEqualTo("NOT_ELIGIBLE");
        assertThat(parse(FhirGuidance.write(d)).getStatus()).isEqualTo(GuidanceResponse.GuidanceResponseStatus.SUCCESS);
    }

    private static String path(DataRequirement r) {
        return ((StringType) r.getExtensionByUrl("http://zorgregels.nl/fhir/StructureDefinition/input-path").getValue()).getValue();
    }
}
