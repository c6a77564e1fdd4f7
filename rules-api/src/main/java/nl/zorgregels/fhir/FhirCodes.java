package nl.zorgregels.fhir;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
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

    /** @return the number of rows */
    public int size() {
        return table.mappings.size();
    }

    CodeTable table() {
        return table;
    }
}
