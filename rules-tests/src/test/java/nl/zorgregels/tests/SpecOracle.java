package nl.zorgregels.tests;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.Patient;
import nl.zorgregels.model.PostCovidFacts;
import nl.zorgregels.model.TreatmentPathway;

/**
 * The post-COVID part of CONTRACT.md §2 written out a second time, independently of the knowledge base,
 * straight from the tables: what each criterion is for an assessment (status and missing facts),
 * the outcome CONTRACT.md §1 gives for those, and the centre offered (PC-R). The property tests compare
 * the engine with it on thousands of generated cases. (ALK-D1 and ALK-S1 have their oracle in
 * {@link DecisionChecks}.) Being independent, it states the contract's values itself (the Bell
 * threshold 60, the ages, durations and dates) rather than reading {@code parameters.csv}: a wrong
 * edit of the table then shows as a difference instead of being followed.
 */
final class SpecOracle {
    /** CONTRACT.md §2 PC-R1: the children's centres open on 2025-02-01. */
    static final LocalDate CHILDREN_CENTRES_OPEN = LocalDate.of(2025, 2, 1);
    /** CONTRACT.md §2 PC-R5: adults from every region from 2025-05-01. */
    static final LocalDate NATIONWIDE_ACCESS = LocalDate.of(2025, 5, 1);
    static final List<Centre> CHILDREN_CENTRES = List.of(Centre.AMSTERDAM_UMC, Centre.MAASTRICHT_UMC, Centre.UMC_UTRECHT);

    private SpecOracle() {
    }

    /**
     * @param status       the criterion's status
     * @param missingFacts the input paths it names as missing (only when UNKNOWN), sorted
     */
    record Expected(CriterionStatus status, List<String> missingFacts) {
    }

    /**
     * @param status        OFFERED, NONE_YET or UNKNOWN
     * @param centres       the centres offered
     * @param ruleId        the deciding rule
     * @param availableFrom for NONE_YET
     * @param notes         the centre's note ids
     */
    record ExpectedCentre(CentreStatus status, List<Centre> centres, String ruleId, LocalDate availableFrom,
                          List<String> notes) {
    }

    /** @return ADULT from the 18th birthday on (full years on the assessment date), else CHILD (PC-G1) */
    static AgeGroup ageGroup(Assessment a) {
        return ChronoUnit.YEARS.between(a.patient().birthDate(), a.assessmentDate()) >= 18 ? AgeGroup.ADULT
                : AgeGroup.CHILD;
    }

    /** @return every post-COVID criterion of the patient's age group, by id (CONTRACT.md §2 table) */
    static Map<String, Expected> criteria(Assessment a) {
        PostCovidFacts f = a.postCovid();
        Patient p = a.patient();
        LocalDate date = a.assessmentDate();
        boolean adult = ageGroup(a) == AgeGroup.ADULT;
        Map<String, Expected> c = new TreeMap<>();
        c.put("PC-G2", yesNo(f.otherCausesInvestigated(), true, "postCovid.otherCausesInvestigated"));
        c.put(adult ? "PC-A1" : "PC-C1", yesNo(f.complaintsAttributedToCovid(), true, "postCovid.complaintsAttributedToCovid"));
        LocalDate onset = f.complaintOnsetDate();
        LocalDate reached = onset == null ? null : adult ? onset.plusYears(1) : onset.plusMonths(6);
        c.put(adult ? "PC-A2" : "PC-C2", reached == null ? unknown("postCovid.complaintOnsetDate")
                : known(!reached.isAfter(date)));
        if (adult) {
            c.put("PC-A3", f.bellScore() == null ? unknown("postCovid.bellScore") : known(f.bellScore() <= 60));
        } else if (f.reducedFunctioning() != null) {
            c.put("PC-C3", known(f.reducedFunctioning()));
        } else {
            // CONTRACT.md §10: without the GP's judgement 80 or lower is MET, 100 NOT_MET, 90 UNKNOWN
            c.put("PC-C3", f.bellScore() == null ? unknown("postCovid.bellScore", "postCovid.reducedFunctioning")
                    : f.bellScore() == 90 ? unknown("postCovid.reducedFunctioning") : known(f.bellScore() < 90));
        }
        c.put(adult ? "PC-A4" : "PC-C4", yesNo(f.complaintsFromPreExistingDisease(), false,
                "postCovid.complaintsFromPreExistingDisease"));
        TreatmentPathway pathway = f.treatmentPathway();
        c.put(adult ? "PC-A5" : "PC-C5", pathway == null ? unknown("postCovid.treatmentPathway")
                : known(pathway == TreatmentPathway.COMPLETED || pathway == TreatmentPathway.NOT_POSSIBLE_DUE_TO_SEVERITY));
        c.put("PC-X1", known(f.otherPais() == null || f.otherPais().isEmpty()));
        Boolean gp = p.dutchGeneralPractitioner();
        Boolean insurer = p.dutchHealthInsurance();
        if (Boolean.FALSE.equals(gp) || Boolean.FALSE.equals(insurer)) {
            c.put("PC-X2", known(false));
        } else if (gp == null || insurer == null) {
            List<String> missing = new ArrayList<>();
            if (gp == null) {
                missing.add("patient.dutchGeneralPractitioner");
            }
            if (insurer == null) {
                missing.add("patient.dutchHealthInsurance");
            }
            c.put("PC-X2", unknown(missing.toArray(String[]::new)));
        } else {
            c.put("PC-X2", known(true));
        }
        return c;
    }

    /** @return the outcome CONTRACT.md §1 gives for these criteria */
    static Outcome outcome(Map<String, Expected> criteria) {
        if (criteria.values().stream().anyMatch(e -> e.status() == CriterionStatus.NOT_MET)) {
            return Outcome.NOT_ELIGIBLE;
        }
        return criteria.values().stream().anyMatch(e -> e.status() == CriterionStatus.UNKNOWN)
                ? Outcome.INSUFFICIENT_DATA : Outcome.ELIGIBLE;
    }

    /** @return the sorted union of the criteria's missing facts */
    static List<String> missingFacts(Map<String, Expected> criteria) {
        TreeSet<String> union = new TreeSet<>();
        criteria.values().forEach(e -> union.addAll(e.missingFacts()));
        return List.copyOf(union);
    }

    /** @return the centre CONTRACT.md §2 PC-R offers a patient who is not NOT_ELIGIBLE */
    static ExpectedCentre centre(Assessment a) {
        Centre current = a.postCovid().currentCentre();
        Centre region = a.patient().umcRegion();
        LocalDate date = a.assessmentDate();
        boolean adult = ageGroup(a) == AgeGroup.ADULT;
        if (current != null) {
            return new ExpectedCentre(CentreStatus.OFFERED, List.of(current), "PC-R6", null, List.of("PC-R6"));
        }
        if (!adult && date.isBefore(CHILDREN_CENTRES_OPEN)) { // NONE_YET whatever the region (§2)
            return new ExpectedCentre(CentreStatus.NONE_YET, List.of(), "PC-R1", CHILDREN_CENTRES_OPEN, List.of());
        }
        if (region == null) {
            return new ExpectedCentre(CentreStatus.UNKNOWN, List.of(), adult ? "PC-R3" : "PC-R1", null, List.of());
        }
        if (!adult) {
            return CHILDREN_CENTRES.contains(region)
                    ? new ExpectedCentre(CentreStatus.OFFERED, List.of(region), "PC-R1", null, List.of("PC-R8"))
                    : new ExpectedCentre(CentreStatus.OFFERED, CHILDREN_CENTRES, "PC-R1", null, List.of("PC-R8"));
        }
        if (adultOpen(region, date)) {
            return new ExpectedCentre(CentreStatus.OFFERED, List.of(region), "PC-R3", null, List.of());
        }
        if (date.isBefore(NATIONWIDE_ACCESS)) {
            return new ExpectedCentre(CentreStatus.NONE_YET, List.of(), "PC-R5", NATIONWIDE_ACCESS, List.of());
        }
        Centre interim = switch (region) {
            case UMCG, UMC_UTRECHT -> Centre.AMSTERDAM_UMC;
            case LUMC -> Centre.ERASMUS_MC;
            case RADBOUDUMC -> Centre.MAASTRICHT_UMC;
            default -> throw new IllegalStateException(region + " is always open for adults");
        };
        return new ExpectedCentre(CentreStatus.OFFERED, List.of(interim), "PC-R4", null, List.of("PC-R7"));
    }

    /** CONTRACT.md §2 PC-R2: the adult openings. */
    static boolean adultOpen(Centre centre, LocalDate date) {
        LocalDate opens = switch (centre) {
            case MAASTRICHT_UMC, AMSTERDAM_UMC, ERASMUS_MC -> LocalDate.MIN;
            case LUMC -> LocalDate.of(2025, 6, 1);
            case UMCG -> LocalDate.of(2025, 7, 1);
            case RADBOUDUMC, UMC_UTRECHT -> LocalDate.of(2025, 9, 1);
        };
        return !date.isBefore(opens);
    }

    private static Expected yesNo(Boolean value, boolean metWhen, String path) {
        return value == null ? unknown(path) : known(value == metWhen);
    }

    private static Expected known(boolean met) {
        return new Expected(met ? CriterionStatus.MET : CriterionStatus.NOT_MET, List.of());
    }

    private static Expected unknown(String... paths) {
        return new Expected(CriterionStatus.UNKNOWN, List.copyOf(new TreeSet<>(List.of(paths))));
    }
}
