package nl.zorgregels.fhir;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.fhir.internal.FhirJson;
import nl.zorgregels.fhir.internal.FhirNames;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.Outcome;
import org.hl7.fhir.r4.model.DataRequirement;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.GuidanceResponse;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * A {@link Decision} as a FHIR R4 {@code GuidanceResponse} (CONTRACT.md section 8, "Answering in FHIR"):
 * {@code moduleUri} {@code http://zorgregels.nl/fhir/PlanDefinition/zorgregels|} + the knowledge
 * base version; {@code occurrenceDateTime} the assessment date; {@code status}
 * {@code data-required} when a part's outcome is INSUFFICIENT_DATA, else {@code success}; one
 * {@code dataRequirement} (type QuestionnaireResponse, the intake) per missing fact, in the
 * decision's order (post-COVID criteria, its centre, then ALK; each fact once), carrying the
 * fact's input path in the extension {@code http://zorgregels.nl/fhir/StructureDefinition/input-path};
 * and the whole decision as CONTRACT.md section 5 JSON ({@link DecisionJson#write(Decision)}) in
 * {@code outputParameters}: a contained {@code Parameters} with the parameter {@code decision}
 * (valueString).
 *
 * <p>Needs HAPI FHIR on the class path. Thread-safe.
 */
public final class FhirGuidance {
    private FhirGuidance() {
    }

    /**
     * @param decision the decision
     * @return the GuidanceResponse as FHIR R4 JSON, indented; the same decision always gives the same text
     * @throws NullPointerException if {@code decision} is null
     */
    public static String write(Decision decision) {
        return FhirJson.context().newJsonParser().setPrettyPrint(true).encodeResourceToString(guidanceResponse(decision));
    }

    /**
     * @param decision the decision
     * @return the GuidanceResponse as a new HAPI resource
     * @throws NullPointerException if {@code decision} is null
     */
    public static GuidanceResponse guidanceResponse(Decision decision) {
        Objects.requireNonNull(decision, "decision");
        GuidanceResponse g = new GuidanceResponse();
        g.setModule(new UriType(FhirNames.MODULE_URI + "|" + decision.knowledgeBase().version()));
        g.setOccurrenceDateTimeElement(new DateTimeType(decision.assessmentDate().toString()));
        boolean insufficient = (decision.postCovid() != null && decision.postCovid().outcome() == Outcome.INSUFFICIENT_DATA)
                || (decision.alk() != null && decision.alk().outcome() == AlkOutcome.INSUFFICIENT_DATA);
        g.setStatus(insufficient ? GuidanceResponse.GuidanceResponseStatus.DATAREQUIRED
                : GuidanceResponse.GuidanceResponseStatus.SUCCESS);
        for (String fact : missingFacts(decision)) {
            DataRequirement requirement = g.addDataRequirement();
            requirement.setType("QuestionnaireResponse");
            requirement.addExtension(FhirNames.INPUT_PATH_EXTENSION, new StringType(fact));
        }
        Parameters output = new Parameters();
        output.setId("decision");
        output.addParameter().setName("decision").setValue(new StringType(DecisionJson.write(decision)));
        g.addContained(output);
        g.setOutputParameters(new Reference("#decision"));
        return g;
    }

    private static Set<String> missingFacts(Decision decision) {
        Set<String> facts = new LinkedHashSet<>();
        if (decision.postCovid() != null) {
            facts.addAll(decision.postCovid().missingFacts());
            if (decision.postCovid().centre() != null) {
                facts.addAll(decision.postCovid().centre().missingFacts());
            }
        }
        if (decision.alk() != null) {
            facts.addAll(decision.alk().missingFacts());
        }
        return facts;
    }
}
