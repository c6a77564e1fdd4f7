package nl.zorgregels.api.internal.session;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.kb.fact.AlkApplicability;
import nl.zorgregels.kb.fact.DecisionPart;
import nl.zorgregels.kb.fact.Finding;
import nl.zorgregels.kb.fact.PatientAge;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.InvalidInputException;

/**
 * Decides the same facts on later dates, for what a decision says about the future (CONTRACT.md §9):
 * {@code reassessFrom} and the criteria that would change at the 18th birthday (PC-N3). Every
 * answer is the engine's own: this class only picks the dates to try and reruns the rules on them;
 * it judges no criterion.
 *
 * <p>The dates tried are the dates on which a result can change: the {@code durationReachedOn} of a
 * NOT_MET result (the rules give it with every duration criterion) and the day the patient becomes
 * an adult ({@link PatientAge#adultFrom()}, from the PC-G1 rules). Between two such dates the rules
 * see the same facts and give the same results, so the earliest date with no NOT_MET result is
 * one of them. The search goes at most {@link #HORIZON} beyond the assessment date and stops at the
 * first NOT_MET result that is not a duration. Immutable and thread-safe if {@code derive} is.
 */
public final class LaterDates {
    /** How far ahead {@code reassessFrom} is searched (CONTRACT.md §9: within two years). */
    public static final Period HORIZON = Period.ofYears(2);
    /** The fact a duration criterion's result gives: the date the duration is reached. */
    public static final String DURATION_REACHED_ON = "durationReachedOn";
    /** More steps than change points exist (child duration, 18th birthday, adult duration). */
    private static final int MAX_STEPS = 8;

    private final Function<Assessment, List<Object>> derive;
    /** The part each requirement belongs to ({@code part} in requirements.json), by id. */
    private final Map<String, String> partOf;

    /**
     * @param derive runs the rules on an assessment and returns the derived facts
     * @param requirements the register, whose {@code part} says which criteria each part's
     *                     {@code reassessFrom} looks at
     */
    public LaterDates(Function<Assessment, List<Object>> derive, List<Requirement> requirements) {
        this.derive = Objects.requireNonNull(derive, "derive");
        Map<String, String> parts = new java.util.HashMap<>();
        for (Requirement r : requirements) {
            if (!r.part().isEmpty()) {
                parts.put(r.id(), r.part());
            }
        }
        this.partOf = Map.copyOf(parts);
    }

    private LaterDates() {
        this.derive = null;
        this.partOf = Map.of();
    }

    private boolean of(Finding f, DecisionPart part) {
        return part.name().equals(partOf.get(f.id()));
    }

    /**
     * Later dates not decided: no {@code reassessFrom}, and PC-N3 without the criteria that would
     * change. For {@link ScreeningDecisions} only, whose decisions are never shown in full.
     *
     * @return the instance that tries no later date
     */
    public static LaterDates none() {
        return NONE;
    }

    private static final LaterDates NONE = new LaterDates();

    /**
     * @param assessment the case (its post-COVID part NOT_ELIGIBLE)
     * @param findings   the results the rules derived for it
     * @param age        its age group
     * @return the earliest later date within the horizon on which the same facts give no post-COVID
     *         criterion NOT_MET, or null when a NOT_MET result is not a duration or no such date exists
     */
    public LocalDate postCovidReassessFrom(Assessment assessment, List<Finding> findings, PatientAge age) {
        if (derive == null) {
            return null;
        }
        LocalDate horizon = assessment.assessmentDate().plus(HORIZON);
        LocalDate date = assessment.assessmentDate();
        List<Finding> current = findings;
        LocalDate adultFrom = age.adultFrom();
        for (int step = 0; step < MAX_STEPS; step++) {
            LocalDate next = null;
            boolean anyNotMet = false;
            for (Finding f : current) {
                if (!of(f, DecisionPart.POST_COVID) || f.status() != CriterionStatus.NOT_MET) {
                    continue;
                }
                anyNotMet = true;
                LocalDate reached = durationReachedOn(f);
                if (reached == null || !reached.isAfter(date)) {
                    return null; // not a duration: no later date changes it
                }
                next = earlier(next, reached);
            }
            if (!anyNotMet) {
                return step == 0 ? null : date;
            }
            if (adultFrom != null && adultFrom.isAfter(date)) {
                next = earlier(next, adultFrom);
            }
            if (next.isAfter(horizon)) {
                return null;
            }
            Assessment then = on(assessment, next, true);
            if (then == null) {
                return null;
            }
            List<Object> facts = derive.apply(then);
            current = findings(facts);
            adultFrom = adultFrom(facts);
            date = next;
        }
        return null;
    }

    /**
     * @param assessment the case
     * @param date       a later date
     * @return the post-COVID results the same facts give on that date; empty if the case cannot be
     *         decided on that date (an age over the limit)
     */
    public List<Finding> postCovidFindingsOn(Assessment assessment, LocalDate date) {
        if (derive == null) {
            return List.of();
        }
        Assessment then = on(assessment, date, true);
        return then == null ? List.of() : findings(derive.apply(then));
    }

    /**
     * @param assessment the case (its ALK part NOT_APPLICABLE)
     * @param findings   the results the rules derived for it
     * @return the date the ALK-D1 duration is reached, if on that date the same facts no longer make
     *         the card NOT_APPLICABLE and it is within the horizon; null otherwise
     */
    public LocalDate alkReassessFrom(Assessment assessment, List<Finding> findings) {
        if (derive == null) {
            return null;
        }
        LocalDate reached = null;
        for (Finding f : findings) {
            if (of(f, DecisionPart.ALK) && f.status() == CriterionStatus.NOT_MET) {
                LocalDate r = durationReachedOn(f);
                if (r == null || !r.isAfter(assessment.assessmentDate())) {
                    return null;
                }
                reached = earlier(reached, r);
            }
        }
        if (reached == null || reached.isAfter(assessment.assessmentDate().plus(HORIZON))) {
            return null;
        }
        Assessment then = on(assessment, reached, false);
        if (then == null) {
            return null;
        }
        for (Object fact : derive.apply(then)) {
            if (fact instanceof AlkApplicability a && a.outcome() != AlkOutcome.NOT_APPLICABLE) {
                return reached;
            }
        }
        return null;
    }

    /** The same facts on another date, with only the part asked for; null if not a valid case then. */
    private static Assessment on(Assessment a, LocalDate date, boolean postCovid) {
        try {
            return new Assessment(date, a.patient(), postCovid ? a.postCovid() : null, postCovid ? null : a.alk());
        } catch (InvalidInputException e) {
            return null; // e.g. an age over the accepted maximum on that date: no decision then
        }
    }

    private static LocalDate durationReachedOn(Finding f) {
        Object reached = f.facts().get(DURATION_REACHED_ON);
        return reached == null ? null : LocalDate.parse(reached.toString());
    }

    private static List<Finding> findings(List<Object> facts) {
        List<Finding> found = new ArrayList<>(16);
        for (Object fact : facts) {
            if (fact instanceof Finding f) {
                found.add(f);
            }
        }
        return found;
    }

    private static LocalDate adultFrom(List<Object> facts) {
        for (Object fact : facts) {
            if (fact instanceof PatientAge age) {
                return age.adultFrom();
            }
        }
        return null;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
