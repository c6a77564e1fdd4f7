package nl.zorgregels.kb.fact;

import java.util.Objects;

/**
 * A patient-level clinical finding that more than one part of a decision must honour (CONTRACT.md
 * §10, one clinical picture), whichever section of the input records it: ME/CVS recorded as another
 * post-acute infection syndrome in the post-COVID section, or ME/CVS or post-exertional malaise
 * recorded in the ALK section. Derived by the rules of {@code safety.drl}; never retracted.
 *
 * @param condition  what is recorded, e.g. {@code ME_CVS} or {@code ME_CVS_OR_PEM}
 * @param recordedAt the input section that records it: {@code postCovid} (its {@code otherPais}) or {@code alk} (its {@code meCvsOrPem})
 */
public record RecordedCondition(String condition, String recordedAt) {

    /** Checks the components. */
    public RecordedCondition {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
