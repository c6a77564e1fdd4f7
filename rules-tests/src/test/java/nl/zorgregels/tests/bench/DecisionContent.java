package nl.zorgregels.tests.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.AlkSeverity;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.PostCovidDecision;

/**
 * What a decision decides, without its texts: outcomes, every criterion's status, the missing
 * facts, the centre offered, the ALK severity and options (with primary flag and, through the
 * option notes, the ALK-H1 variant), and which notes and warnings are given. The plain-Java
 * baseline computes this; {@link #of(Decision)} projects an engine decision onto it, so the two
 * can be compared for equality.
 *
 * @param ageGroup       post-COVID age group, or null without post-COVID facts
 * @param outcome        post-COVID outcome, or null
 * @param criteria       status per criterion id (post-COVID and ALK), sorted by id
 * @param missingFacts   post-COVID missing facts, sorted
 * @param centreStatus   status of the centre offered, or null
 * @param centres        centres offered
 * @param centreRuleId   the PC-R rule that decided the centre, or null
 * @param availableFrom  date from which a centre is open (NONE_YET), or null
 * @param centreNotes    ids of the centre's notes
 * @param notes          ids of the post-COVID notes
 * @param alkOutcome     ALK outcome, or null without ALK facts
 * @param severity       ALK severity, or null
 * @param alkMissing     ALK missing facts, sorted
 * @param options        ALK options in order, each as {@link #option}: id, primary flag and the
 *                       English referral, reimbursement and note texts (which tell the adult texts
 *                       from the youth ones, ALK-Y, and the two ALK-H1 notes apart)
 * @param warnings       ids of the ALK warnings
 * @param alkNotes       ids of the ALK notes
 */
public record DecisionContent(AgeGroup ageGroup, Outcome outcome, Map<String, CriterionStatus> criteria,
                              List<String> missingFacts, CentreStatus centreStatus, List<Centre> centres,
                              String centreRuleId, LocalDate availableFrom, List<String> centreNotes,
                              List<String> notes, AlkOutcome alkOutcome, AlkSeverity severity,
                              List<String> alkMissing, List<String> options,
                              List<String> warnings, List<String> alkNotes) {

    /**
     * @param decision an engine decision
     * @return its content
     */
    public static DecisionContent of(Decision decision) {
        Map<String, CriterionStatus> criteria = new TreeMap<>();
        PostCovidDecision pc = decision.postCovid();
        AlkAdvice alk = decision.alk();
        if (pc != null) {
            pc.criteria().forEach(c -> criteria.put(c.id(), c.status()));
        }
        if (alk != null) {
            alk.criteria().forEach(c -> criteria.put(c.id(), c.status()));
        }
        CentreOffer centre = pc == null ? null : pc.centre();
        List<String> options = new ArrayList<>();
        if (alk != null) {
            for (AlkOption o : alk.options()) {
                options.add(option(o.id(), o.primary(), o.referral().en(), o.reimbursement().en(),
                        o.notes().stream().map(n -> n.id() + ": " + n.message().en()).toList()));
            }
        }
        return new DecisionContent(pc == null ? null : pc.ageGroup(), pc == null ? null : pc.outcome(), criteria,
                pc == null ? List.of() : pc.missingFacts(),
                centre == null ? null : centre.status(), centre == null ? List.of() : centre.centres(),
                centre == null ? null : centre.ruleId(), centre == null ? null : centre.availableFrom(),
                centre == null ? List.of() : ids(centre.notes()), pc == null ? List.of() : ids(pc.notes()),
                alk == null ? null : alk.outcome(), alk == null ? null : alk.severity(),
                alk == null ? List.of() : alk.missingFacts(), options,
                alk == null ? List.of() : ids(alk.warnings()), alk == null ? List.of() : ids(alk.notes()));
    }

    /**
     * @param id            option id
     * @param primary       whether it is primary
     * @param referral      English referral text
     * @param reimbursement English reimbursement text
     * @param notes         the option's notes, as {@code id: English text}
     * @return the option as one line
     */
    static String option(String id, boolean primary, String referral, String reimbursement, List<String> notes) {
        return id + (primary ? "*" : "") + " | " + referral + " | " + reimbursement + " | " + notes;
    }

    private static List<String> ids(List<Note> notes) {
        return notes.stream().map(Note::id).toList();
    }
}
