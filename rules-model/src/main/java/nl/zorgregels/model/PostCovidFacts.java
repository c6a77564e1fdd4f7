package nl.zorgregels.model;

import java.time.LocalDate;
import java.util.List;

/**
 * What the GP knows about the post-COVID complaints. Every field is optional: an absent fact
 * makes the criteria that need it UNKNOWN, and it is then named in the decision. Errors name the
 * field as the JSON input does ({@code postCovid.bellScore}), whether they come from the constructor,
 * the {@link #builder() builder} or {@code DecisionJson.readAssessment}.
 *
 * @param complaintsAttributedToCovid      the complaints are the consequence of a COVID-19 infection (PC-A1/PC-C1)
 * @param otherCausesInvestigated          other causes have been investigated as far as possible (PC-G2)
 * @param positiveTest                     a positive COVID-19 test; information only, never decisive (PC-G3)
 * @param complaintOnsetDate               start of the complaints fitting post-COVID (PC-A2/PC-C2)
 * @param bellScore                        Bell CFIDS disability score, 0..100 in steps of 10 (PC-A3, PC-C3)
 * @param reducedFunctioning               the child's functioning is reduced (PC-C3)
 * @param complaintsFromPreExistingDisease the complaints stem from a disease that existed before the infection (PC-A4/PC-C4)
 * @param treatmentPathway                 physio/occupational therapy pathway (PC-A5/PC-C5)
 * @param otherPais                        other post-acute infection syndromes (PC-X1); null or empty if none;
 *                                         the kinds a knowledge base knows are its table other-pais.csv
 * @param currentCentre                    expertise centre already treating the patient (PC-R6); null if none
 */
public record PostCovidFacts(Boolean complaintsAttributedToCovid, Boolean otherCausesInvestigated,
                             Boolean positiveTest, LocalDate complaintOnsetDate, Integer bellScore,
                             Boolean reducedFunctioning, Boolean complaintsFromPreExistingDisease,
                             TreatmentPathway treatmentPathway, List<OtherPais> otherPais,
                             Centre currentCentre) {

    /** Where this record sits in the input ({@code Assessment.postCovid}): the prefix of its fields' paths. */
    static final String PATH = "postCovid.";

    /**
     * Checks and copies the components.
     *
     * @param complaintsAttributedToCovid the complaints are the consequence of a COVID-19 infection (PC-A1/PC-C1)
     * @param otherCausesInvestigated other causes have been investigated as far as possible (PC-G2)
     * @param positiveTest a positive COVID-19 test; information only, never decisive (PC-G3)
     * @param complaintOnsetDate start of the complaints fitting post-COVID (PC-A2/PC-C2)
     * @param bellScore Bell CFIDS disability score, 0..100 in steps of 10 (PC-A3, PC-C3)
     * @param reducedFunctioning the child's functioning is reduced (PC-C3)
     * @param complaintsFromPreExistingDisease the complaints stem from a disease that existed before the infection (PC-A4/PC-C4)
     * @param treatmentPathway physio/occupational therapy pathway (PC-A5/PC-C5)
     * @param otherPais other post-acute infection syndromes (PC-X1); null or empty if none
     * @param currentCentre expertise centre already treating the patient (PC-R6); null if none
     * @throws InvalidInputException if the Bell score is not one of 0, 10, ..., 100 (field
     *                               {@code postCovid.bellScore}), or {@code otherPais} contains null
     *                               (field {@code postCovid.otherPais[i]})
     */
    public PostCovidFacts {
        if (bellScore != null && (bellScore < 0 || bellScore > 100 || bellScore % 10 != 0)) {
            throw new InvalidInputException(PATH + "bellScore",
                    "must be one of 0, 10, 20, ..., 100 (Bell CFIDS disability scale) but was " + bellScore);
        }
        if (otherPais != null) {
            for (int i = 0; i < otherPais.size(); i++) {
                if (otherPais.get(i) == null) {
                    throw new InvalidInputException(PATH + "otherPais[" + i + "]",
                            "must be a kind of other PAIS (a code of the knowledge base's other-pais.csv), not null");
                }
            }
            otherPais = List.copyOf(otherPais);
        }
    }

    /** @return a builder with every fact unknown */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds {@link PostCovidFacts}; a fact not set stays unknown (null). The setters only record a
     * value; {@link #build()} checks, as the record's constructor does. Not thread-safe.
     */
    public static final class Builder {
        private Boolean complaintsAttributedToCovid;
        private Boolean otherCausesInvestigated;
        private Boolean positiveTest;
        private LocalDate complaintOnsetDate;
        private Integer bellScore;
        private Boolean reducedFunctioning;
        private Boolean complaintsFromPreExistingDisease;
        private TreatmentPathway treatmentPathway;
        private List<OtherPais> otherPais;
        private Centre currentCentre;

        private Builder() {
        }

        /**
         * @param v see {@link PostCovidFacts#complaintsAttributedToCovid()}
         * @return this
         */
        public Builder complaintsAttributedToCovid(Boolean v) { complaintsAttributedToCovid = v; return this; }

        /**
         * @param v see {@link PostCovidFacts#otherCausesInvestigated()}
         * @return this
         */
        public Builder otherCausesInvestigated(Boolean v) { otherCausesInvestigated = v; return this; }

        /**
         * @param v see {@link PostCovidFacts#positiveTest()}
         * @return this
         */
        public Builder positiveTest(Boolean v) { positiveTest = v; return this; }

        /**
         * @param v see {@link PostCovidFacts#complaintOnsetDate()}
         * @return this
         */
        public Builder complaintOnsetDate(LocalDate v) { complaintOnsetDate = v; return this; }

        /**
         * @param v see {@link PostCovidFacts#bellScore()}
         * @return this
         */
        public Builder bellScore(Integer v) { bellScore = v; return this; }

        /**
         * @param v see {@link PostCovidFacts#reducedFunctioning()}
         * @return this
         */
        public Builder reducedFunctioning(Boolean v) { reducedFunctioning = v; return this; }

        /**
         * @param v see {@link PostCovidFacts#complaintsFromPreExistingDisease()}
         * @return this
         */
        public Builder complaintsFromPreExistingDisease(Boolean v) { complaintsFromPreExistingDisease = v; return this; }

        /**
         * @param v see {@link PostCovidFacts#treatmentPathway()}
         * @return this
         */
        public Builder treatmentPathway(TreatmentPathway v) { treatmentPathway = v; return this; }

        /**
         * @param v see {@link PostCovidFacts#otherPais()}
         * @return this
         */
        public Builder otherPais(List<OtherPais> v) { otherPais = v; return this; }

        /**
         * @param v see {@link PostCovidFacts#currentCentre()}
         * @return this
         */
        public Builder currentCentre(Centre v) { currentCentre = v; return this; }

        /**
         * @return the facts
         * @throws InvalidInputException as the record's constructor, naming the field's input path
         *                               (e.g. {@code postCovid.bellScore})
         */
        public PostCovidFacts build() {
            return new PostCovidFacts(complaintsAttributedToCovid, otherCausesInvestigated, positiveTest,
                    complaintOnsetDate, bellScore, reducedFunctioning, complaintsFromPreExistingDisease,
                    treatmentPathway, otherPais, currentCentre);
        }
    }
}
