package nl.zorgregels.fhir;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.fhir.internal.BundleReader;
import nl.zorgregels.fhir.internal.FhirJson;
import nl.zorgregels.fhir.internal.FhirNames;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.PostCovidDecision;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DataRequirement;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.GuidanceResponse;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * A {@link Decision} as a FHIR R4 {@code GuidanceResponse} (CONTRACT.md section 8, "Answering in FHIR"):
 * {@code moduleUri} {@code http://zorgregels.nl/fhir/PlanDefinition/zorgregels|} + the knowledge
 * base version; {@code subject} the Patient when the caller knows its reference (a record read from
 * FHIR whose Patient has an id; omitted otherwise, never invented); {@code occurrenceDateTime} the
 * assessment date; {@code status} {@code data-required} when a part's outcome is INSUFFICIENT_DATA,
 * else {@code success}; for each missing fact, in the decision's order (post-COVID criteria, its
 * centre, then ALK; each fact once), one {@code dataRequirement} per resource type the fact is read
 * from (the Patient, the code table's Condition, Observation, Procedure, Coverage, each with a
 * {@code codeFilter} of its codes, and last the intake QuestionnaireResponse), each carrying the
 * fact's input path in the extension {@code http://zorgregels.nl/fhir/StructureDefinition/input-path}
 * ({@link FhirConformance}); and in {@code outputParameters} a contained {@code Parameters}
 * ({@code #decision}) with the decision as typed parameters: per part ({@code postCovid},
 * {@code alk}) its {@code outcome} (code), {@code ageGroup} or {@code severity}, each
 * {@code criterion} ({@code id}, {@code status}, its {@code missingFact}s), the part's
 * {@code missingFact}s and the post-COVID {@code centre} ({@code status}, the centres offered, the
 * deciding {@code rule}); and, for 0.1.0 consumers, the whole decision as CONTRACT.md section 5 JSON
 * ({@link DecisionJson#write(Decision)}) in the parameter {@code decision} (valueString).
 *
 * <p>Needs HAPI FHIR on the class path. Thread-safe.
 */
public final class FhirGuidance {
    private static final String CENTRE_SYSTEM = FhirNames.CODE_SYSTEM_BASE + Centre.class.getSimpleName();

    private FhirGuidance() {
    }

    /**
     * As {@link #write(Decision, String, FhirCodes)} without a subject, with the packaged knowledge base's codes.
     *
     * @param decision the decision
     * @return the GuidanceResponse as FHIR R4 JSON, indented; the same decision always gives the same text
     * @throws NullPointerException if {@code decision} is null
     */
    public static String write(Decision decision) {
        return write(decision, null, FhirCodes.packaged());
    }

    /**
     * @param decision the decision
     * @param subject  the Patient's reference ({@code Patient/p1}), or null when not known (plain JSON input)
     * @param codes    the codes the record is read with: they type the data requirements
     * @return the GuidanceResponse as FHIR R4 JSON, indented; the same arguments always give the same text
     * @throws NullPointerException if {@code decision} or {@code codes} is null
     */
    public static String write(Decision decision, String subject, FhirCodes codes) {
        return FhirJson.context().newJsonParser().setPrettyPrint(true)
                .encodeResourceToString(guidanceResponse(decision, subject, codes));
    }

    /**
     * As {@link #guidanceResponse(Decision, String, FhirCodes)} without a subject, with the packaged
     * knowledge base's codes.
     *
     * @param decision the decision
     * @return the GuidanceResponse as a new HAPI resource
     * @throws NullPointerException if {@code decision} is null
     */
    public static GuidanceResponse guidanceResponse(Decision decision) {
        return guidanceResponse(decision, null, FhirCodes.packaged());
    }

    /**
     * @param decision the decision
     * @param subject  the Patient's reference ({@code Patient/p1}), or null when not known
     * @param codes    the codes the record is read with: they type the data requirements
     * @return the GuidanceResponse as a new HAPI resource
     * @throws NullPointerException if {@code decision} or {@code codes} is null
     */
    public static GuidanceResponse guidanceResponse(Decision decision, String subject, FhirCodes codes) {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(codes, "codes");
        GuidanceResponse g = new GuidanceResponse();
        g.setModule(new UriType(FhirNames.MODULE_URI + "|" + decision.knowledgeBase().version()));
        if (subject != null) {
            g.setSubject(new Reference(subject));
        }
        g.setOccurrenceDateTimeElement(new DateTimeType(decision.assessmentDate().toString()));
        boolean insufficient = (decision.postCovid() != null && decision.postCovid().outcome() == Outcome.INSUFFICIENT_DATA)
                || (decision.alk() != null && decision.alk().outcome() == AlkOutcome.INSUFFICIENT_DATA);
        g.setStatus(insufficient ? GuidanceResponse.GuidanceResponseStatus.DATAREQUIRED
                : GuidanceResponse.GuidanceResponseStatus.SUCCESS);
        for (String fact : missingFacts(decision)) {
            for (Map.Entry<String, List<Coding>> source : BundleReader.readFrom(fact, codes.table()).entrySet()) {
                DataRequirement requirement = g.addDataRequirement();
                requirement.addExtension(FhirNames.INPUT_PATH_EXTENSION, new StringType(fact));
                requirement.setType(source.getKey());
                if (!source.getValue().isEmpty()) {
                    DataRequirement.DataRequirementCodeFilterComponent filter = requirement.addCodeFilter().setPath("code");
                    source.getValue().forEach(c -> filter.addCode(c.copy()));
                }
            }
        }
        Parameters output = new Parameters();
        output.setId("decision");
        if (decision.postCovid() != null) {
            PostCovidDecision p = decision.postCovid();
            ParametersParameterComponent part = output.addParameter().setName("postCovid");
            part.addPart().setName("outcome").setValue(new CodeType(p.outcome().name()));
            part.addPart().setName("ageGroup").setValue(new CodeType(p.ageGroup().name()));
            criteria(part, p.criteria());
            missing(part, p.missingFacts());
            if (p.centre() != null) {
                CentreOffer c = p.centre();
                ParametersParameterComponent centre = part.addPart().setName("centre");
                centre.addPart().setName("status").setValue(new CodeType(c.status().name()));
                for (Centre offered : c.centres()) {
                    centre.addPart().setName("centre").setValue(new Coding(CENTRE_SYSTEM, offered.name(), null));
                }
                if (c.ruleId() != null) {
                    centre.addPart().setName("rule").setValue(new StringType(c.ruleId()));
                }
                if (c.availableFrom() != null) {
                    centre.addPart().setName("availableFrom").setValue(new DateType(c.availableFrom().toString()));
                }
                missing(centre, c.missingFacts());
            }
        }
        if (decision.alk() != null) {
            AlkAdvice a = decision.alk();
            ParametersParameterComponent part = output.addParameter().setName("alk");
            part.addPart().setName("outcome").setValue(new CodeType(a.outcome().name()));
            if (a.severity() != null) {
                part.addPart().setName("severity").setValue(new CodeType(a.severity().name()));
            }
            criteria(part, a.criteria());
            missing(part, a.missingFacts());
        }
        output.addParameter().setName("decision").setValue(new StringType(DecisionJson.write(decision)));
        g.addContained(output);
        g.setOutputParameters(new Reference("#decision"));
        return g;
    }

    private static void criteria(ParametersParameterComponent part, List<CriterionResult> criteria) {
        for (CriterionResult c : criteria) {
            ParametersParameterComponent criterion = part.addPart().setName("criterion");
            criterion.addPart().setName("id").setValue(new StringType(c.id()));
            criterion.addPart().setName("status").setValue(new CodeType(c.status().name()));
            missing(criterion, c.missingFacts());
        }
    }

    private static void missing(ParametersParameterComponent part, List<String> facts) {
        for (String fact : facts) {
            part.addPart().setName("missingFact").setValue(new StringType(fact));
        }
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
