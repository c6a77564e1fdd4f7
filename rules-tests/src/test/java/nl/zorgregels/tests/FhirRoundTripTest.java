package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.fhir.FhirAssessments;
import nl.zorgregels.fhir.FhirGuidance;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.GuidanceResponse;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT.md section 8: "a FHIR input gives exactly the decision its equivalent section-4 JSON gives".
 * For every scenario of the suite and 3,000 generated cases ({@code generate-cases}), the case is
 * written as an equivalent Bundle by {@link FhirCases} (facts spread over the QuestionnaireResponse
 * and the standard resources, with resources the reader must ignore), read back both as FHIR JSON
 * and as HAPI objects, and decided: the decision JSON must equal the JSON case's, byte for byte.
 * Every decision's GuidanceResponse must parse with HAPI's R4 parser and carry the same decision.
 *
 * <p>The equivalent JSON of a case has {@code otherPais} in the enum's order without repeats, as
 * FHIR gives it (the union of its sources, CONTRACT.md section 8); the test reports how many cases that
 * changes. Seeded: {@code -Dzorgregels.fhir.seed=N} (default 20261201).
 */
class FhirRoundTripTest {
    private static final long SEED = Long.getLong("zorgregels.fhir.seed", 20261201L);
    private static final int GENERATED = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyScenarioGivesTheSameDecisionFromItsBundle() throws IOException {
        List<ObjectNode> inputs = new ArrayList<>();
        for (Scenario s : ScenarioLoader.allScenarios()) {
            inputs.add(s.input());
        }
        assertThat(inputs).hasSizeGreaterThan(100);
        Figures f = roundTrip("scenario", inputs, SEED);
        assertThat(f.decided).isPositive();
        Figures.report("fhir round trip: {} scenarios, {} decided identically from their Bundle, {} refused by both, "
                + "{} with otherPais sorted or an empty one left out; {} standard resources used", inputs.size(), f.decided, f.refused, f.reordered, f.standard);
    }

    @Test
    void generatedCasesGiveTheSameDecisionFromTheirBundle() throws IOException {
        CliRunner.Result cases = CliRunner.run(new byte[0], "generate-cases", "--seed", Long.toString(SEED),
                "--count", Integer.toString(GENERATED));
        assertThat(cases.exitCode()).as(cases.err()).isZero();
        List<ObjectNode> inputs = new ArrayList<>();
        for (String line : cases.out().split("\n")) {
            inputs.add((ObjectNode) JSON.readTree(line));
        }
        assertThat(inputs).hasSize(GENERATED);
        Figures f = roundTrip("generated", inputs, SEED + 1);
        assertThat(f.decided).isEqualTo(GENERATED - f.refused);
        assertThat(f.standard).as("facts taken from standard resources").isGreaterThan(GENERATED / 2);
        Figures.report("fhir round trip: {} generated cases (seed {}), {} decided identically from their Bundle, {} refused "
                + "by both, {} with otherPais sorted or an empty one left out; {} standard resources used", GENERATED, SEED, f.decided, f.refused,
                f.reordered, f.standard);
    }

    @Test
    void casesTheJsonContractRefusesAreRefusedAsBundlesToo() throws IOException {
        List<ObjectNode> invalid = new ArrayList<>();
        for (String pc : List.of("\"bellScore\":55", "\"bellScore\":110", "\"complaintOnsetDate\":\"2027-01-01\"",
                "\"complaintOnsetDate\":\"1970-01-01\"", "\"treatmentPathway\":\"DONE\"", "\"otherPais\":[\"FLU\"]",
                "\"currentCentre\":\"GRONINGEN\"")) {
            invalid.add((ObjectNode) JSON.readTree("{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"},"
                    + "\"postCovid\":{" + pc + "}}"));
        }
        invalid.add((ObjectNode) JSON.readTree("{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"2026-11-24\"}}"));
        invalid.add((ObjectNode) JSON.readTree("{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1890-01-01\"}}"));
        invalid.add((ObjectNode) JSON.readTree("{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"},"
                + "\"alk\":{\"complaintPattern\":\"FEW\"}}"));
        Figures f = roundTrip("invalid", invalid, SEED + 2);
        assertThat(f.refused).isEqualTo(invalid.size());
        assertThat(f.decided).isZero();
    }

    private static final class Figures {
        int decided;
        int refused;
        int reordered;
        int standard;

        static void report(String format, Object... args) {
            nl.zorgregels.tests.Figures.report(format, args);
        }
    }

    private static Figures roundTrip(String kind, List<ObjectNode> inputs, long seed) throws IOException {
        ZorgregelsEngine engine = Engines.shared();
        Figures f = new Figures();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode input = inputs.get(i);
            ObjectNode equivalent = FhirCases.normalised(input);
            if (!equivalent.equals(input)) {
                f.reordered++;
            }
            String label = kind + " #" + i + ": " + input;
            Assessment fromJson;
            String expected;
            try {
                fromJson = DecisionJson.readAssessment(JSON.writeValueAsString(equivalent));
                expected = DecisionJson.write(engine.evaluate(fromJson)); // a kind of other PAIS the KB lacks: refused here
            } catch (InvalidInputException refused) {
                // A case the JSON contract refuses (when read or when decided): its Bundle must be refused too.
                Bundle bundle = FhirCases.bundle(equivalent, random.split());
                LocalDate date = LocalDate.parse(equivalent.path("assessmentDate").asText("2026-11-23"));
                assertThat(catchThrowableOfType(InvalidInputException.class, () -> engine.evaluate(
                        FhirAssessments.read(FhirCases.json(bundle), date))))
                        .as(label + " is refused as JSON (" + refused.getMessage() + ") and must be as FHIR").isNotNull();
                f.refused++;
                continue;
            }
            Bundle bundle = FhirCases.bundle(equivalent, random.split());
            f.standard += standardResources(bundle);
            String bundleJson = FhirCases.json(bundle);
            LocalDate date = fromJson.assessmentDate();
            Assessment fromFhir;
            try {
                fromFhir = FhirAssessments.read(bundleJson, date);
            } catch (InvalidInputException e) {
                throw new AssertionError(label + "\nrefused as FHIR: " + e.getMessage() + "\n" + bundleJson, e);
            }
            assertThat(fromFhir).as(label + "\n" + bundleJson).isEqualTo(fromJson);
            Decision decision = engine.evaluate(fromFhir);
            assertThat(DecisionJson.write(decision)).as(label).isEqualTo(expected);
            assertThat(FhirAssessments.read(bundle, date)).as("HAPI objects: " + label).isEqualTo(fromJson);
            checkGuidanceResponse(decision, expected, label);
            f.decided++;
        }
        return f;
    }

    /** HAPI re-parses the GuidanceResponse, and it says what the decision says. */
    private static void checkGuidanceResponse(Decision decision, String decisionJson, String label) {
        String text = FhirGuidance.write(decision);
        GuidanceResponse g = FhirCases.R4.newJsonParser()
                .setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler())
                .parseResource(GuidanceResponse.class, text);
        Set<String> missing = new LinkedHashSet<>();
        boolean insufficient = false;
        if (decision.postCovid() != null) {
            missing.addAll(decision.postCovid().missingFacts());
            if (decision.postCovid().centre() != null) {
                missing.addAll(decision.postCovid().centre().missingFacts());
            }
            insufficient = decision.postCovid().outcome().name().equals("INSUFFICIENT_DATA");
        }
        if (decision.alk() != null) {
            missing.addAll(decision.alk().missingFacts());
            insufficient |= decision.alk().outcome().name().equals("INSUFFICIENT_DATA");
        }
        assertThat(g.getStatus().toCode()).as(label).isEqualTo(insufficient ? "data-required" : "success");
        List<String> paths = g.getDataRequirement().stream()
                .map(d -> ((StringType) d.getExtensionByUrl("http://zorgregels.nl/fhir/StructureDefinition/input-path")
                        .getValue()).getValue())
                .distinct().toList(); // one requirement per resource type a fact is read from
        assertThat(paths).as(label).containsExactlyElementsOf(missing);
        assertThat(g.getDataRequirement()).as(label).allMatch(d -> !d.getType().isEmpty());
        assertThat(g.getModuleUriType().getValue())
                .isEqualTo("http://zorgregels.nl/fhir/PlanDefinition/zorgregels|" + decision.knowledgeBase().version());
        assertThat(g.getOccurrenceDateTimeElement().getValueAsString()).isEqualTo(decision.assessmentDate().toString());
        Parameters output = (Parameters) g.getContained().get(0);
        assertThat(g.getOutputParameters().getReference()).isEqualTo("#" + output.getIdElement().getIdPart());
        // the parts decided, typed, then the section-5 JSON (kept for 0.1.0 consumers)
        List<String> names = new ArrayList<>();
        if (decision.postCovid() != null) {
            names.add("postCovid");
        }
        if (decision.alk() != null) {
            names.add("alk");
        }
        names.add("decision");
        assertThat(output.getParameter()).extracting(Parameters.ParametersParameterComponent::getName)
                .as(label).containsExactlyElementsOf(names);
        for (Parameters.ParametersParameterComponent part : output.getParameter().subList(0, names.size() - 1)) {
            String outcome = part.getName().equals("postCovid") ? decision.postCovid().outcome().name()
                    : decision.alk().outcome().name();
            assertThat(part.getPart()).as(label).anyMatch(p -> p.getName().equals("outcome")
                    && p.getValue().primitiveValue().equals(outcome));
        }
        Parameters.ParametersParameterComponent json = output.getParameter().get(names.size() - 1);
        assertThat(((StringType) json.getValue()).getValue()).isEqualTo(decisionJson);
    }

    private static int standardResources(Bundle b) {
        int n = 0;
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (e.getResource() instanceof Bundle nested) {
                n += standardResources(nested);
            } else if (e.getResource() instanceof org.hl7.fhir.r4.model.Condition
                    || e.getResource() instanceof org.hl7.fhir.r4.model.Observation
                    || e.getResource() instanceof org.hl7.fhir.r4.model.Procedure) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aRefusedCaseIsRefusedAsFhirAtTheFhirPath() {
        // the binding's rule, at the path of the answer that broke it
        String bundle = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"resource":{"resourceType":"Patient","birthDate":"1980-04-02"}},
                 {"resource":{"resourceType":"QuestionnaireResponse","status":"completed",
                  "questionnaire":"http://zorgregels.nl/fhir/Questionnaire/intake",
                  "item":[{"linkId":"alk","item":[{"linkId":"alk.complaintOnsetDate","answer":[{"valueDate":"1970-01-01"}]}]}]}}]}
                """;
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> FhirAssessments.read(bundle, LocalDate.of(2026, 11, 23)));
        assertThat(e.field()).isEqualTo("Bundle.entry[1].resource.item[0].item[0].answer[0].valueDate");
        assertThat(e.rule()).contains("must not be before patient.birthDate 1980-04-02").contains("alk.complaintOnsetDate");
    }
}
