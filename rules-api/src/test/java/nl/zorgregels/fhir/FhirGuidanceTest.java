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
        assertThat(g.getDataRequirement()).extracting(FhirGuidanceTest::path).containsExactlyElementsOf(expected);
        assertThat(g.getDataRequirement()).extracting(DataRequirement::getType).containsOnly("QuestionnaireResponse");
        Parameters p = (Parameters) g.getContained().get(0);
        assertThat(g.getOutputParameters().getReference()).isEqualTo("#decision");
        assertThat(p.getIdElement().getIdPart()).isEqualTo("decision");
        assertThat(((StringType) p.getParameterFirstRep().getValue()).getValue()).isEqualTo(DecisionJson.write(d));
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
