package nl.zorgregels.tests;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SchemaBaseValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Checks a FHIR R4 resource against the R4 specification and Zorgregels' conformance resources, offline,
 * with what this project's Maven registry serves: HAPI FHIR's structures and the R4 definitions of
 * {@code hapi-fhir-validation-resources-r4} (the HL7 validator engine, {@code hapi-fhir-validation} /
 * {@code org.hl7.fhir.validation}, is not served here). What it checks, each an error:
 * <ul>
 *   <li>the R4 XML schema (HAPI's {@link SchemaBaseValidator}: elements, order, cardinality, primitive
 *       formats, the codes of required bindings to code elements);</li>
 *   <li>every invariant of severity error of the R4 StructureDefinitions (ele-1, ext-1, dom-3, inv-1 of
 *       Parameters, bdl-*, que-*, qrs-*, ...) on every element it applies to, with the R4 FHIRPath engine;
 *       an invariant the engine cannot evaluate is listed in {@link #notEvaluated()}, not passed silently;</li>
 *   <li>every extension: its URL defined (the R4 extension definitions or ours), used in a context its
 *       definition allows, with a value of a type it allows;</li>
 *   <li>every Coding of a code system of ours: the CodeSystem exists, and a complete one has the code;</li>
 *   <li>a Bundle: every entry has a fullUrl, fullUrls are unique; in a record (not a searchset or history)
 *       every reference resolves in the Bundle;</li>
 *   <li>a QuestionnaireResponse to a Questionnaire given here: the Questionnaire (url|version) resolves, every
 *       item stands where the Questionnaire has it (linkId known, in its group, once unless it repeats),
 *       each answer of the item's type, a choice's coding one of its options.</li>
 * </ul>
 */
final class FhirChecker {
    private static final String OURS = "http://zorgregels.nl/fhir/";
    private final FhirContext ctx;
    private final DefaultProfileValidationSupport core;
    private final FhirValidator schema;
    private final FHIRPathEngine fhirPath;
    /** Element definitions of the R4 base types and resources, by path. */
    private final Map<String, ElementDefinition> elements = new HashMap<>();
    private final Map<String, StructureDefinition> extensions = new HashMap<>();
    private final Map<String, CodeSystem> codeSystems = new HashMap<>();
    private final Map<String, Questionnaire> questionnaires = new HashMap<>();
    private final Map<String, ExpressionNode> parsed = new HashMap<>();
    private final Set<String> notEvaluated = new LinkedHashSet<>();
    private long evaluations;

    FhirChecker(FhirContext ctx, List<StructureDefinition> ourExtensions, List<CodeSystem> ourCodeSystems,
                List<Questionnaire> ourQuestionnaires) {
        this.ctx = ctx;
        this.core = new DefaultProfileValidationSupport(ctx);
        this.schema = ctx.newValidator();
        schema.setValidateAgainstStandardSchema(true);
        schema.setValidateAgainstStandardSchematron(false);
        this.fhirPath = new FHIRPathEngine(new HapiWorkerContext(ctx, core));
        for (Object o : core.fetchAllStructureDefinitions()) {
            StructureDefinition sd = (StructureDefinition) o;
            if (sd.getDerivation() == StructureDefinition.TypeDerivationRule.SPECIALIZATION) {
                for (ElementDefinition e : sd.getSnapshot().getElement()) {
                    elements.putIfAbsent(e.getPath(), e);
                }
            } else if ("Extension".equals(sd.getType())) {
                extensions.put(sd.getUrl(), sd);
            }
        }
        ourExtensions.forEach(sd -> extensions.put(sd.getUrl(), sd));
        ourCodeSystems.forEach(cs -> codeSystems.put(cs.getUrl(), cs));
        for (Questionnaire q : ourQuestionnaires) {
            questionnaires.put(q.getUrl() + "|" + q.getVersion(), q);
            questionnaires.put(q.getUrl(), q); // unversioned: the current version
        }
    }

    /** @return how many invariants were evaluated (element by element) */
    long evaluations() {
        return evaluations;
    }

    /** @return the invariants the FHIRPath engine could not evaluate, with why (not counted as errors) */
    Set<String> notEvaluated() {
        return notEvaluated;
    }

    /**
     * @param resource the resource
     * @return every error found, each {@code path: what}
     */
    List<String> errors(Resource resource) {
        List<String> errors = new ArrayList<>();
        for (SingleValidationMessage m : schema.validateWithResult(resource).getMessages()) {
            if (m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL) {
                errors.add("schema " + m.getLocationString() + ": " + m.getMessage());
            }
        }
        invariants(resource, resource, resource, elements.get(resource.fhirType()), resource.fhirType(), errors);
        walk(resource, resource, resource, resource.fhirType(), resource.fhirType(), errors);
        return errors;
    }

    private void walk(Resource root, Resource container, Base element, String definition, String at, List<String> errors) {
        for (Property p : element.children()) {
            for (int i = 0; i < p.getValues().size(); i++) {
                Base value = p.getValues().get(i);
                String here = at + "." + p.getName().replace("[x]", "") + (p.getMaxCardinality() > 1 ? "[" + i + "]" : "");
                if (value instanceof Resource r) {
                    walk(root, r, r, r.fhirType(), here + "(" + r.fhirType() + ")", errors);
                    invariants(root, r, r, elements.get(r.fhirType()), here, errors);
                    continue;
                }
                ElementDefinition ed = elements.get(definition + "." + p.getName());
                invariants(root, container, value, ed, here, errors);
                String type = value.fhirType();
                if (type.contains(".")) { // a backbone element: its own definition (also through a contentReference)
                    invariants(root, container, value, elements.get(type), here, errors);
                } else if (!value.isPrimitive()) {
                    invariants(root, container, value, elements.get(type), here, errors);
                }
                if (value instanceof Extension e) {
                    extension(e, element, definition, here, errors);
                }
                if (value instanceof Coding c && c.hasSystem() && c.getSystem().startsWith(OURS)) {
                    coding(c, here, errors);
                }
                if (!value.isPrimitive()) {
                    walk(root, container, value, type, here, errors);
                }
            }
        }
        if (element instanceof Bundle b) {
            bundle(b, at, errors);
        }
        if (element instanceof QuestionnaireResponse qr) {
            questionnaireResponse(qr, at, errors);
        }
    }

    private void invariants(Resource root, Resource container, Base value, ElementDefinition ed, String at, List<String> errors) {
        if (ed == null) {
            return;
        }
        for (ElementDefinition.ElementDefinitionConstraintComponent c : ed.getConstraint()) {
            if (c.getSeverity() != ElementDefinition.ConstraintSeverity.ERROR || !c.hasExpression()) {
                continue;
            }
            try {
                ExpressionNode node = parsed.computeIfAbsent(c.getExpression(), fhirPath::parse);
                evaluations++;
                if (!fhirPath.evaluateToBoolean(container, root, value, node)) {
                    errors.add(at + ": invariant " + c.getKey() + " (" + c.getHuman() + ") fails");
                }
            } catch (RuntimeException e) {
                notEvaluated.add(c.getKey() + " " + c.getExpression() + ": " + e.getMessage());
            }
        }
    }

    private void extension(Extension e, Base parent, String parentDefinition, String at, List<String> errors) {
        StructureDefinition sd = extensions.get(e.getUrl());
        if (sd == null) {
            if (parentDefinition.equals("Extension")) {
                return; // a part of a complex extension: checked with its parent below
            }
            errors.add(at + ": extension " + e.getUrl() + " has no definition (StructureDefinition)");
            return;
        }
        String parentType = parent.fhirType();
        boolean allowed = sd.getContext().stream().anyMatch(c -> c.getExpression().equals(parentType)
                || c.getExpression().equals("Element") || parentType.startsWith(c.getExpression() + ".")
                || (parent instanceof Resource && c.getExpression().equals("Resource")));
        if (!allowed) {
            errors.add(at + ": extension " + e.getUrl() + " is not allowed on " + parentType + " (its contexts: "
                    + sd.getContext().stream().map(StructureDefinition.StructureDefinitionContextComponent::getExpression).toList() + ")");
        }
        List<ElementDefinition> defs = sd.hasSnapshot() ? sd.getSnapshot().getElement() : sd.getDifferential().getElement();
        for (ElementDefinition d : defs) {
            if (d.getPath().equals("Extension.value[x]") && !d.getId().contains(":")) {
                if ("0".equals(d.getMax()) && e.hasValue()) {
                    errors.add(at + ": extension " + e.getUrl() + " takes no value");
                } else if (e.hasValue() && d.hasType() && d.getType().stream().noneMatch(t -> t.getCode().equals(e.getValue().fhirType()))) {
                    errors.add(at + ": extension " + e.getUrl() + " takes a value of " + d.getType().stream()
                            .map(ElementDefinition.TypeRefComponent::getCode).toList() + ", not " + e.getValue().fhirType());
                } else if (d.getMin() > 0 && !e.hasValue()) {
                    errors.add(at + ": extension " + e.getUrl() + " needs a value");
                }
            }
            if (d.getPath().equals("Extension.extension") && d.hasSliceName() && d.getMin() > 0) {
                String url = defs.stream().filter(x -> x.getId().equals(d.getId() + ".url") && x.hasFixed())
                        .map(x -> x.getFixed().primitiveValue()).findFirst().orElse(d.getSliceName());
                if (e.getExtension().stream().noneMatch(x -> x.getUrl().equals(url))) {
                    errors.add(at + ": extension " + e.getUrl() + " needs its part " + url);
                }
            }
        }
    }

    private void coding(Coding c, String at, List<String> errors) {
        CodeSystem cs = codeSystems.get(c.getSystem());
        if (cs == null) {
            errors.add(at + ": code system " + c.getSystem() + " has no CodeSystem");
        } else if (cs.getContent() == CodeSystem.CodeSystemContentMode.COMPLETE
                && cs.getConcept().stream().noneMatch(x -> x.getCode().equals(c.getCode()))) {
            errors.add(at + ": " + c.getCode() + " is not a code of " + c.getSystem());
        } else if (c.hasDisplay()) {
            cs.getConcept().stream().filter(x -> x.getCode().equals(c.getCode()) && x.hasDisplay()
                    && !x.getDisplay().equals(c.getDisplay())).findFirst().ifPresent(x -> errors.add(at + ": display "
                    + c.getDisplay() + " is not " + c.getSystem() + "'s " + x.getDisplay()));
        }
    }

    private void bundle(Bundle b, String at, List<String> errors) {
        Set<String> fullUrls = new LinkedHashSet<>();
        for (int i = 0; i < b.getEntry().size(); i++) {
            Bundle.BundleEntryComponent e = b.getEntry().get(i);
            if (!e.hasFullUrl()) {
                errors.add(at + ".entry[" + i + "]: has no fullUrl");
            } else if (!fullUrls.add(e.getFullUrl())) {
                errors.add(at + ".entry[" + i + "].fullUrl: " + e.getFullUrl() + " stands twice");
            }
        }
        if (b.getType() == Bundle.BundleType.SEARCHSET || b.getType() == Bundle.BundleType.HISTORY) {
            return; // a search result refers to resources the search did not return
        }
        for (int i = 0; i < b.getEntry().size(); i++) {
            Bundle.BundleEntryComponent e = b.getEntry().get(i);
            if (e.hasResource() && !(e.getResource() instanceof Bundle)) {
                references(e.getResource(), e.getFullUrl(), fullUrls, at + ".entry[" + i + "].resource", errors);
            }
        }
    }

    private void references(Base element, String fullUrl, Set<String> fullUrls, String at, List<String> errors) {
        for (Property p : element.children()) {
            for (Base value : p.getValues()) {
                if (value instanceof Reference r && r.hasReference() && !r.getReference().startsWith("#")) {
                    String ref = r.getReference();
                    String base = fullUrl != null && fullUrl.startsWith("http") && fullUrl.split("/").length > 2
                            ? fullUrl.substring(0, fullUrl.lastIndexOf('/', fullUrl.lastIndexOf('/') - 1) + 1) : null;
                    boolean found = fullUrls.contains(ref) || (base != null && fullUrls.contains(base + ref));
                    if (!found) {
                        errors.add(at + "." + p.getName() + ": reference " + ref + " does not resolve in the Bundle");
                    }
                }
                if (!value.isPrimitive() && !(value instanceof Resource)) {
                    references(value, fullUrl, fullUrls, at + "." + p.getName(), errors);
                }
            }
        }
    }

    private void questionnaireResponse(QuestionnaireResponse qr, String at, List<String> errors) {
        if (!qr.hasQuestionnaire() || !qr.getQuestionnaire().startsWith(OURS)) {
            return;
        }
        Questionnaire q = questionnaires.get(qr.getQuestionnaire());
        if (q == null) {
            errors.add(at + ".questionnaire: " + qr.getQuestionnaire() + " does not resolve (known: "
                    + questionnaires.keySet() + ")");
            return;
        }
        items(qr.getItem(), q.getItem(), at, errors);
    }

    private void items(List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items,
                       List<Questionnaire.QuestionnaireItemComponent> defined, String at, List<String> errors) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            QuestionnaireResponse.QuestionnaireResponseItemComponent item = items.get(i);
            String here = at + ".item[" + i + "]";
            Questionnaire.QuestionnaireItemComponent def = defined.stream()
                    .filter(d -> d.getLinkId().equals(item.getLinkId())).findFirst().orElse(null);
            if (def == null) {
                errors.add(here + ": linkId " + item.getLinkId() + " is not an item of the Questionnaire here");
                continue;
            }
            if (seen.merge(item.getLinkId(), 1, Integer::sum) > 1 && !def.getRepeats()) {
                errors.add(here + ": " + item.getLinkId() + " does not repeat but stands twice");
            }
            for (int j = 0; j < item.getAnswer().size(); j++) {
                var answer = item.getAnswer().get(j).getValue();
                String type = switch (def.getType()) {
                    case BOOLEAN -> "boolean";
                    case DATE -> "date";
                    case INTEGER -> "integer";
                    case CHOICE -> "Coding";
                    default -> "(none: " + def.getType().toCode() + ")";
                };
                if (!answer.fhirType().equals(type)) {
                    errors.add(here + ".answer[" + j + "]: " + answer.fhirType() + " for an item of type " + def.getType().toCode());
                } else if (answer instanceof Coding c && def.getAnswerOption().stream().noneMatch(o -> o.getValue() instanceof Coding oc
                        && oc.getSystem().equals(c.getSystem()) && oc.getCode().equals(c.getCode()))) {
                    errors.add(here + ".answer[" + j + "]: " + c.getSystem() + "|" + c.getCode() + " is not an answer option");
                }
            }
            items(item.getItem(), def.getItem(), here, errors);
        }
    }
}
