package nl.zorgregels.tests.bench;

import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.model.Assessment;

/** The cases the benchmarks decide: realistic inputs, bound once with the strict JSON binding. */
public final class BenchCases {
    /**
     * One full decision: an adult eligible for a post-COVID centre whose own region's centre (UMCG)
     * is not open yet on the assessment date, so the interim allocation (PC-R4) decides the centre,
     * and who also has ALK facts (moderate: several complaints, moderate limitation), so the
     * severity, 18 options with their texts and the talking points are decided too.
     */
    public static final String FULL_JSON = """
            { "assessmentDate": "2025-06-15",
              "patient": { "birthDate": "1980-04-02", "umcRegion": "UMCG",
                           "dutchGeneralPractitioner": true, "dutchHealthInsurance": true },
              "postCovid": { "complaintsAttributedToCovid": true, "otherCausesInvestigated": true,
                             "positiveTest": false, "complaintOnsetDate": "2024-03-01", "bellScore": 50,
                             "complaintsFromPreExistingDisease": false, "treatmentPathway": "COMPLETED" },
              "alk": { "complaintOnsetDate": "2025-01-10", "limitsFunctioningOrCausesSuffering": true,
                       "complaintPattern": "MULTIPLE", "functionalLimitation": "MODERATE",
                       "previousGgzTreatmentWithoutEffect": false, "comorbidityToAccountFor": false,
                       "meCvsOrPem": false } }
            """;

    /** The post-COVID part of {@link #FULL_JSON} alone: the adult criteria, outcome, centre and notes. */
    public static final String ADULT_POST_COVID_JSON = """
            { "assessmentDate": "2025-06-15",
              "patient": { "birthDate": "1980-04-02", "umcRegion": "UMCG",
                           "dutchGeneralPractitioner": true, "dutchHealthInsurance": true },
              "postCovid": { "complaintsAttributedToCovid": true, "otherCausesInvestigated": true,
                             "positiveTest": false, "complaintOnsetDate": "2024-03-01", "bellScore": 50,
                             "complaintsFromPreExistingDisease": false, "treatmentPathway": "COMPLETED" } }
            """;

    private BenchCases() {
    }

    /** @return {@link #FULL_JSON}, bound */
    public static Assessment full() {
        return DecisionJson.readAssessment(FULL_JSON);
    }

    /** @return {@link #ADULT_POST_COVID_JSON}, bound */
    public static Assessment adultPostCovid() {
        return DecisionJson.readAssessment(ADULT_POST_COVID_JSON);
    }
}
