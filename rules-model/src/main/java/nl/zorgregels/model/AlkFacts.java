package nl.zorgregels.model;

import java.time.LocalDate;

/**
 * What the GP knows about persistent physical symptoms (ALK). Every field is optional: an absent
 * fact is reported as missing, never guessed.
 *
 * @param complaintOnsetDate                 start of the complaints (ALK-D1: at least three months)
 * @param limitsFunctioningOrCausesSuffering the complaints limit functioning or cause suffering (ALK-D1)
 * @param complaintPattern                   first severity axis (ALK-S1)
 * @param functionalLimitation               second severity axis (ALK-S1)
 * @param previousGgzTreatmentWithoutEffect  earlier mental-health treatment without effect (ALK-H1)
 * @param comorbidityToAccountFor            comorbidity the treatment must take into account (ALK-H1)
 * @param meCvsOrPem                         ME/CFS or post-exertional malaise (ALK-W1)
 */
public record AlkFacts(LocalDate complaintOnsetDate, Boolean limitsFunctioningOrCausesSuffering,
                       ComplaintPattern complaintPattern, FunctionalLimitation functionalLimitation,
                       Boolean previousGgzTreatmentWithoutEffect, Boolean comorbidityToAccountFor,
                       Boolean meCvsOrPem) {

    /** Where this record sits in the input ({@code Assessment.alk}): the prefix of its fields' paths. */
    static final String PATH = "alk.";

    /** @return a builder with every fact unknown */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds {@link AlkFacts}; a fact not set stays unknown (null). The setters only record a value;
     * {@link #build()} makes the record (which checks nothing on its own: the onset date is checked
     * against the dates of the {@link Assessment}, as {@code alk.complaintOnsetDate}). Not thread-safe.
     */
    public static final class Builder {
        private LocalDate complaintOnsetDate;
        private Boolean limitsFunctioningOrCausesSuffering;
        private ComplaintPattern complaintPattern;
        private FunctionalLimitation functionalLimitation;
        private Boolean previousGgzTreatmentWithoutEffect;
        private Boolean comorbidityToAccountFor;
        private Boolean meCvsOrPem;

        private Builder() {
        }

        /**
         * @param v see {@link AlkFacts#complaintOnsetDate()}
         * @return this
         */
        public Builder complaintOnsetDate(LocalDate v) { complaintOnsetDate = v; return this; }

        /**
         * @param v see {@link AlkFacts#limitsFunctioningOrCausesSuffering()}
         * @return this
         */
        public Builder limitsFunctioningOrCausesSuffering(Boolean v) { limitsFunctioningOrCausesSuffering = v; return this; }

        /**
         * @param v see {@link AlkFacts#complaintPattern()}
         * @return this
         */
        public Builder complaintPattern(ComplaintPattern v) { complaintPattern = v; return this; }

        /**
         * @param v see {@link AlkFacts#functionalLimitation()}
         * @return this
         */
        public Builder functionalLimitation(FunctionalLimitation v) { functionalLimitation = v; return this; }

        /**
         * @param v see {@link AlkFacts#previousGgzTreatmentWithoutEffect()}
         * @return this
         */
        public Builder previousGgzTreatmentWithoutEffect(Boolean v) { previousGgzTreatmentWithoutEffect = v; return this; }

        /**
         * @param v see {@link AlkFacts#comorbidityToAccountFor()}
         * @return this
         */
        public Builder comorbidityToAccountFor(Boolean v) { comorbidityToAccountFor = v; return this; }

        /**
         * @param v see {@link AlkFacts#meCvsOrPem()}
         * @return this
         */
        public Builder meCvsOrPem(Boolean v) { meCvsOrPem = v; return this; }

        /** @return the facts */
        public AlkFacts build() {
            return new AlkFacts(complaintOnsetDate, limitsFunctioningOrCausesSuffering, complaintPattern, functionalLimitation, previousGgzTreatmentWithoutEffect, comorbidityToAccountFor, meCvsOrPem);
        }
    }
}
