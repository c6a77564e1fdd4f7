package nl.zorgregels.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkColumn;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.AlkSeverity;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.KnowledgeBaseInfo;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.PostCovidDecision;
import nl.zorgregels.cli.scenario.ScenarioChecks;

/**
 * Compares a decision with a scenario's expectations and with the invariants of CONTRACT.md §1, §2 and §5
 * that hold for every decision. Each check adds a readable line to {@code problems} instead of
 * failing at once, so that one run shows every difference of a scenario.
 */
final class DecisionChecks {
    /** The seed document the post-COVID criteria cite (CONTRACT.md §2). */
    static final String SOURCE_FILE = "000_b510353f4949bed4.txt";

    /** The criteria of an adult decision, sorted by id (PC-G1 is the age group itself). */
    static final List<String> ADULT_CRITERIA =
            List.of("PC-A1", "PC-A2", "PC-A3", "PC-A4", "PC-A5", "PC-G2", "PC-X1", "PC-X2");

    /** The criteria of a child decision, sorted by id. */
    static final List<String> CHILD_CRITERIA =
            List.of("PC-C1", "PC-C2", "PC-C3", "PC-C4", "PC-C5", "PC-G2", "PC-X1", "PC-X2");

    /** Every criterion id a scenario may name. */
    static final Set<String> KNOWN_CRITERIA = Collections.unmodifiableSet(new TreeSet<>(
            Stream.concat(ADULT_CRITERIA.stream(), CHILD_CRITERIA.stream()).collect(Collectors.toSet())));

    /** The notes every decision that is not NOT_ELIGIBLE carries (CONTRACT.md §2, §9; issue 14 item 5). */
    static final List<String> ELIGIBILITY_NOTES = List.of("PC-N1", "PC-N2", "PC-N4", "PC-N5", "PC-N6");
    /** The note every NOT_ELIGIBLE decision carries: the second opinion (PC-N7). */
    static final String SECOND_OPINION_NOTE = "PC-N7";
    /** The note of a NOT_ELIGIBLE decision by another PAIS (PC-X1): the helpdesk. */
    static final String HELPDESK_NOTE = "PC-N8";
    /** The age-transition note (CONTRACT.md §9): a child within six months of the 18th birthday. */
    static final String AGE_TRANSITION_NOTE = "PC-N3";
    /** The durations, the only criteria for which a later date can help (CONTRACT.md §9 reassessFrom). */
    static final Set<String> DURATIONS = Set.of("PC-A2", "PC-C2");

    static final Pattern CHECKSUM = Pattern.compile("sha256:[0-9a-f]{64}");

    /** The centre part's only missing fact (CONTRACT.md §2 PC-R); never among the decision's own missing facts. */
    static final String UMC_REGION = "patient.umcRegion";

    /** The input path of the centre already treating the patient (PC-R6). */
    static final String CURRENT_CENTRE = "postCovid.currentCentre";

    /** The ids a centre part may name as its deciding rule (PC-R2 is knowledge, PC-R7 a note). */
    static final Set<String> CENTRE_RULES = Set.of("PC-R1", "PC-R3", "PC-R4", "PC-R5", "PC-R6");

    /** The note that goes with a place outside the own region; it belongs to the centre part. */
    static final String FURTHER_AWAY_NOTE = "PC-R7";

    // ---- ALK (CONTRACT.md §3) ----

    /** The seed document the ALK criterion and options cite (CONTRACT.md §3). */
    static final String ALK_SOURCE_FILE = "004_1709dfbc268e60ad.txt";

    /** The criteria of every ALK advice, sorted by id. */
    static final List<String> ALK_CRITERIA = List.of("ALK-D1");

    /** The warning ids an ALK advice may carry (ALK-W1: ME/CFS or PEM). */
    static final Set<String> ALK_WARNINGS = Set.of("ALK-W1");

    /** The note ids an ALK advice may carry (ALK-N1: talking points). */
    static final Set<String> ALK_NOTES = Set.of("ALK-N1", "ALK-N2");

    /** The note of HOOGSPECIALISTISCHE_GGZ (when it is especially indicated). */
    static final String ALK_H1 = "ALK-H1";
    static final String HIGHLY_SPECIALISED = "HOOGSPECIALISTISCHE_GGZ";

    /** The input paths of ALK-D1's facts and of the two severity axes (ALK-S1). */
    static final String ALK_ONSET = "alk.complaintOnsetDate";
    static final String ALK_LIMITS = "alk.limitsFunctioningOrCausesSuffering";
    static final String ALK_PATTERN = "alk.complaintPattern";
    static final String ALK_LIMITATION = "alk.functionalLimitation";

    /**
     * Every option of the card with its column (CONTRACT.md §3 table), by column (MILD, MODERATE, SEVERE,
     * ALL) then card order.
     */
    static final Map<String, String> ALK_OPTION_COLUMNS = alkOptionColumns();

    /** The column order of the options (ALL: the medical specialist, in every column). */
    static final List<String> ALK_COLUMNS = List.of("MILD", "MODERATE", "SEVERE", "ALL");

    /** The ggz options whose referral names the youth routes for a patient under 18 (ALK-Y). */
    static final List<String> YOUTH_GGZ_OPTIONS = List.of("BASIS_GGZ", "SPECIALISTISCHE_GGZ",
            "MULTIDISCIPLINAIRE_SPECIALISTISCHE_GGZ", "HOOGSPECIALISTISCHE_GGZ");

    /** What an adult's referral and reimbursement texts never contain (ALK-Y), lower case. */
    static final List<String> ADULT_NEVER = List.of("jeugdarts", "jeugdwet", "youth", "18");
    /** Referrers a child's referral text never names (CONTRACT.md §9 ALK): elderly-care and company doctors. */
    static final List<String> CHILD_NEVER_REFERS = List.of("ouderengeneeskunde", "bedrijfsarts", "elderly-care",
            "occupational physician", "company");

    private static Map<String, String> alkOptionColumns() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String id : List.of("HUISARTS_POH_GGZ", "FYSIOTHERAPIE", "PSYCHOSOMATISCHE_FYSIOTHERAPIE",
                "OEFENTHERAPIE", "PSYCHOSOMATISCHE_OEFENTHERAPIE", "ERGOTHERAPIE", "DIETETIEK", "LOGOPEDIE",
                "PSYCHOMOTORISCHE_THERAPIE", "SOCIAAL_DOMEIN")) {
            m.put(id, "MILD");
        }
        for (String id : List.of("BASIS_GGZ", "SPECIALISTISCHE_GGZ", "MEDISCHE_PSYCHOLOGIE", "PIJNPOLI")) {
            m.put(id, "MODERATE");
        }
        for (String id : List.of("MEDISCH_SPECIALISTISCHE_REVALIDATIE", "MULTIDISCIPLINAIRE_SPECIALISTISCHE_GGZ",
                "HOOGSPECIALISTISCHE_GGZ")) {
            m.put(id, "SEVERE");
        }
        m.put("MEDISCH_SPECIALIST", "ALL");
        return Collections.unmodifiableMap(m);
    }

    /**
     * @return the ALK outcome ALK-D1's status gives: MET APPLICABLE, NOT_MET NOT_APPLICABLE, UNKNOWN
     *         INSUFFICIENT_DATA
     */
    static AlkOutcome alkOutcomeOf(CriterionStatus d1) {
        return switch (d1) {
            case MET -> AlkOutcome.APPLICABLE;
            case NOT_MET -> AlkOutcome.NOT_APPLICABLE;
            case UNKNOWN -> AlkOutcome.INSUFFICIENT_DATA;
        };
    }

    /**
     * @param severity MILD, MODERATE or SEVERE
     * @return the ids of the options of that advice (CONTRACT.md §3: own column, lower columns, the medical
     *         specialist), in order
     */
    static List<String> alkOptionsFor(AlkSeverity severity) {
        int rank = ALK_COLUMNS.indexOf(severity.name());
        return ALK_OPTION_COLUMNS.entrySet().stream()
                .filter(e -> e.getValue().equals("ALL") || ALK_COLUMNS.indexOf(e.getValue()) <= rank)
                .map(Map.Entry::getKey).toList();
    }

    private DecisionChecks() {
    }

    /**
     * Checks what CONTRACT.md §1, §2 and §4 say of every decision, whatever the scenario expects.
     *
     * @param input    the input the decision was made from (JSON shape of CONTRACT.md §4)
     * @param decision the decision
     * @param problems receives one line per broken invariant
     */
    static void invariants(JsonNode input, Decision decision, List<String> problems) {
        if (!decision.assessmentDate().toString().equals(input.path("assessmentDate").asText())) {
            problems.add("assessmentDate: the decision says " + decision.assessmentDate() + " but the input says "
                    + input.path("assessmentDate").asText());
        }
        KnowledgeBaseInfo kb = decision.knowledgeBase();
        if (kb.version().isBlank()) {
            problems.add("knowledgeBase.version is blank");
        }
        if (!CHECKSUM.matcher(kb.checksum()).matches()) {
            problems.add("knowledgeBase.checksum must match " + CHECKSUM + " but was " + kb.checksum());
        }

        partInvariants(input, decision, problems);
        safety(input, decision, problems);
    }

    /** The invariants of the two parts, without the safety banner (for hand-made decisions in unit tests). */
    static void partInvariants(JsonNode input, Decision decision, List<String> problems) {
        postCovidInvariants(input, decision, problems);
        alkInvariants(input, decision, problems);
    }

    private static void postCovidInvariants(JsonNode input, Decision decision, List<String> problems) {
        boolean hasSection = input.hasNonNull("postCovid");
        PostCovidDecision pc = decision.postCovid();
        if (!hasSection) {
            if (pc != null) {
                problems.add("the input has no postCovid section, so there must be no post-COVID decision "
                        + "(CONTRACT.md §4), but there is one with outcome " + pc.outcome());
            }
            return;
        }
        if (pc == null) {
            problems.add("the input has a postCovid section but there is no post-COVID decision");
            return;
        }

        List<String> ids = pc.criteria().stream().map(CriterionResult::id).toList();
        List<String> expectedIds = pc.ageGroup() == AgeGroup.ADULT ? ADULT_CRITERIA : CHILD_CRITERIA;
        if (!ids.equals(expectedIds)) {
            problems.add("criteria of a " + pc.ageGroup() + " decision must be exactly " + expectedIds
                    + " in this order (sorted by id) but were " + ids);
        }

        boolean anyNotMet = false;
        boolean anyUnknown = false;
        TreeSet<String> union = new TreeSet<>();
        for (CriterionResult c : pc.criteria()) {
            String where = "criterion " + c.id() + " (" + c.status() + ")";
            anyNotMet |= c.status() == CriterionStatus.NOT_MET;
            anyUnknown |= c.status() == CriterionStatus.UNKNOWN;
            union.addAll(c.missingFacts());
            checkText(c.message(), where + ": message", problems);
            if (!c.source().startsWith(SOURCE_FILE)) {
                problems.add(where + ": source must start with " + SOURCE_FILE + " but was \"" + c.source() + "\"");
            }
            if (c.status() == CriterionStatus.UNKNOWN && c.missingFacts().isEmpty()) {
                problems.add(where + ": UNKNOWN but names no missing fact (CONTRACT.md §1: missing facts are "
                        + "reported by their input path)" + message(c));
            }
            if (c.status() != CriterionStatus.UNKNOWN && !c.missingFacts().isEmpty()) {
                problems.add(where + ": only an UNKNOWN criterion names missing facts, but it names "
                        + c.missingFacts() + message(c));
            }
            for (String path : c.missingFacts()) {
                if (isPresent(input, path)) {
                    problems.add(where + ": names " + path + " as missing but the input has it: "
                            + at(input, path) + message(c));
                }
            }
            if (c.id().equals("PC-X1") && c.status() == CriterionStatus.UNKNOWN) {
                problems.add(where + ": PC-X1 is never UNKNOWN (absent otherPais means no other PAIS)" + message(c));
            }
        }

        Outcome implied = anyNotMet ? Outcome.NOT_ELIGIBLE : anyUnknown ? Outcome.INSUFFICIENT_DATA : Outcome.ELIGIBLE;
        if (pc.outcome() != implied) {
            problems.add("outcome " + pc.outcome() + " contradicts the criteria: CONTRACT.md §1 gives " + implied
                    + " for " + statuses(pc));
        }

        List<String> expectedMissing = new ArrayList<>(union);
        if (!pc.missingFacts().equals(expectedMissing)) {
            problems.add("missingFacts must be the sorted union of the criteria's missing facts " + expectedMissing
                    + " but was " + pc.missingFacts());
        }

        List<String> noteIds = pc.notes().stream().map(Note::id).toList();
        List<String> expectedNotes = new ArrayList<>();
        if (pc.outcome() == Outcome.NOT_ELIGIBLE) {
            expectedNotes.add(SECOND_OPINION_NOTE);
            if (pc.criteria().stream().anyMatch(c -> c.id().equals("PC-X1") && c.status() == CriterionStatus.NOT_MET)) {
                expectedNotes.add(HELPDESK_NOTE);
            }
        } else {
            expectedNotes.addAll(ELIGIBILITY_NOTES);
        }
        LocalDate birth = LocalDate.parse(at(input, "patient.birthDate").asText());
        LocalDate adultFrom = birth.plusYears(18);
        if (ChronoUnit.YEARS.between(birth, adultFrom) < 18) {
            adultFrom = adultFrom.plusDays(1); // born on 29 February: 18 on 1 March
        }
        if (pc.ageGroup() == AgeGroup.CHILD && !adultFrom.isAfter(decision.assessmentDate().plusMonths(6))) {
            expectedNotes.add(AGE_TRANSITION_NOTE);
            Note n3 = pc.notes().stream().filter(n -> n.id().equals(AGE_TRANSITION_NOTE)).findFirst().orElse(null);
            String want = adultFrom.toString();
            if (n3 != null && !n3.message().nl().contains(want)) {
                problems.add("note PC-N3 must name the date the adult criteria apply, " + want + ", but says \""
                        + n3.message().nl() + "\"");
            }
        }
        java.util.Collections.sort(expectedNotes);
        if (!noteIds.equals(expectedNotes)) {
            problems.add("a " + pc.outcome() + " decision of a " + pc.ageGroup() + " carries exactly the notes "
                    + expectedNotes + " (CONTRACT.md §2, §9: PC-N1, N2, N4..N6 unless NOT_ELIGIBLE; PC-N7 and with PC-X1"
                    + " not met PC-N8 when NOT_ELIGIBLE; PC-N3 for a child within 6 months of 18) but has " + noteIds);
        }
        nextSteps(input, decision, pc, problems);
        if (!noteIds.equals(noteIds.stream().sorted().toList())) {
            problems.add("notes must be ordered by id but were " + noteIds);
        }
        for (Note note : pc.notes()) {
            checkText(note.message(), "note " + note.id() + ": message", problems);
        }
        if (noteIds.contains(FURTHER_AWAY_NOTE)) {
            problems.add("note " + FURTHER_AWAY_NOTE + " belongs in centre.notes, not in the decision's notes "
                    + noteIds);
        }
        centreInvariants(input, decision.assessmentDate(), pc, problems);
    }

    /**
     * The centre part (CONTRACT.md §2 "Centre offered (PC-R)", §5): present iff the outcome is not
     * NOT_ELIGIBLE; OFFERED iff it lists centres; NONE_YET iff it has availableFrom; UNKNOWN iff
     * its missing facts are [patient.umcRegion], which happens iff the input has neither umcRegion
     * nor currentCentre; patient.umcRegion is never a missing fact of the decision itself.
     */
    private static void centreInvariants(JsonNode input, LocalDate assessmentDate, PostCovidDecision pc,
                                         List<String> problems) {
        if (pc.missingFacts().contains(UMC_REGION)) {
            problems.add("missingFacts must not contain " + UMC_REGION + " (a missing fact of the centre part "
                    + "only, it never changes the outcome; CONTRACT.md §2 PC-R) but was " + pc.missingFacts());
        }
        CentreOffer centre = pc.centre();
        if (pc.outcome() == Outcome.NOT_ELIGIBLE) {
            if (!isPresent(input, CURRENT_CENTRE)) {
                if (centre != null) {
                    problems.add("a NOT_ELIGIBLE decision has no centre part (CONTRACT.md §2 PC-R: computed when the outcome "
                            + "is not NOT_ELIGIBLE) but has " + describe(centre));
                }
                return;
            }
            // CONTRACT.md §9: continuity (PC-R6) whatever the outcome
            if (centre == null || !"PC-R6".equals(centre.ruleId())
                    || !centre.centres().equals(List.of(Centre.valueOf(at(input, CURRENT_CENTRE).asText())))) {
                problems.add("a NOT_ELIGIBLE decision of a patient treated at " + at(input, CURRENT_CENTRE)
                        + " has that centre by PC-R6 (CONTRACT.md §9 continuity) but has "
                        + (centre == null ? "none" : describe(centre)));
                return;
            }
        }
        if (centre == null) {
            problems.add("a " + pc.outcome() + " decision has a centre part (CONTRACT.md §2 PC-R) but there is none");
            return;
        }
        String where = "centre (" + centre.status() + ")";
        checkText(centre.message(), where + ": message", problems);
        if ((centre.status() == CentreStatus.OFFERED) == centre.centres().isEmpty()) {
            problems.add(where + ": centres must be non-empty iff OFFERED but were " + centre.centres()
                    + centreMessage(centre));
        }
        if (centre.centres().stream().distinct().count() != centre.centres().size()) {
            problems.add(where + ": centres must not repeat but were " + centre.centres());
        }
        if ((centre.status() == CentreStatus.NONE_YET) != (centre.availableFrom() != null)) {
            problems.add(where + ": availableFrom must be set iff NONE_YET but was " + centre.availableFrom()
                    + centreMessage(centre));
        }
        if (centre.availableFrom() != null && !centre.availableFrom().isAfter(assessmentDate)) {
            problems.add(where + ": availableFrom " + centre.availableFrom() + " must be after the assessment date "
                    + assessmentDate + centreMessage(centre));
        }
        List<String> expectedMissing = centre.status() == CentreStatus.UNKNOWN ? List.of(UMC_REGION) : List.of();
        if (!centre.missingFacts().equals(expectedMissing)) {
            problems.add(where + ": missingFacts must be " + expectedMissing + " (" + List.of(UMC_REGION)
                    + " iff UNKNOWN) but were " + centre.missingFacts() + centreMessage(centre));
        }
        // a child before the children's centres open: NONE_YET whatever the region (CONTRACT.md §2, CONTRACT.md §10)
        boolean noneOpenForAge = pc.ageGroup() == AgeGroup.CHILD && assessmentDate.isBefore(SpecOracle.CHILDREN_CENTRES_OPEN);
        boolean locatable = isPresent(input, UMC_REGION) || isPresent(input, CURRENT_CENTRE) || noneOpenForAge;
        if ((centre.status() == CentreStatus.UNKNOWN) == locatable) {
            problems.add(where + ": the centre is UNKNOWN iff the input has neither " + UMC_REGION + " nor "
                    + CURRENT_CENTRE + " (CONTRACT.md §2 PC-R), but the input has " + UMC_REGION + "="
                    + at(input, UMC_REGION) + ", " + CURRENT_CENTRE + "=" + at(input, CURRENT_CENTRE)
                    + centreMessage(centre));
        }
        if (!CENTRE_RULES.contains(centre.ruleId())) {
            problems.add(where + ": ruleId must be one of " + new TreeSet<>(CENTRE_RULES) + " but was "
                    + centre.ruleId());
        }
        List<String> centreNotes = centre.notes().stream().map(Note::id).toList();
        if (!centreNotes.isEmpty() && centre.status() != CentreStatus.OFFERED) {
            problems.add(where + ": only an offered place carries notes (PC-R7) but it has " + centreNotes);
        }
        List<String> expectedCentreNotes = centre.status() != CentreStatus.OFFERED ? List.of()
                : switch (centre.ruleId()) {
                    case "PC-R6" -> List.of("PC-R6");
                    case "PC-R4" -> List.of(FURTHER_AWAY_NOTE);
                    case "PC-R1" -> List.of("PC-R8");
                    default -> List.of();
                };
        if (!centreNotes.equals(expectedCentreNotes)) {
            problems.add(where + " by " + centre.ruleId() + ": notes must be " + expectedCentreNotes + " (CONTRACT.md §9:"
                    + " PC-R6 with continuity, PC-R7 with the adult interim offer, PC-R8 with a child's offer) but were "
                    + centreNotes);
        }
        for (Note note : centre.notes()) {
            checkText(note.message(), "centre note " + note.id() + ": message", problems);
        }
    }









    /** @return status, centres, rule, availableFrom, missing facts and note ids of a centre part */
    static String describe(CentreOffer centre) {
        return ScenarioChecks.describe(centre);
    }

    // ---- ALK advice (CONTRACT.md §3, §4, §5) ----

    /**
     * The ALK advice (CONTRACT.md §3 as the team's contract reads it): present iff the input has an alk
     * section; ALK-D1 is the only criterion and follows from the input; the outcome follows from it;
     * the severity follows from the two axes (null iff NOT_APPLICABLE); missing facts are the sorted
     * union of ALK-D1's and the absent axes ALK-S1 needs; the options are exactly those of the
     * severity's column and the lower ones plus the medical specialist, in column then card order,
     * primary iff in the patient's own column (or ALL); texts in both languages; youth routes only for
     * a patient under 18; ALK-H1 on HOOGSPECIALISTISCHE_GGZ alone; ALK-W1 iff meCvsOrPem; ALK-N1 iff
     * APPLICABLE.
     */
    private static void alkInvariants(JsonNode input, Decision decision, List<String> problems) {
        boolean hasSection = input.hasNonNull("alk");
        AlkAdvice alk = decision.alk();
        if (!hasSection) {
            if (alk != null) {
                problems.add("alk: the input has no alk section, so there must be no ALK advice (CONTRACT.md §4), "
                        + "but there is one with outcome " + alk.outcome());
            }
            return;
        }
        if (alk == null) {
            problems.add("alk: the input has an alk section but there is no ALK advice");
            return;
        }
        LocalDate date = decision.assessmentDate();

        // ALK-D1 and the outcome
        List<String> ids = alk.criteria().stream().map(CriterionResult::id).toList();
        if (!ids.equals(ALK_CRITERIA)) {
            problems.add("alk: criteria must be exactly " + ALK_CRITERIA + " but were " + ids);
        }
        TreeSet<String> union = new TreeSet<>();
        for (CriterionResult c : alk.criteria()) {
            String where = "alk criterion " + c.id() + " (" + c.status() + ")";
            union.addAll(c.missingFacts());
            checkText(c.message(), where + ": message", problems);
            if (!c.source().startsWith(ALK_SOURCE_FILE)) {
                problems.add(where + ": source must start with " + ALK_SOURCE_FILE + " but was \"" + c.source() + "\"");
            }
            if (c.status() == CriterionStatus.UNKNOWN && c.missingFacts().isEmpty()) {
                problems.add(where + ": UNKNOWN but names no missing fact" + message(c));
            }
            if (c.status() != CriterionStatus.UNKNOWN && !c.missingFacts().isEmpty()) {
                problems.add(where + ": only an UNKNOWN criterion names missing facts, but it names "
                        + c.missingFacts() + message(c));
            }
            for (String path : c.missingFacts()) {
                if (isPresent(input, path)) {
                    problems.add(where + ": names " + path + " as missing but the input has it: " + at(input, path)
                            + message(c));
                }
            }
        }
        CriterionResult d1 = alkCriterion(alk, "ALK-D1");
        if (d1 != null) {
            CriterionResult want = expectedD1(input, date);
            if (d1.status() != want.status()
                    || !new TreeSet<>(d1.missingFacts()).equals(new TreeSet<>(want.missingFacts()))) {
                problems.add("alk criterion ALK-D1: CONTRACT.md §3 gives " + want.status()
                        + (want.missingFacts().isEmpty() ? "" : " missing " + want.missingFacts()) + " for "
                        + ALK_ONSET + "=" + at(input, ALK_ONSET) + " (+3 months "
                        + (isPresent(input, ALK_ONSET) ? LocalDate.parse(at(input, ALK_ONSET).asText()).plusMonths(3)
                        : "?") + ", assessmentDate " + date + "), " + ALK_LIMITS + "=" + at(input, ALK_LIMITS)
                        + ", but it is " + d1.status() + (d1.missingFacts().isEmpty() ? "" : " missing "
                        + d1.missingFacts()) + message(d1));
            }
            if (alk.outcome() != alkOutcomeOf(d1.status())) {
                problems.add("alk: outcome " + alk.outcome() + " contradicts ALK-D1 " + d1.status()
                        + " (CONTRACT.md §3 gives " + alkOutcomeOf(d1.status()) + ")");
            }
        }

        // ALK-S1 and the missing facts
        SeverityFinding s1 = expectedSeverity(input);
        if (alk.outcome() == AlkOutcome.NOT_APPLICABLE) {
            if (alk.severity() != null) {
                problems.add("alk: a NOT_APPLICABLE advice has no severity (null) but it is " + alk.severity());
            }
        } else {
            if (alk.severity() == null) {
                problems.add("alk: a " + alk.outcome() + " advice has a severity (MILD, MODERATE, SEVERE or UNKNOWN) "
                        + "but it is null");
            } else if (alk.severity() != s1.severity()) {
                problems.add("alk: severity must be " + s1.severity() + " (ALK-S1: the higher axis; " + ALK_PATTERN
                        + "=" + at(input, ALK_PATTERN) + ", " + ALK_LIMITATION + "=" + at(input, ALK_LIMITATION)
                        + ") but was " + alk.severity());
            }
            union.addAll(s1.missingAxes());
        }
        List<String> expectedMissing = new ArrayList<>(union);
        if (!alk.missingFacts().equals(expectedMissing)) {
            problems.add("alk: missingFacts must be the sorted union of ALK-D1's missing facts and the absent axes "
                    + "ALK-S1 needs " + expectedMissing + " but was " + alk.missingFacts());
        }

        // options (ALK-T, ALK-Y, ALK-H1)
        List<String> optionIds = alk.options().stream().map(AlkOption::id).toList();
        boolean listsOptions = alk.outcome() == AlkOutcome.APPLICABLE && alk.severity() != null
                && alk.severity() != AlkSeverity.UNKNOWN;
        List<String> expectedOptions = listsOptions ? alkOptionsFor(alk.severity()) : List.of();
        if (!optionIds.equals(expectedOptions)) {
            problems.add("alk: options must be " + (listsOptions ? "those of a " + alk.severity() + " advice ("
                    + expectedOptions.size() + ", by column then card order) " + expectedOptions
                    : "empty (only an APPLICABLE advice with a known severity lists options)") + " but were "
                    + optionIds.size() + " " + optionIds);
        }
        boolean child = isMinor(input, date);
        for (AlkOption o : alk.options()) {
            String where = "alk option " + o.id();
            String column = ALK_OPTION_COLUMNS.get(o.id());
            if (column != null && !column.equals(o.column().name())) {
                problems.add(where + ": column must be " + column + " (CONTRACT.md §3) but was " + o.column());
            }
            if (alk.severity() != null) {
                boolean primary = o.column() == AlkColumn.ALL || o.column().name().equals(alk.severity().name());
                if (o.primary() != primary) {
                    problems.add(where + " (" + o.column() + "): primary must be " + primary + " in a "
                            + alk.severity() + " advice but was " + o.primary());
                }
            }
            checkText(o.name(), where + ": name", problems);
            checkText(o.referral(), where + ": referral", problems);
            checkText(o.reimbursement(), where + ": reimbursement", problems);
            if (!o.source().startsWith(ALK_SOURCE_FILE)) {
                problems.add(where + ": source must start with " + ALK_SOURCE_FILE + " but was \"" + o.source() + "\"");
            }
            for (Note note : o.notes()) {
                checkText(note.message(), where + " note " + note.id() + ": message", problems);
            }
            List<String> noteIds = o.notes().stream().map(Note::id).toList();
            if (o.id().equals(HIGHLY_SPECIALISED) && !noteIds.equals(List.of(ALK_H1))) {
                problems.add(where + ": notes must be exactly [" + ALK_H1 + "] (ALK-H1) but were " + noteIds);
            }
            if (!o.id().equals(HIGHLY_SPECIALISED) && noteIds.contains(ALK_H1)) {
                problems.add(where + ": " + ALK_H1 + " is a note of " + HIGHLY_SPECIALISED
                        + " only, but this option has " + noteIds);
            }
            if (child && YOUTH_GGZ_OPTIONS.contains(o.id())) {
                for (String[] t : new String[][] {{"nl", "jeugdarts"}, {"nl", "wijkteam"}, {"en", "youth doctor"},
                        {"en", "district team"}}) {
                    if (!lower(o.referral().in(t[0])).contains(t[1])) {
                        problems.add(where + ": for a patient under 18 the " + t[0] + " referral names \"" + t[1]
                                + "\" (ALK-Y) but was: " + o.referral().in(t[0]));
                    }
                }
            }
            if (child) {
                // CONTRACT.md §9: a patient under 18 is referred by GP, medical specialist, youth doctor or district team
                for (String never : CHILD_NEVER_REFERS) {
                    if (lower(o.referral().nl() + "\n" + o.referral().en()).contains(never)) {
                        problems.add(where + ": a child's referral never names \"" + never + "\" (CONTRACT.md §9 ALK) but was: "
                                + o.referral().nl() + " | " + o.referral().en());
                    }
                }
            }
            if (!child) {
                for (String lang : List.of("nl", "en")) {
                    String text = lower(o.referral().in(lang) + "\n" + o.reimbursement().in(lang));
                    for (String never : ADULT_NEVER) {
                        if (text.contains(never)) {
                            problems.add(where + ": an adult's " + lang + " referral/reimbursement never mentions \""
                                    + never + "\" (ALK-Y) but was: " + o.referral().in(lang) + " | "
                                    + o.reimbursement().in(lang));
                        }
                    }
                }
            }
        }

        // ALK-W1, ALK-N1
        List<String> warningIds = alk.warnings().stream().map(Note::id).toList();
        boolean meCvs = meCvsOrPemRecorded(input);
        List<String> expectedWarnings = meCvs ? List.of("ALK-W1") : List.of();
        if (!warningIds.equals(expectedWarnings)) {
            problems.add("alk: warnings must be " + expectedWarnings + " (ALK-W1 iff alk.meCvsOrPem is true or"
                    + " postCovid.otherPais has ME_CVS, CONTRACT.md §10; they are " + at(input, "alk.meCvsOrPem")
                    + ", " + at(input, "postCovid.otherPais") + ") but were " + warningIds);
        }
        for (AlkOption o : alk.options()) {
            boolean caution = o.notes().stream().anyMatch(n -> n.id().equals("ALK-W1"));
            if (caution != (meCvs && EXERTION_OPTIONS.contains(o.id()))) {
                problems.add("alk option " + o.id() + ": the ALK-W1 caution must be on an option that asks for exertion"
                        + " exactly when ME/CVS or PEM is recorded (CONTRACT.md §10) but was " + (caution ? "" : "not ")
                        + "there");
            }
        }
        List<String> noteIds = alk.notes().stream().map(Note::id).toList();
        LocalDate onset = isPresent(input, ALK_ONSET) ? LocalDate.parse(at(input, ALK_ONSET).asText()) : null;
        boolean tooShort = onset != null && onset.plusMonths(3).isAfter(decision.assessmentDate());
        List<String> expectedNotes = alk.outcome() == AlkOutcome.APPLICABLE ? List.of("ALK-N1")
                : tooShort ? List.of("ALK-N2") : List.of();
        if (!noteIds.equals(expectedNotes)) {
            problems.add("alk: notes must be " + expectedNotes + " (ALK-N1 iff APPLICABLE, ALK-N2 iff the complaints"
                    + " last less than three months) for a " + alk.outcome() + " advice but were " + noteIds);
        }
        if ((alk.columnReading() == null) != alk.options().isEmpty()) {
            problems.add("alk: columnReading (the columns are the project's reading of the card, CONTRACT.md §9) must be"
                    + " given iff there are options, but was " + alk.columnReading());
        } else if (alk.columnReading() != null) {
            checkText(alk.columnReading(), "alk: columnReading", problems);
        }
        if ((alk.severityMessage() == null) != (alk.severity() == null)) {
            problems.add("alk: severityMessage must be given iff there is a severity (CONTRACT.md §9) but was "
                    + alk.severityMessage() + " with severity " + alk.severity());
        }
        boolean notLimiting = at(input, "alk.limitsFunctioningOrCausesSuffering").isBoolean()
                && !at(input, "alk.limitsFunctioningOrCausesSuffering").asBoolean();
        LocalDate expectedReassess = alk.outcome() == AlkOutcome.NOT_APPLICABLE && tooShort && !notLimiting
                && !onset.plusMonths(3).isAfter(decision.assessmentDate().plusYears(2)) ? onset.plusMonths(3) : null;
        if (!java.util.Objects.equals(alk.reassessFrom(), expectedReassess)) {
            problems.add("alk: reassessFrom must be " + expectedReassess + " (onset + 3 months when the card does not"
                    + " apply only because the complaints are too recent; CONTRACT.md §9) but was " + alk.reassessFrom());
        }
        List<String> asked = alk.questions().stream().map(q -> q.fact()).toList();
        if (!asked.equals(alk.missingFacts())) {
            problems.add("alk: questions must be one per missing fact, in missingFacts order " + alk.missingFacts()
                    + " but were for " + asked);
        }
        for (Note n : alk.warnings()) {
            checkText(n.message(), "alk warning " + n.id() + ": message", problems);
        }
        for (Note n : alk.notes()) {
            checkText(n.message(), "alk note " + n.id() + ": message", problems);
        }
    }

    /** @return ALK-D1 as CONTRACT.md §3 decides it from the input (message and source left empty) */
    static CriterionResult expectedD1(JsonNode input, LocalDate date) {
        LocalDate onset = isPresent(input, ALK_ONSET) ? LocalDate.parse(at(input, ALK_ONSET).asText()) : null;
        JsonNode limits = at(input, ALK_LIMITS);
        boolean shortDuration = onset != null && onset.plusMonths(3).isAfter(date);
        boolean notLimiting = limits.isBoolean() && !limits.booleanValue();
        List<String> missing = new ArrayList<>();
        if (onset == null) {
            missing.add(ALK_ONSET);
        }
        if (!limits.isBoolean()) {
            missing.add(ALK_LIMITS);
        }
        CriterionStatus status = shortDuration || notLimiting ? CriterionStatus.NOT_MET
                : missing.isEmpty() ? CriterionStatus.MET : CriterionStatus.UNKNOWN;
        return new CriterionResult("ALK-D1", status, new LocalizedText("", ""), "", Map.of(),
                status == CriterionStatus.UNKNOWN ? missing : List.of());
    }

    /**
     * @param severity    what ALK-S1 gives
     * @param missingAxes the absent axes it needs (only when UNKNOWN)
     */
    record SeverityFinding(AlkSeverity severity, List<String> missingAxes) {
    }

    /** @return the severity ALK-S1 gives for the input's axes */
    static SeverityFinding expectedSeverity(JsonNode input) {
        AlkSeverity pattern = switch (at(input, ALK_PATTERN).asText("")) {
            case "ONE_OR_FEW" -> AlkSeverity.MILD;
            case "MULTIPLE" -> AlkSeverity.MODERATE;
            case "SEVERE" -> AlkSeverity.SEVERE;
            default -> null;
        };
        AlkSeverity limitation = switch (at(input, ALK_LIMITATION).asText("")) {
            case "LIGHT" -> AlkSeverity.MILD;
            case "MODERATE" -> AlkSeverity.MODERATE;
            case "SEVERE" -> AlkSeverity.SEVERE;
            default -> null;
        };
        if (pattern != null && limitation != null) {
            return new SeverityFinding(pattern.compareTo(limitation) >= 0 ? pattern : limitation, List.of());
        }
        if (pattern == AlkSeverity.SEVERE || limitation == AlkSeverity.SEVERE) {
            return new SeverityFinding(AlkSeverity.SEVERE, List.of());
        }
        List<String> missing = new ArrayList<>();
        if (pattern == null) {
            missing.add(ALK_PATTERN);
        }
        if (limitation == null) {
            missing.add(ALK_LIMITATION);
        }
        return new SeverityFinding(AlkSeverity.UNKNOWN, missing);
    }

    /**
     * @return whether the patient is under 18 on the assessment date, in full years as the knowledge
     *         base counts them (PC-G1): born on 29 February, 18 on 1 March of a non-leap year (as
     *         {@link SpecOracle#ageGroup}); {@code plusYears(18)} would make that patient an adult on
     *         28 February, a day early
     */
    static boolean isMinor(JsonNode input, LocalDate date) {
        JsonNode birth = at(input, "patient.birthDate");
        return birth.isTextual() && java.time.temporal.ChronoUnit.YEARS.between(LocalDate.parse(birth.asText()), date) < 18;
    }



    /** @return an option's name, referral, reimbursement and note messages in one language, one per line */
    static String optionText(AlkOption o, String lang) {
        return ScenarioChecks.optionText(o, lang);
    }








    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static String centreMessage(CentreOffer centre) {
        return "\n      centre message en: " + centre.message().en() + "\n      centre message nl: "
                + centre.message().nl();
    }


    private static String statuses(PostCovidDecision pc) {
        return pc.criteria().stream().map(c -> c.id() + "=" + c.status()).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String message(CriterionResult c) {
        return "\n      message en: " + c.message().en() + "\n      message nl: " + c.message().nl();
    }

    /**
     * CONTRACT.md §9 on a post-COVID decision: toMeet iff a criterion is not MET, with both texts; one
     * question per missing fact in that order; reassessFrom only on a NOT_ELIGIBLE decision whose
     * NOT_MET criteria are all durations, and then after the assessment date and within two years;
     * PC-W1 exactly when a child's GP judgement and Bell score point different ways.
     */
    private static void nextSteps(JsonNode input, Decision decision, PostCovidDecision pc, List<String> problems) {
        for (CriterionResult c : pc.criteria()) {
            if ((c.toMeet() == null) != (c.status() == CriterionStatus.MET)) {
                problems.add("criterion " + c.id() + " (" + c.status() + "): toMeet must be given iff not MET (CONTRACT.md §9)"
                        + " but was " + c.toMeet());
            } else if (c.toMeet() != null) {
                checkText(c.toMeet().message(), "criterion " + c.id() + ": toMeet", problems);
            }
        }
        List<String> asked = pc.questions().stream().map(q -> q.fact()).toList();
        if (!asked.equals(pc.missingFacts())) {
            problems.add("questions must be one per missing fact, in missingFacts order " + pc.missingFacts()
                    + " (CONTRACT.md §9) but were for " + asked);
        }
        pc.questions().forEach(q -> checkText(q.question(), "question for " + q.fact(), problems));
        if (pc.reassessFrom() != null) {
            boolean onlyDurations = pc.outcome() == Outcome.NOT_ELIGIBLE && pc.criteria().stream()
                    .filter(c -> c.status() == CriterionStatus.NOT_MET).allMatch(c -> DURATIONS.contains(c.id()));
            if (!onlyDurations) {
                problems.add("reassessFrom " + pc.reassessFrom() + " is only given on a NOT_ELIGIBLE decision whose"
                        + " NOT_MET criteria are all durations (CONTRACT.md §9), not on " + statuses(pc));
            }
            if (!pc.reassessFrom().isAfter(decision.assessmentDate())
                    || pc.reassessFrom().isAfter(decision.assessmentDate().plusYears(2))) {
                problems.add("reassessFrom " + pc.reassessFrom() + " must be after the assessment date and at most"
                        + " two years later (CONTRACT.md §9)");
            }
        }
        boolean judged = isPresent(input, "postCovid.reducedFunctioning");
        boolean bell = isPresent(input, "postCovid.bellScore");
        boolean inconsistent = pc.ageGroup() == AgeGroup.CHILD && judged && bell
                && (at(input, "postCovid.reducedFunctioning").asBoolean()
                        ? at(input, "postCovid.bellScore").asInt() >= 90
                        : at(input, "postCovid.bellScore").asInt() <= 60);
        List<String> warnings = pc.warnings().stream().map(Note::id).toList();
        if (!warnings.equals(inconsistent ? List.of("PC-W1") : List.of())) {
            problems.add("warnings must be " + (inconsistent ? "[PC-W1]" : "[]") + " (issue 14 item 3: a child's"
                    + " reducedFunctioning true with Bell 90 or 100, or false with Bell 60 or lower; CONTRACT.md §10) but were "
                    + warnings);
        }
        pc.warnings().forEach(w -> checkText(w.message(), "warning " + w.id(), problems));
    }

    /** The options that ask for physical exertion (alk-options.csv's asksExertion, CONTRACT.md §10). */
    static final Set<String> EXERTION_OPTIONS = Set.of("FYSIOTHERAPIE", "PSYCHOSOMATISCHE_FYSIOTHERAPIE", "OEFENTHERAPIE",
            "PSYCHOSOMATISCHE_OEFENTHERAPIE", "PSYCHOMOTORISCHE_THERAPIE", "MEDISCH_SPECIALISTISCHE_REVALIDATIE");

    /** @return whether either section records ME/CVS or PEM (CONTRACT.md §10, one clinical picture) */
    static boolean meCvsOrPemRecorded(JsonNode input) {
        return at(input, "alk.meCvsOrPem").asBoolean(false) || meCvsAsOtherPais(input);
    }

    /** @return whether postCovid.otherPais lists ME_CVS */
    static boolean meCvsAsOtherPais(JsonNode input) {
        JsonNode pais = at(input, "postCovid.otherPais");
        if (pais != null && pais.isArray()) {
            for (JsonNode p : pais) {
                if (p.asText().equals("ME_CVS")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The safety banner (CONTRACT.md §10): SAFE-CONFLICT iff ME_CVS in postCovid.otherPais and
     * alk.meCvsOrPem false; SAFE-DATA iff PC-W1; SAFE-MECVS iff either section records ME/CVS or PEM;
     * SAFE-AGE iff PC-N3; SAFE-TREATMENT iff currentCentre; every item with both texts and a source.
     */
    static void safety(JsonNode input, Decision decision, List<String> problems) {
        List<String> ids = decision.safety().stream().map(Note::id).toList();
        PostCovidDecision pc = decision.postCovid();
        boolean postCovid = isPresent(input, "postCovid");
        Map<String, Boolean> expected = new java.util.LinkedHashMap<>();
        expected.put("SAFE-CONFLICT", postCovid && meCvsAsOtherPais(input) && isPresent(input, "alk.meCvsOrPem")
                && !at(input, "alk.meCvsOrPem").asBoolean());
        expected.put("SAFE-DATA", pc != null && pc.warnings().stream().anyMatch(w -> w.id().equals("PC-W1")));
        expected.put("SAFE-MECVS", (postCovid && meCvsAsOtherPais(input))
                || (isPresent(input, "alk") && at(input, "alk.meCvsOrPem").asBoolean(false)));
        expected.put("SAFE-AGE", pc != null && pc.notes().stream().anyMatch(n -> n.id().equals("PC-N3")));
        expected.put("SAFE-TREATMENT", postCovid && isPresent(input, "postCovid.currentCentre"));
        expected.forEach((id, shown) -> {
            if (ids.contains(id) != shown) {
                problems.add("safety: " + id + " must " + (shown ? "" : "not ") + "be in the banner (CONTRACT.md §10)"
                        + " but the banner is " + ids);
            }
        });
        if (ids.size() != new java.util.HashSet<>(ids).size()) {
            problems.add("safety: an id is listed twice: " + ids);
        }
        for (Note item : decision.safety()) {
            checkText(item.message(), "safety item " + item.id(), problems);
            if (item.source() == null || item.source().isBlank()) {
                problems.add("safety item " + item.id() + " has no source");
            }
        }
    }

    private static void checkText(LocalizedText text, String where, List<String> problems) {
        if (text.nl().isBlank()) {
            problems.add(where + " in Dutch (nl) is blank");
        }
        if (text.en().isBlank()) {
            problems.add(where + " in English (en) is blank");
        }
    }

    /** @return whether the input has a non-null value at a dotted path such as {@code postCovid.bellScore} */
    private static boolean isPresent(JsonNode input, String path) {
        JsonNode node = at(input, path);
        return !node.isMissingNode() && !node.isNull();
    }

    private static JsonNode at(JsonNode input, String path) {
        JsonNode node = input;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static CriterionResult alkCriterion(AlkAdvice alk, String id) {
        return alk.criteria().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

}
