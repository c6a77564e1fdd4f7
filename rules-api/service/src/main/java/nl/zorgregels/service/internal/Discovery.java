package nl.zorgregels.service.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.zorgregels.fhir.FhirCodes;

/**
 * The discovery document of {@code GET /cds-services} and its prefetch templates: the Patient, the
 * searches for every code the service's code table reads ({@link FhirCodes#searches}: the knowledge
 * base's {@code codes.csv} and a deployer's tables), and the intake answers. Immutable.
 */
public final class Discovery {
    /** The template of the patient id in a prefetch query. */
    static final String PATIENT_ID = "{{context.patientId}}";
    /** The key of the Patient. */
    static final String PATIENT = "patient";

    private final Map<String, String> prefetch;
    private final List<String> searchKeys;
    private final FhirCodes codes;

    /**
     * @param codes the codes the service reads
     */
    public Discovery(FhirCodes codes) {
        this.codes = Objects.requireNonNull(codes, "codes");
        Map<String, String> p = new LinkedHashMap<>();
        p.put(PATIENT, "Patient/" + PATIENT_ID);
        p.putAll(codes.searches(PATIENT_ID));
        p.put("questionnaireResponses", "QuestionnaireResponse?patient=" + PATIENT_ID
                + "&questionnaire=http://zorgregels.nl/fhir/Questionnaire/intake");
        this.prefetch = Collections.unmodifiableMap(p);
        List<String> keys = new ArrayList<>(p.keySet());
        keys.remove(PATIENT);
        this.searchKeys = List.copyOf(keys);
    }

    /** @return the codes the service reads (they also make its conformance resources) */
    FhirCodes codes() {
        return codes;
    }

    /** @return the prefetch templates by key, in the discovery's order */
    Map<String, String> prefetch() {
        return prefetch;
    }

    /** @return the keys of the searches (every prefetch key but the Patient), in order */
    List<String> searchKeys() {
        return searchKeys;
    }

    /** Asks only for the resources the reader uses (the code table's codes): nothing more leaves the EHR. */
    String json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode service = root.putArray("services").addObject();
        service.put("hook", CdsRequest.HOOK);
        service.put("id", CdsHooksRoutes.SERVICE_ID);
        service.put("title", "Zorgregels: verwijzing post-COVID-expertisecentrum en ALK-keuzekaart");
        service.put("description", "Decides, when a chart is opened, whether the patient can be referred to a post-COVID"
                + " expertise centre and which care the ALK (persistent physical symptoms) card advises, with the"
                + " criteria, the questions for missing facts and the guideline sources.");
        service.put("usageRequirements", "Prefetch the patient and the searches, or give fhirServer with"
                + " fhirAuthorization so that the service reads what is not prefetched from the FHIR server."
                + " Answers from the intake Questionnaire (GET /fhir/Questionnaire/intake) give the facts the standard resources do not.");
        ObjectNode node = service.putObject("prefetch");
        prefetch.forEach(node::put);
        return root.toString();
    }
}
