package nl.zorgregels.service.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The discovery document of {@code GET /cds-services}. */
final class Discovery {
    /**
     * The prefetch templates by key, in the discovery's order: what the EHR is asked to send, and
     * what the service reads from {@code fhirServer} when the EHR does not send it.
     */
    static final Map<String, String> PREFETCH;

    static {
        String patient = "{{context.patientId}}";
        Map<String, String> p = new LinkedHashMap<>();
        p.put("patient", "Patient/" + patient);
        p.put("conditions", "Condition?patient=" + patient
                + "&code=http://snomed.info/sct|1119303003,http://snomed.info/sct|1119304009,http://snomed.info/sct|52702003");
        p.put("observations", "Observation?patient=" + patient
                + "&code=http://zorgregels.nl/fhir/CodeSystem/observation|bell-cfids-score");
        p.put("procedures", "Procedure?patient=" + patient
                + "&code=http://snomed.info/sct|91251008,http://snomed.info/sct|84478008");
        p.put("questionnaireResponses", "QuestionnaireResponse?patient=" + patient
                + "&questionnaire=http://zorgregels.nl/fhir/Questionnaire/intake");
        PREFETCH = Collections.unmodifiableMap(p);
    }

    private Discovery() {
    }

    /** Asks only for the resources the reader uses (SNOMED CT and Zorgregels codes): nothing more leaves the EHR. */
    static String json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode service = root.putArray("services").addObject();
        service.put("hook", CdsRequest.HOOK);
        service.put("id", CdsHooksHandler.SERVICE_ID);
        service.put("title", "Zorgregels: verwijzing post-COVID-expertisecentrum en ALK-keuzekaart");
        service.put("description", "Decides, when a chart is opened, whether the patient can be referred to a post-COVID"
                + " expertise centre and which care the ALK (persistent physical symptoms) card advises, with the"
                + " criteria, the questions for missing facts and the guideline sources.");
        service.put("usageRequirements", "Prefetch the patient and the searches, or give fhirServer with"
                + " fhirAuthorization so that the service reads what is not prefetched from the FHIR server."
                + " Answers from the intake Questionnaire (GET /fhir/Questionnaire/intake) give the facts the standard resources do not.");
        ObjectNode prefetch = service.putObject("prefetch");
        PREFETCH.forEach(prefetch::put);
        return root.toString();
    }
}
