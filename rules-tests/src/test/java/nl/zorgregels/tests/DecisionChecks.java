package nl.zorgregels.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.zorgregels.model.AgeGroup;
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

/**
 * Compares a decision with a scenario's expectations and with the invariants of SPEC §1, §2 and §5
 * that hold for every decision. Each check adds a readable line to {@code problems} instead of
 * failing at once, so that one run shows every difference of a scenario.
 */
final class DecisionChecks {
    /** The seed document the post-COVID criteria cite (SPEC §2). */
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

    /** The notes every decision that is not NOT_ELIGIBLE carries (SPEC §2). */
    static final List<String> ELIGIBILITY_NOTES = List.of("PC-N1", "PC-N2");

    static final Pattern CHECKSUM = Pattern.compile("sha256:[0-9a-f]{64}");

    /** The centre part's only missing fact (SPEC §2 PC-R); never among the decision's own missing facts. */
    static final String UMC_REGION = "patient.umcRegion";

    /** The input path of the centre already treating the patient (PC-R6). */
    static final String CURRENT_CENTRE = "postCovid.currentCentre";

    /** The ids a centre part may name as its deciding rule (PC-R2 is knowledge, PC-R7 a note). */
    static final Set<String> CENTRE_RULES = Set.of("PC-R1", "PC-R3", "PC-R4", "PC-R5", "PC-R6");

    /** The note that goes with a place outside the own region; it belongs to the centre part. */
    static final String FURTHER_AWAY_NOTE = "PC-R7";

    private DecisionChecks() {
    }

    /**
     * Checks what SPEC §1, §2 and §4 say of every decision, whatever the scenario expects.
     *
     * @param input    the input the decision was made from (JSON shape of SPEC §4)
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

        boolean hasSection = input.hasNonNull("postCovid");
        PostCovidDecision pc = decision.postCovid();
        if (!hasSection) {
            if (pc != null) {
                problems.add("the input has no postCovid section, so there must be no post-COVID decision "
                        + "(SPEC §4), but there is one with outcome " + pc.outcome());
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
                problems.add(where + ": UNKNOWN but names no missing fact (SPEC §1: missing facts are "
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
            problems.add("outcome " + pc.outcome() + " contradicts the criteria: SPEC §1 gives " + implied
                    + " for " + statuses(pc));
        }

        List<String> expectedMissing = new ArrayList<>(union);
        if (!pc.missingFacts().equals(expectedMissing)) {
            problems.add("missingFacts must be the sorted union of the criteria's missing facts " + expectedMissing
                    + " but was " + pc.missingFacts());
        }

        List<String> noteIds = pc.notes().stream().map(Note::id).toList();
        if (pc.outcome() == Outcome.NOT_ELIGIBLE) {
            if (!noteIds.isEmpty()) {
                problems.add("a NOT_ELIGIBLE decision carries no notes (SPEC §2) but has " + noteIds);
            }
        } else if (!noteIds.containsAll(ELIGIBILITY_NOTES)) {
            problems.add("a " + pc.outcome() + " decision carries notes " + ELIGIBILITY_NOTES + " (SPEC §2) but has "
                    + noteIds);
        }
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
     * The centre part (SPEC §2 "Centre offered (PC-R)", §5): present iff the outcome is not
     * NOT_ELIGIBLE; OFFERED iff it lists centres; NONE_YET iff it has availableFrom; UNKNOWN iff
     * its missing facts are [patient.umcRegion], which happens iff the input has neither umcRegion
     * nor currentCentre; patient.umcRegion is never a missing fact of the decision itself.
     */
    private static void centreInvariants(JsonNode input, LocalDate assessmentDate, PostCovidDecision pc,
                                         List<String> problems) {
        if (pc.missingFacts().contains(UMC_REGION)) {
            problems.add("missingFacts must not contain " + UMC_REGION + " (a missing fact of the centre part "
                    + "only, it never changes the outcome; SPEC §2 PC-R) but was " + pc.missingFacts());
        }
        CentreOffer centre = pc.centre();
        if (pc.outcome() == Outcome.NOT_ELIGIBLE) {
            if (centre != null) {
                problems.add("a NOT_ELIGIBLE decision has no centre part (SPEC §2 PC-R: computed when the outcome "
                        + "is not NOT_ELIGIBLE) but has " + describe(centre));
            }
            return;
        }
        if (centre == null) {
            problems.add("a " + pc.outcome() + " decision has a centre part (SPEC §2 PC-R) but there is none");
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
        boolean locatable = isPresent(input, UMC_REGION) || isPresent(input, CURRENT_CENTRE);
        if ((centre.status() == CentreStatus.UNKNOWN) == locatable) {
            problems.add(where + ": the centre is UNKNOWN iff the input has neither " + UMC_REGION + " nor "
                    + CURRENT_CENTRE + " (SPEC §2 PC-R), but the input has " + UMC_REGION + "="
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
        for (Note note : centre.notes()) {
            checkText(note.message(), "centre note " + note.id() + ": message", problems);
        }
    }

    /**
     * Checks a scenario's expectations.
     *
     * @param expect   what the scenario expects
     * @param decision the decision
     * @param problems receives one line per difference, expected vs actual
     */
    static void expectations(Expectation expect, Decision decision, List<String> problems) {
        PostCovidDecision pc = decision.postCovid();
        if (expect.absent()) {
            if (pc != null) {
                problems.add("expected no post-COVID decision but there is one with outcome " + pc.outcome());
            }
            return;
        }
        if (pc == null) {
            problems.add("expected a post-COVID decision with outcome " + expect.outcome() + " but there is none");
            return;
        }
        if (pc.outcome() != expect.outcome()) {
            problems.add("outcome: expected " + expect.outcome() + " but was " + pc.outcome());
        }
        if (expect.ageGroup() != null && pc.ageGroup() != expect.ageGroup()) {
            problems.add("ageGroup: expected " + expect.ageGroup() + " but was " + pc.ageGroup());
        }
        for (Map.Entry<String, Expectation.CriterionExpectation> e : expect.criteria().entrySet()) {
            String id = e.getKey();
            Expectation.CriterionExpectation want = e.getValue();
            CriterionResult c = pc.criterion(id);
            if (c == null) {
                problems.add(id + ": expected " + want.status() + " but the " + pc.ageGroup()
                        + " decision has no such criterion (it has " + ids(pc) + ")");
                continue;
            }
            if (c.status() != want.status()) {
                problems.add(id + ": expected " + want.status() + " but was " + c.status() + message(c));
            }
            if (want.missingFacts() != null
                    && !new TreeSet<>(want.missingFacts()).equals(new TreeSet<>(c.missingFacts()))) {
                problems.add(id + ": expected missing facts " + new TreeSet<>(want.missingFacts()) + " but was "
                        + c.missingFacts() + message(c));
            }
            for (String text : want.messageContains()) {
                if (!c.message().nl().contains(text) || !c.message().en().contains(text)) {
                    problems.add(id + ": expected both messages to contain \"" + text + "\"" + message(c));
                }
            }
        }
        if (expect.otherCriteria() != null) {
            for (CriterionResult c : pc.criteria()) {
                if (!expect.criteria().containsKey(c.id()) && c.status() != expect.otherCriteria()) {
                    problems.add(c.id() + " (otherCriteria): expected " + expect.otherCriteria() + " but was "
                            + c.status() + (c.missingFacts().isEmpty() ? "" : " missing " + c.missingFacts())
                            + message(c));
                }
            }
        }
        if (expect.missingFacts() != null && !pc.missingFacts().equals(expect.missingFacts())) {
            problems.add("missingFacts: expected " + expect.missingFacts() + " but was " + pc.missingFacts());
        }
        if (expect.notes() != null) {
            List<String> noteIds = pc.notes().stream().map(Note::id).toList();
            if (!noteIds.equals(expect.notes())) {
                problems.add("notes: expected " + expect.notes() + " but was " + noteIds);
            }
        }
        if (expect.centre() != null) {
            centreExpectations(expect.centre(), pc.centre(), problems);
        }
    }

    private static void centreExpectations(Expectation.CentreExpectation want, CentreOffer centre,
                                           List<String> problems) {
        if (want.absent()) {
            if (centre != null) {
                problems.add("centre: expected none but was " + describe(centre) + centreMessage(centre));
            }
            return;
        }
        if (centre == null) {
            problems.add("centre: expected status " + want.status() + " but there is no centre part");
            return;
        }
        if (centre.status() != want.status()) {
            problems.add("centre.status: expected " + want.status() + " but was " + centre.status()
                    + centreMessage(centre));
        }
        if (want.centres() != null && !centre.centres().equals(want.centres())) {
            problems.add("centre.centres: expected " + want.centres() + " but was " + centre.centres()
                    + centreMessage(centre));
        }
        if (want.ruleId() != null && !want.ruleId().equals(centre.ruleId())) {
            problems.add("centre.ruleId: expected " + want.ruleId() + " but was " + centre.ruleId()
                    + centreMessage(centre));
        }
        if (want.availableFrom() != null && !want.availableFrom().equals(centre.availableFrom())) {
            problems.add("centre.availableFrom: expected " + want.availableFrom() + " but was "
                    + centre.availableFrom() + centreMessage(centre));
        }
        if (want.missingFacts() != null && !centre.missingFacts().equals(want.missingFacts())) {
            problems.add("centre.missingFacts: expected " + want.missingFacts() + " but was "
                    + centre.missingFacts());
        }
        if (want.notes() != null) {
            List<String> noteIds = centre.notes().stream().map(Note::id).toList();
            if (!noteIds.equals(want.notes())) {
                problems.add("centre.notes: expected " + want.notes() + " but was " + noteIds);
            }
        }
        for (String text : want.messageContains()) {
            if (!centre.message().nl().contains(text) || !centre.message().en().contains(text)) {
                problems.add("centre: expected both messages to contain \"" + text + "\"" + centreMessage(centre));
            }
        }
    }

    /**
     * Checks that two decisions agree on everything a scenario can state: outcome, age group, each
     * criterion's status and missing facts, the decision's missing facts and note ids, and the centre
     * part (status, centres, rule, availableFrom, missing facts, note ids; not the message).
     */
    static void same(Decision decision, Decision other, String otherName, List<String> problems) {
        String mine = signature(decision.postCovid());
        String theirs = signature(other.postCovid());
        if (!mine.equals(theirs)) {
            problems.add("expected the same decision as scenario " + otherName + "\n      that one: " + theirs
                    + "\n      this one: " + mine);
        }
    }

    /** @return a compact, multi-line account of the post-COVID decision for failure messages */
    static String describe(Decision decision) {
        PostCovidDecision pc = decision.postCovid();
        if (pc == null) {
            return "no post-COVID decision";
        }
        StringBuilder b = new StringBuilder();
        b.append(pc.ageGroup()).append(' ').append(pc.outcome())
                .append(", missingFacts ").append(pc.missingFacts())
                .append(", notes ").append(pc.notes().stream().map(Note::id).toList());
        b.append("\n    centre: ").append(pc.centre() == null ? "none" : describe(pc.centre()));
        if (pc.centre() != null) {
            b.append(" — ").append(pc.centre().message().en());
        }
        for (CriterionResult c : pc.criteria()) {
            b.append("\n    ").append(c.id()).append(' ').append(c.status());
            if (!c.missingFacts().isEmpty()) {
                b.append(" missing ").append(c.missingFacts());
            }
            b.append(" — ").append(c.message().en());
        }
        return b.toString();
    }

    private static String signature(PostCovidDecision pc) {
        if (pc == null) {
            return "no post-COVID decision";
        }
        return pc.ageGroup() + " " + pc.outcome() + " "
                + pc.criteria().stream().map(c -> c.id() + "=" + c.status()
                        + (c.missingFacts().isEmpty() ? "" : new TreeSet<>(c.missingFacts()).toString()))
                .collect(Collectors.joining(", ", "[", "]"))
                + " missingFacts " + pc.missingFacts()
                + " notes " + pc.notes().stream().map(Note::id).toList()
                + " centre " + (pc.centre() == null ? "none" : describe(pc.centre()));
    }

    /** @return status, centres, rule, availableFrom, missing facts and note ids of a centre part */
    static String describe(CentreOffer centre) {
        return centre.status() + " " + centre.centres() + " " + centre.ruleId()
                + (centre.availableFrom() == null ? "" : " availableFrom " + centre.availableFrom())
                + (centre.missingFacts().isEmpty() ? "" : " missing " + centre.missingFacts())
                + " notes " + centre.notes().stream().map(Note::id).toList();
    }

    private static String centreMessage(CentreOffer centre) {
        return "\n      centre message en: " + centre.message().en() + "\n      centre message nl: "
                + centre.message().nl();
    }

    private static List<String> ids(PostCovidDecision pc) {
        return pc.criteria().stream().map(CriterionResult::id).toList();
    }

    private static String statuses(PostCovidDecision pc) {
        return pc.criteria().stream().map(c -> c.id() + "=" + c.status()).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String message(CriterionResult c) {
        return "\n      message en: " + c.message().en() + "\n      message nl: " + c.message().nl();
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
}
