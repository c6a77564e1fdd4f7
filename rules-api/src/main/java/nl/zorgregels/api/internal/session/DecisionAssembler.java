package nl.zorgregels.api.internal.session;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.internal.kb.Requirements;
import nl.zorgregels.kb.fact.DecisionPart;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.api.internal.kb.AlkOptionTexts;
import nl.zorgregels.api.internal.kb.KbTables;
import nl.zorgregels.api.internal.kb.Messages;
import nl.zorgregels.api.internal.kb.RuleMetadata;
import nl.zorgregels.kb.fact.AlkApplicability;
import nl.zorgregels.kb.fact.AlkOptionAdvice;
import nl.zorgregels.kb.fact.AlkOptionInfo;
import nl.zorgregels.kb.fact.AlkOptionNote;
import nl.zorgregels.kb.fact.AlkSeverityFinding;
import nl.zorgregels.kb.fact.CentreFinding;
import nl.zorgregels.kb.fact.EligibilityOutcome;
import nl.zorgregels.kb.fact.Finding;
import nl.zorgregels.kb.fact.NoteFinding;
import nl.zorgregels.kb.fact.PatientAge;
import nl.zorgregels.kb.fact.SafetyFinding;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.AlkSeverity;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.KnowledgeBaseInfo;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.PostCovidDecision;
import nl.zorgregels.model.Question;
import nl.zorgregels.model.ToMeet;

/**
 * Turns the facts the rules derived into a {@link Decision}: picks them by kind, checks that the
 * rules derived one value where one is expected, orders them and gives them their texts. It names
 * no requirement: which part a criterion or note belongs to, which note is a warning or the age
 * transition, and which adult and child criteria pair up all come from the register
 * ({@code requirements.json}: {@code part}, {@code role}, the positions in {@code decisions}).
 * Immutable and thread-safe.
 */
public final class DecisionAssembler {
    /** The variant of the options requirement's text saying that the option columns are this project's reading of the card. */
    public static final String COLUMN_READING_VARIANT = ".columns";

    private final KnowledgeBaseInfo info;
    private final Messages messages;
    /** The passage of each requirement ({@code seed — passage}): the source of a rule without {@code @source}. */
    private final Map<String, String> sources;
    /** Option texts by option id and variant, made on first use (see {@link #optionTexts}). */
    private final ConcurrentHashMap<String, Map<String, OptionTexts>> optionTexts;
    /** The texts of the options of {@code alk-options.csv}, by option id. */
    private final Map<String, AlkOptionTexts> optionCatalogue;
    /** The position of each requirement in the register ({@code requirements.json}): the order of the safety banner. */
    private final Map<String, Integer> registerOrder;
    /** The part of each criterion some decision expects. */
    private final Map<String, DecisionPart> criterionPart;
    /** The part of each requirement that has one. */
    private final Map<String, String> part;
    /** The notes shown as warnings. */
    private final Set<String> warnings;
    /** The notes of the age transition. */
    private final Set<String> ageTransitions;
    /** Each criterion's counterpart for the other age group: the criterion at the same place of the other list. */
    private final Map<String, String> counterpart;
    /** The requirement of the ALK severity (its id prefixes the severity's text key); null if none. */
    private final String severityId;
    /** The requirement of the ALK options (its id prefixes the columns text); null if none. */
    private final String optionsId;
    /** For messages: the requirements of the age group, of the ALK criteria and of the centre rules. */
    private final String ageGroupIds;
    private final String alkCriteriaIds;
    private final String centreIds;

    /**
     * @param info            the knowledge base's version and checksum
     * @param messages        its message bundles
     * @param sources         the passage of each requirement, iterated in the register's order (the
     *                        order of the safety banner's items)
     * @param optionCatalogue the texts of the ALK options, by option id
     * @param requirements    the register: each requirement's part and role
     * @param expected        the criteria each part and age group decides ({@code decisions})
     */
    public DecisionAssembler(KnowledgeBaseInfo info, Messages messages, Map<String, String> sources,
                             Map<String, AlkOptionTexts> optionCatalogue, List<Requirement> requirements,
                             Map<DecisionPart, Map<AgeGroup, List<String>>> expected) {
        Map<String, DecisionPart> criterionPart = new java.util.HashMap<>();
        Map<String, String> part = new java.util.HashMap<>();
        Map<String, String> counterpart = new java.util.HashMap<>();
        for (Requirement r : requirements) {
            if (!r.part().isEmpty()) {
                part.put(r.id(), r.part());
            }
        }
        this.warnings = Requirements.withRole(requirements, Requirement.Role.WARNING);
        this.ageTransitions = Requirements.withRole(requirements, Requirement.Role.AGE_TRANSITION);
        this.severityId = first(Requirements.ofKind(requirements, Requirement.Kind.SEVERITY, DecisionPart.ALK.name()));
        this.optionsId = first(Requirements.ofKind(requirements, Requirement.Kind.OPTIONS, DecisionPart.ALK.name()));
        this.ageGroupIds = ids(Requirements.ofKind(requirements, Requirement.Kind.AGE_GROUP, ""));
        this.centreIds = ids(Requirements.ofKind(requirements, Requirement.Kind.CENTRE, ""));
        this.alkCriteriaIds = String.join(", ", new java.util.TreeSet<>(expected.getOrDefault(DecisionPart.ALK, Map.of())
                .values().stream().flatMap(List::stream).toList()));
        expected.forEach((p, byGroup) -> {
            byGroup.values().forEach(ids -> ids.forEach(id -> criterionPart.put(id, p)));
            List<List<String>> lists = List.copyOf(byGroup.values());
            for (int a = 0; a < lists.size(); a++) {
                for (int b = 0; b < lists.size(); b++) {
                    List<String> x = lists.get(a);
                    List<String> y = lists.get(b);
                    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                        if (a != b && !x.get(i).equals(y.get(i))) {
                            counterpart.putIfAbsent(x.get(i), y.get(i));
                        }
                    }
                }
            }
        });
        this.criterionPart = Map.copyOf(criterionPart);
        this.part = Map.copyOf(part);
        this.counterpart = Map.copyOf(counterpart);
        Map<String, Integer> order = new java.util.HashMap<>();
        for (String id : sources.keySet()) {
            order.putIfAbsent(id, order.size());
        }
        this.registerOrder = Map.copyOf(order);
        this.optionCatalogue = Map.copyOf(optionCatalogue);
        this.info = info;
        this.messages = messages;
        this.sources = Map.copyOf(sources);
        this.optionTexts = new ConcurrentHashMap<>();
    }

    /** This assembler with its texts' parameters ({@code {param:name}}) in force on one date; shares every table (immutable). */
    private DecisionAssembler(DecisionAssembler of, Messages dated) {
        this.registerOrder = of.registerOrder;
        this.optionCatalogue = of.optionCatalogue;
        this.info = of.info;
        this.messages = dated;
        this.sources = of.sources;
        this.optionTexts = of.optionTexts;
        this.criterionPart = of.criterionPart;
        this.part = of.part;
        this.counterpart = of.counterpart;
        this.warnings = of.warnings;
        this.ageTransitions = of.ageTransitions;
        this.severityId = of.severityId;
        this.optionsId = of.optionsId;
        this.ageGroupIds = of.ageGroupIds;
        this.alkCriteriaIds = of.alkCriteriaIds;
        this.centreIds = of.centreIds;
    }

    /**
     * @param assessment the case
     * @param facts      the facts the rules derived for it
     * @param later      decides the same facts on later dates (for reassessFrom and the age-transition note)
     * @return the decision
     * @throws KnowledgeBaseException if the rules derived something inconsistent
     */
    public Decision decision(Assessment assessment, List<Object> facts, LaterDates later) {
        Messages dated = messages.on(assessment.assessmentDate());
        if (dated != messages) {
            return new DecisionAssembler(this, dated).decision(assessment, facts, later);
        }
        Derived derived = new Derived();
        for (Object fact : facts) {
            derived.add(fact);
        }
        PostCovidDecision postCovid = assessment.postCovid() == null ? null : postCovid(assessment, derived, later);
        AlkAdvice alk = assessment.alk() == null ? null : alk(assessment, derived, later);
        Map<String, Note> shown = new java.util.HashMap<>();
        if (postCovid != null) {
            postCovid.warnings().forEach(n -> shown.putIfAbsent(n.id(), n));
            postCovid.notes().forEach(n -> shown.putIfAbsent(n.id(), n));
        }
        if (alk != null) {
            alk.warnings().forEach(n -> shown.putIfAbsent(n.id(), n));
            alk.notes().forEach(n -> shown.putIfAbsent(n.id(), n));
        }
        return new Decision(info, assessment.assessmentDate(), safety(derived.safety, shown), postCovid, alk);
    }

    /**
     * The safety banner (CONTRACT.md §10): one item per rule that found one, in the order of the
     * requirements register, then by text key; the same id and text twice is one item. An item that
     * shows a note takes that note's text as the decision gives it.
     */
    private List<Note> safety(List<SafetyFinding> found, Map<String, Note> shown) {
        if (found.isEmpty()) {
            return List.of();
        }
        List<SafetyFinding> items = new ArrayList<>(found);
        items.sort(Comparator.comparingInt((SafetyFinding f) -> registerOrder.getOrDefault(f.id(), Integer.MAX_VALUE))
                .thenComparing(SafetyFinding::id).thenComparing(SafetyFinding::messageKey));
        List<Note> safety = new ArrayList<>(items.size());
        for (SafetyFinding f : items) {
            Note note = f.shows() == null ? null : shown.get(f.shows());
            Note item = new Note(f.id(), note != null ? note.message() : messages.format(f.messageKey(), f.facts()),
                    f.source() != null ? f.source() : sources.get(f.id()));
            if (!safety.contains(item)) {
                safety.add(item);
            }
        }
        return safety;
    }

    private static String first(List<Requirement> requirements) {
        return requirements.isEmpty() ? null : requirements.get(0).id();
    }

    private static String ids(List<Requirement> requirements) {
        return String.join(", ", requirements.stream().map(Requirement::id).toList());
    }

    private PostCovidDecision postCovid(Assessment assessment, Derived derived, LaterDates later) {
        PatientAge age = single(derived.ages, "age group (" + ageGroupIds + ")");
        EligibilityOutcome outcome = single(derived.outcomes, "post-COVID outcome");
        TreeSet<String> missing = new TreeSet<>();
        List<CriterionResult> criteria = criteria(derived.findings, DecisionPart.POST_COVID, missing);
        List<NoteFinding> found = new ArrayList<>(derived.notes.size());
        for (NoteFinding n : derived.notes) {
            if (ageTransitions.contains(n.id())) {
                n = ageTransition(assessment, n, derived, later);
            }
            found.add(n);
        }
        List<Note> warnings = notes(found, DecisionPart.POST_COVID, true);
        List<Note> notes = notes(found, DecisionPart.POST_COVID, false);
        CentreOffer centre = null;
        if (outcome.outcome() == Outcome.NOT_ELIGIBLE) {
            // Only the continuity offer is given whatever the outcome: the centre already treating the patient.
            if (derived.centres.size() > 1 || (derived.centres.size() == 1
                    && !derived.centres.get(0).centres().equals(currentCentre(assessment)))) {
                throw new KnowledgeBaseException("the rules offered a centre other than the one already treating the"
                        + " patient to a patient who is not eligible: " + derived.centres);
            }
            centre = derived.centres.isEmpty() ? null : centre(derived.centres.get(0));
        } else {
            centre = centre(single(derived.centres, "centre offered (" + centreIds + ")"));
        }
        LocalDate reassessFrom = outcome.outcome() == Outcome.NOT_ELIGIBLE
                ? later.postCovidReassessFrom(assessment, derived.findings, age) : null;
        return new PostCovidDecision(age.ageGroup(), outcome.outcome(), criteria, List.copyOf(missing),
                questions(missing), reassessFrom, centre, warnings, notes);
    }

    private static List<Centre> currentCentre(Assessment assessment) {
        Centre current = assessment.postCovid().currentCentre();
        return current == null ? List.of() : List.of(current);
    }

    /**
     * The age-transition note (role {@code age-transition}) with the criteria of its part that would
     * differ on the date the adult criteria apply: the same facts decided on that date and on the day
     * before (the last day as a child), so that only the change of age group shows, not the time
     * passing; each adult criterion is compared with the child criterion at the same place of the
     * {@code decisions} lists (CONTRACT.md §2 numbers them in parallel), or of the same id. Without a
     * difference the note's text is its key with {@code .unchanged}.
     */
    private NoteFinding ageTransition(Assessment assessment, NoteFinding note, Derived derived, LaterDates later) {
        Object adultFrom = note.facts().get("adultFrom");
        if (adultFrom == null) {
            throw new KnowledgeBaseException("note " + note.id() + " (role age-transition) gives no fact adultFrom: " + note);
        }
        LocalDate adult = LocalDate.parse(adultFrom.toString());
        LocalDate lastChildDay = adult.minusDays(1);
        List<Finding> then = later.postCovidFindingsOn(assessment, adult);
        List<Finding> before = lastChildDay.isAfter(assessment.assessmentDate())
                ? later.postCovidFindingsOn(assessment, lastChildDay) : derived.findings;
        DecisionPart notePart = DecisionPart.valueOf(part.get(note.id()));
        Map<String, CriterionStatus> now = new java.util.HashMap<>();
        for (Finding f : before) {
            if (criterionPart.get(f.id()) == notePart) {
                now.put(f.id(), f.status());
            }
        }
        TreeSet<String> changed = new TreeSet<>();
        for (Finding f : then) {
            if (criterionPart.get(f.id()) != notePart) {
                continue;
            }
            CriterionStatus child = now.containsKey(f.id()) ? now.get(f.id()) : now.get(counterpart.get(f.id()));
            if (child != f.status()) {
                changed.add(f.id());
            }
        }
        NoteFinding withList = note.withFacts("criteriaThatWouldChange", List.copyOf(changed));
        return changed.isEmpty()
                ? new NoteFinding(withList.id(), withList.messageKey() + ".unchanged", withList.facts(), withList.source())
                : withList;
    }

    /** One question per missing fact, in the order given. */
    private List<Question> questions(Iterable<String> missing) {
        List<Question> questions = new ArrayList<>(4);
        for (String path : missing) {
            questions.add(new Question(path, messages.format(RuleMetadata.QUESTION_PREFIX + path, Map.of())));
        }
        return questions;
    }

    private AlkAdvice alk(Assessment assessment, Derived derived, LaterDates later) {
        AlkApplicability applicability = single(derived.alkOutcomes, "ALK outcome (" + alkCriteriaIds + ")");
        TreeSet<String> missing = new TreeSet<>();
        List<CriterionResult> criteria = criteria(derived.findings, DecisionPart.ALK, missing);
        AlkSeverity severity = null;
        LocalizedText severityMessage = null;
        LocalDate reassessFrom = null;
        if (applicability.outcome() == AlkOutcome.NOT_APPLICABLE) {
            reassessFrom = later.alkReassessFrom(assessment, derived.findings);
            if (!derived.severities.isEmpty() || !derived.options.isEmpty()) {
                throw new KnowledgeBaseException("the rules gave a severity or options where the ALK card does not apply");
            }
        } else {
            AlkSeverityFinding s = single(derived.severities, "ALK severity (" + severityId + ")");
            severity = s.severity();
            if (severityId == null) {
                throw new KnowledgeBaseException("the rules gave an ALK severity, but " + Requirements.FILE
                        + " has no requirement of kind severity and part ALK to give its text");
            }
            severityMessage = messages.format(severityId + "." + severity.name(), Map.of());
            missing.addAll(s.missingFacts());
        }
        List<Listed> listed = new ArrayList<>(24);
        for (AlkOptionAdvice group : derived.options) {
            for (AlkOptionInfo o : group.options()) {
                listed.add(new Listed(o, group.primary(), group.variant()));
            }
        }
        listed.sort(Comparator.comparingInt((Listed l) -> l.option().column().ordinal())
                .thenComparingInt(l -> l.option().cardOrder()));
        List<AlkOption> options = new ArrayList<>(listed.size());
        for (Listed advice : listed) {
            OptionTexts t = optionTexts(advice);
            AlkOptionInfo o = advice.option();
            List<Note> optionNotes = new ArrayList<>(1);
            for (AlkOptionNote n : derived.optionNotes) {
                if (n.optionId().equals(o.id())) {
                    optionNotes.add(new Note(n.id(), messages.format(n.messageKey(), Map.of()), sources.get(n.id())));
                }
            }
            options.add(new AlkOption(o.id(), advice.primary(), o.column(), t.name, t.referral, t.reimbursement,
                    optionNotes, o.source()));
        }
        List<Note> warnings = notes(derived.notes, DecisionPart.ALK, true);
        List<Note> notes = notes(derived.notes, DecisionPart.ALK, false);
        if (!options.isEmpty() && optionsId == null) {
            throw new KnowledgeBaseException("the rules listed ALK options, but " + Requirements.FILE
                    + " has no requirement of kind options and part ALK to give the columns' text");
        }
        return new AlkAdvice(applicability.outcome(), severity, severityMessage, criteria, List.copyOf(missing),
                questions(missing), reassessFrom, options,
                options.isEmpty() ? null : messages.format(optionsId + COLUMN_READING_VARIANT, Map.of()), warnings, notes);
    }

    /**
     * The texts of an option in one variant ({@code adult}, {@code youth}).
     * An option's texts are its row of {@code alk-options.csv} (a youth text the table leaves empty
     * is the adult one), the same in every decision: picked once per option and variant and kept.
     * The option catalogue is part of the knowledge base, so the cache is bounded by it. An option
     * the table does not list, or a variant other than adult and youth, throws here and is not kept.
     */
    private OptionTexts optionTexts(Listed advice) {
        AlkOptionInfo o = advice.option();
        Map<String, OptionTexts> byVariant = optionTexts.computeIfAbsent(o.id(), id -> new ConcurrentHashMap<>(4));
        OptionTexts t = byVariant.get(advice.variant());
        if (t == null) {
            AlkOptionTexts texts = optionCatalogue.get(o.id());
            if (texts == null) {
                throw new KnowledgeBaseException("the rules listed option " + o.id() + ", which "
                        + KbTables.ALK_OPTIONS + " does not list, so it has no texts");
            }
            t = new OptionTexts(texts.name(), texts.referral(advice.variant()), texts.reimbursement(advice.variant()));
            byVariant.putIfAbsent(advice.variant(), t);
        }
        return t;
    }

    /** One option of an {@link AlkOptionAdvice} group, as listed. */
    private record Listed(AlkOptionInfo option, boolean primary, String variant) {
    }

    /** An option's texts in one variant. */
    private record OptionTexts(LocalizedText name, LocalizedText referral, LocalizedText reimbursement) {
    }

    /** The findings of the criteria of a part, by id, with their missing facts added to {@code missing}. */
    private List<CriterionResult> criteria(List<Finding> findings, DecisionPart of, TreeSet<String> missing) {
        List<Finding> part = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (criterionPart.get(f.id()) == of) {
                part.add(f);
            }
        }
        part.sort(Comparator.comparing(Finding::id));
        List<CriterionResult> criteria = new ArrayList<>(part.size());
        for (int i = 0; i < part.size(); i++) {
            Finding f = part.get(i);
            if (i > 0 && part.get(i - 1).id().equals(f.id())) {
                throw new KnowledgeBaseException("the rules gave criterion " + f.id() + " more than one result");
            }
            ToMeet toMeet = f.status() == CriterionStatus.MET ? null
                    : new ToMeet(messages.format(f.messageKey() + RuleMetadata.TO_MEET_SUFFIX, f.facts()), f.facts());
            criteria.add(new CriterionResult(f.id(), f.status(), messages.format(f.messageKey(), f.facts()),
                    f.source() != null ? f.source() : sources.get(f.id()), f.facts(), f.missingFacts(), toMeet));
            missing.addAll(f.missingFacts());
        }
        return criteria;
    }

    /** The notes of a part that are warnings (role warning) or that are not, by id. */
    private List<Note> notes(List<NoteFinding> found, DecisionPart of, boolean warning) {
        List<NoteFinding> part = new ArrayList<>(found.size());
        for (NoteFinding n : found) {
            if (of.name().equals(this.part.get(n.id())) && warnings.contains(n.id()) == warning) {
                part.add(n);
            }
        }
        part.sort(Comparator.comparing(NoteFinding::id));
        List<Note> notes = new ArrayList<>(part.size());
        for (NoteFinding n : part) {
            notes.add(new Note(n.id(), messages.format(n.messageKey(), n.facts()),
                    n.source() != null ? n.source() : sources.get(n.id())));
        }
        return notes;
    }

    private CentreOffer centre(CentreFinding c) {
        List<Note> notes = new ArrayList<>(c.noteIds().size());
        for (String id : c.noteIds()) {
            notes.add(new Note(id, messages.format(id, c.facts()), sources.get(id)));
        }
        return new CentreOffer(c.status(), c.centres(), c.ruleId(), messages.format(c.messageKey(), c.facts()),
                c.availableFrom(), c.missingFacts(), notes);
    }

    private static <T> T single(List<T> facts, String what) {
        if (facts.size() != 1) {
            throw new KnowledgeBaseException("the rules derived " + facts.size() + " values for the " + what
                    + " where exactly one is expected: " + facts);
        }
        return facts.get(0);
    }

    /** The facts the rules derived, by kind. */
    private static final class Derived {
        final List<PatientAge> ages = new ArrayList<>(1);
        final List<EligibilityOutcome> outcomes = new ArrayList<>(1);
        final List<Finding> findings = new ArrayList<>(12);
        final List<NoteFinding> notes = new ArrayList<>(2);
        final List<CentreFinding> centres = new ArrayList<>(1);
        final List<AlkApplicability> alkOutcomes = new ArrayList<>(1);
        final List<AlkSeverityFinding> severities = new ArrayList<>(1);
        final List<AlkOptionAdvice> options = new ArrayList<>(2);
        final List<AlkOptionNote> optionNotes = new ArrayList<>(1);
        final List<SafetyFinding> safety = new ArrayList<>(1);

        void add(Object fact) {
            if (fact instanceof Finding f) {
                findings.add(f);
            } else if (fact instanceof PatientAge a) {
                ages.add(a);
            } else if (fact instanceof EligibilityOutcome o) {
                outcomes.add(o);
            } else if (fact instanceof NoteFinding n) {
                notes.add(n);
            } else if (fact instanceof CentreFinding c) {
                centres.add(c);
            } else if (fact instanceof AlkApplicability a) {
                alkOutcomes.add(a);
            } else if (fact instanceof AlkSeverityFinding s) {
                severities.add(s);
            } else if (fact instanceof AlkOptionAdvice o) {
                options.add(o);
            } else if (fact instanceof AlkOptionNote n) {
                optionNotes.add(n);
            } else if (fact instanceof SafetyFinding f) {
                safety.add(f);
            }
        }
    }
}
