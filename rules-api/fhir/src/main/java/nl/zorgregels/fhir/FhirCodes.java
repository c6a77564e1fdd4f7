package nl.zorgregels.fhir;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.internal.kb.CodeTable;

/**
 * Which codes of a patient's record give which input fact when a FHIR Bundle is read: the knowledge
 * base's table {@code codes.csv}, and a deployer's own tables of the same columns merged with it
 * (ICPC, the NHG's tables or local codes, which are licensed and not shipped), given at run time
 * without rebuilding. Every row is checked as the knowledge base's are (file and line named); a
 * code mapped to two values of one fact is refused, naming both rows. FHIR.md says how to write a
 * table. Immutable and thread-safe.
 */
public final class FhirCodes {
    private final CodeTable table;
    private final List<Requirement> requirements;

    private FhirCodes(CodeTable table, List<Requirement> requirements) {
        this.table = table;
        this.requirements = requirements;
    }

    /**
     * @return the packaged knowledge base's table
     * @throws KnowledgeBaseException if it is missing or refused
     */
    public static FhirCodes packaged() {
        return new FhirCodes(CodeTable.packaged(), CodeTable.packagedRequirements());
    }

    /**
     * @param kbDirectory a knowledge base directory laid out like {@code rules-kb/src/main/resources}
     * @return its table
     * @throws KnowledgeBaseException if it holds none or a row is refused
     */
    public static FhirCodes fromDirectory(Path kbDirectory) {
        Objects.requireNonNull(kbDirectory, "kbDirectory");
        return new FhirCodes(CodeTable.fromDirectory(kbDirectory), CodeTable.requirements(kbDirectory));
    }

    /**
     * @param deployerTable a table with the columns of {@code codes.csv}, its rows citing this knowledge
     *                      base's requirements
     * @return these codes with the table's rows added
     * @throws KnowledgeBaseException naming the file and line of every refused row, or of a row that maps
     *                                a code already mapped to another value (and that row)
     */
    public FhirCodes with(Path deployerTable) {
        Objects.requireNonNull(deployerTable, "deployerTable");
        return new FhirCodes(table.merge(CodeTable.file(deployerTable, requirements)), requirements);
    }

    /**
     * The FHIR searches that find every resource these codes read, for one patient: what a CDS Hooks
     * client is asked to prefetch (with {@code {{context.patientId}}} as the id) and what the service
     * reads from the EHR's FHIR server when it does not. Keys, in this order, for the elements the
     * rows use: {@code conditions} ({@code Condition?patient=ID&code=} every Condition code, as
     * {@code system|code}), {@code observations}, {@code procedures} (likewise), {@code coverages}
     * ({@code Coverage?patient=ID&status=active&_include=Coverage:payor}: the payor's identifier
     * gives the insurer). The patient's GP is read from the Patient itself. A code added in a
     * deployer's table is searched for too; nothing else leaves the EHR.
     *
     * @param patientId the patient id, or a template such as {@code {{context.patientId}}}
     * @return the searches by key, relative to the FHIR base
     * @throws NullPointerException if {@code patientId} is null
     */
    public Map<String, String> searches(String patientId) {
        Objects.requireNonNull(patientId, "patientId");
        Map<String, String> searches = new LinkedHashMap<>();
        codes(searches, "conditions", "Condition", CodeTable.Element.CONDITION_CODE, patientId);
        codes(searches, "observations", "Observation", CodeTable.Element.OBSERVATION_CODE, patientId);
        codes(searches, "procedures", "Procedure", CodeTable.Element.PROCEDURE_CODE, patientId);
        if (!table.of(CodeTable.Element.COVERAGE_PAYOR_IDENTIFIER).isEmpty()) {
            searches.put("coverages", "Coverage?patient=" + patientId + "&status=active&_include=Coverage:payor");
        }
        return Collections.unmodifiableMap(searches);
    }

    private void codes(Map<String, String> searches, String key, String type, CodeTable.Element element, String patientId) {
        Set<String> tokens = new LinkedHashSet<>();
        for (CodeTable.Mapping m : table.of(element)) {
            tokens.add(m.system() + "|" + m.code());
        }
        if (!tokens.isEmpty()) {
            searches.put(key, type + "?patient=" + patientId + "&code=" + String.join(",", tokens));
        }
    }

    /** @return the number of rows */
    public int size() {
        return table.mappings.size();
    }

    CodeTable table() {
        return table;
    }
}
