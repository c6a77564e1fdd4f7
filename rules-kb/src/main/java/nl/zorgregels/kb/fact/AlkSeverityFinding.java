package nl.zorgregels.kb.fact;

import java.util.List;
import nl.zorgregels.model.AlkSeverity;

/**
 * The ALK severity (ALK-S1).
 *
 * @param severity     MILD, MODERATE, SEVERE or UNKNOWN
 * @param missingFacts input paths of the absent axes when UNKNOWN; empty otherwise
 */
public record AlkSeverityFinding(AlkSeverity severity, List<String> missingFacts) {

    /** Copies the list. */
    public AlkSeverityFinding {
        missingFacts = List.copyOf(missingFacts);
    }
}
