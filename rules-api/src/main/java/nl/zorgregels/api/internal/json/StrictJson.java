package nl.zorgregels.api.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import nl.zorgregels.api.DecisionJson;

/** The one JSON parser set-up for every input the library reads (our JSON and FHIR). Not API. */
public final class StrictJson {
    private StrictJson() {
    }

    /**
     * @param maxNestingDepth deepest nesting of objects and arrays
     * @param maxStringLength longest string value or field name, in characters
     * @param maxNumberLength longest number, in characters
     * @return a new factory with these limits and duplicate keys refused while parsing (the
     *         section 4 JSON uses {@link DecisionJson}'s limits, FHIR wider ones)
     */
    public static JsonFactory factory(int maxNestingDepth, int maxStringLength, int maxNumberLength) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .maxStringLength(maxStringLength)
                        .maxNameLength(maxStringLength)
                        .maxNumberLength(maxNumberLength)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
