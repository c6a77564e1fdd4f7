package nl.zorgregels.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.internal.kb.Requirements;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.PostCovidDecision;
import nl.zorgregels.model.Question;

/**
 * A decision as a report for the GP, in Dutch or English (CONTRACT.md §9 "Text report"): per part the
 * outcome and the criteria that decide it first, then what to do next ({@code toMeet},
 * {@code reassessFrom}, {@code questions}), then the rest; centres by name; sources as numbered
 * footnotes; the knowledge base last. Dutch dates are written dd-mm-jjjj. A Bell CFIDS score is
 * shown with the scale's description of that level, from the knowledge base ({@code bell.<score>}).
 * The safety banner (CONTRACT.md §10) comes first, right after the title; a part's warning that says
 * what a banner item says points to it instead of repeating it, and such a note is left out. An
 * INSUFFICIENT_DATA post-COVID decision shows its centre and the notes on registration as holding
 * once every criterion is met.
 * Every text comes from the decision or the knowledge base's bundles, the headings and labels too
 * ({@code report.*}); which note, safety item and centre rule play these parts comes from the
 * requirements' roles ({@code requirements.json}), so the report names no requirement.
 */
final class TextReport {
    /** The prefix of the report's labels in the knowledge base's bundles ({@code report.title}, …). */
    static final String LABEL_PREFIX = "report.";

    /** The notes of the 18th birthday near (role age-transition, CONTRACT.md §9); they hold whatever the outcome. */
    private final Set<String> ageTransition;
    /** The banner items of the 18th birthday near (role age-notice, CONTRACT.md §10). */
    private final Set<String> ageNotice;
    /** The centre rules of a patient already in treatment (role continuity): that centre part holds whatever the outcome. */
    private final Set<String> continuity;
    /** The requirements of the age group (kind age-group), whose reading of the age limit the report states. */
    private final String ageGroup;

    private static final Map<String, String> MARK = Map.of("MET", "[+]", "NOT_MET", "[-]", "UNKNOWN", "[?]");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");

    private final String lang;
    private final Function<String, Optional<LocalizedText>> texts;
    /** Footnote texts in order of first use; the number is the position plus one. */
    private final Map<String, Integer> footnotes = new LinkedHashMap<>();
    /** The decision's safety banner (CONTRACT.md §10), shown first. */
    private List<Note> banner = List.of();
    private final StringBuilder s = new StringBuilder(4096);

    private TextReport(String lang, Function<String, Optional<LocalizedText>> texts, List<Requirement> requirements) {
        this.lang = lang;
        this.texts = texts;
        this.ageTransition = Requirements.withRole(requirements, Requirement.Role.AGE_TRANSITION);
        this.ageNotice = Requirements.withRole(requirements, Requirement.Role.AGE_NOTICE);
        this.continuity = Requirements.withRole(requirements, Requirement.Role.CONTINUITY);
        this.ageGroup = String.join(", ", Requirements.ofKind(requirements, Requirement.Kind.AGE_GROUP, "").stream()
                .map(Requirement::id).toList());
    }

    /**
     * @param decision the decision
     * @param lang     {@code nl} or {@code en}
     * @param texts    the knowledge base's texts by key (centre names {@code value.<CENTRE>}, Bell
     *                 levels {@code bell.<score>}, labels {@code report.<key>}); see
     *                 {@code ZorgregelsEngine#text}
     * @param requirements the knowledge base's requirements, for their roles
     * @return the report
     */
    static String render(Decision decision, String lang, Function<String, Optional<LocalizedText>> texts,
                         List<Requirement> requirements) {
        return new TextReport(lang, texts, requirements).report(decision);
    }

    private String report(Decision decision) {
        s.append(label("title")).append(' ').append(date(decision.assessmentDate().toString())).append("\n\n");
        banner(decision.safety());
        PostCovidDecision pc = decision.postCovid();
        if (pc == null && decision.alk() == null) {
            s.append(label("none")).append('\n');
        }
        if (pc != null) {
            postCovid(pc);
        }
        if (decision.alk() != null) {
            if (pc != null) {
                s.append('\n');
            }
            alk(decision.alk());
        }
        if (!footnotes.isEmpty()) {
            s.append('\n').append(label("sources")).append(":\n");
            int n = 1;
            for (String source : footnotes.keySet()) {
                s.append("  [").append(n++).append("] ").append(source).append('\n');
            }
        }
        s.append('\n').append(label("kb")).append(' ').append(decision.knowledgeBase().version())
                .append(" (").append(decision.knowledgeBase().checksum()).append(")\n");
        return s.toString();
    }

    /**
     * The safety banner (CONTRACT.md §10): what the GP must read before acting, right after the title and
     * before any part, each item with its source as a footnote.
     */
    private void banner(List<Note> items) {
        banner = items;
        if (items.isEmpty()) {
            return;
        }
        s.append(label("safety")).append(":\n");
        for (Note n : items) {
            s.append("  ! ").append(text(n.message())).append(cite(n.source())).append('\n');
        }
        s.append('\n');
    }

    /** @return whether a banner item says exactly what this note or warning says */
    private boolean inBanner(Note n) {
        return banner.stream().anyMatch(b -> b.message().equals(n.message()));
    }

    /**
     * A part's warning; one that says exactly what a banner item says is not printed twice: the
     * line points to the banner instead.
     */
    private void warning(Note w) {
        s.append(label("warnings")).append(" (").append(w.id()).append("): ");
        if (inBanner(w)) {
            s.append(label("inBanner")).append('\n');
        } else {
            s.append(text(w.message())).append(cite(w.source())).append('\n');
        }
    }

    private void postCovid(PostCovidDecision pc) {
        s.append(label("postCovid")).append(" (").append(label(pc.ageGroup().name())).append(")\n");
        boolean ageLimitShown = pc.notes().stream().anyMatch(n -> ageTransition.contains(n.id()))
                || banner.stream().anyMatch(n -> ageNotice.contains(n.id()));
        if (ageLimitShown) {
            // where the report speaks of the 18th birthday: that 18 is the limit is our reading (the age group's)
            s.append("  ").append(ageGroup).append(": ").append(label("ageLimitReading")).append('\n');
        }
        // INSUFFICIENT_DATA: a criterion is still open, so the centre and what follows registration
        // hold only once every criterion is met (CONTRACT.md §10); the note on the 18th birthday and a
        // treatment under way (role continuity) hold whatever the outcome
        boolean conditional = pc.outcome() == Outcome.INSUFFICIENT_DATA;
        s.append(label("outcome")).append(": ").append(label(pc.outcome().name())).append("\n\n");
        CriterionStatus deciding = switch (pc.outcome()) {
            case NOT_ELIGIBLE -> CriterionStatus.NOT_MET;
            case INSUFFICIENT_DATA -> CriterionStatus.UNKNOWN;
            case ELIGIBLE -> CriterionStatus.MET;
        };
        List<CriterionResult> first = pc.criteria().stream().filter(c -> c.status() == deciding).toList();
        List<CriterionResult> rest = pc.criteria().stream().filter(c -> c.status() != deciding).toList();
        s.append(label(pc.outcome() == Outcome.ELIGIBLE ? "criteria" : "deciding")).append(":\n");
        first.forEach(this::criterion);
        nextSteps(pc.criteria(), pc.reassessFrom(), "reassessWhy", pc.questions());
        if (!rest.isEmpty()) {
            s.append('\n').append(label("others")).append(":\n");
            rest.forEach(this::criterion);
        }
        for (Note w : pc.warnings()) {
            s.append('\n');
            warning(w);
        }
        CentreOffer centre = pc.centre();
        if (centre != null) {
            String status = centre.status() == CentreStatus.UNKNOWN ? "CENTRE_UNKNOWN"
                    : continuity.contains(centre.ruleId()) ? "CURRENT" : centre.status().name();
            boolean onceMet = conditional && !continuity.contains(centre.ruleId());
            s.append('\n').append(label(onceMet ? "centreConditional" : "centre")).append(": ").append(label(status));
            if (!centre.centres().isEmpty()) {
                List<String> names = new ArrayList<>();
                for (Centre c : centre.centres()) {
                    names.add(name(c));
                }
                s.append(" — ").append(String.join(", ", names));
            }
            if (centre.availableFrom() != null) {
                s.append(" (").append(label("availableFrom")).append(' ').append(date(centre.availableFrom().toString())).append(')');
            }
            s.append(" [").append(centre.ruleId()).append("]\n");
            s.append("  ").append(text(centre.message())).append('\n');
            for (Note n : centre.notes()) {
                if (inBanner(n)) {
                    continue; // shown first, in the banner
                }
                s.append("  - ").append(text(n.message())).append(cite(n.source())).append('\n');
            }
        }
        List<Note> now = pc.notes().stream()
                .filter(n -> !conditional || ageTransition.contains(n.id())).toList();
        List<Note> onceMet = pc.notes().stream()
                .filter(n -> conditional && !ageTransition.contains(n.id())).toList();
        notes("notes", now);
        notes("notesConditional", onceMet);
    }

    /** Notes under a heading; a note that says exactly what a banner item says is not printed twice. */
    private void notes(String heading, List<Note> all) {
        List<Note> notes = all.stream().filter(n -> !inBanner(n)).toList();
        if (notes.isEmpty()) {
            return;
        }
        s.append('\n').append(label(heading)).append(":\n");
        for (Note n : notes) {
            s.append("  - ").append(text(n.message())).append(cite(n.source())).append('\n');
        }
    }

    private void alk(AlkAdvice alk) {
        s.append(label("alk")).append('\n');
        for (Note w : alk.warnings()) { // the warnings first (CONTRACT.md §9)
            warning(w);
        }
        String outcome = alk.outcome() == AlkOutcome.INSUFFICIENT_DATA ? "alkUnknown" : alk.outcome().name();
        s.append(label("outcome")).append(": ").append(label(outcome)).append('\n');
        if (alk.severity() != null) {
            s.append(label("severity")).append(": ").append(label("sev." + alk.severity().name())).append('\n');
            if (alk.severityMessage() != null) {
                s.append("  ").append(text(alk.severityMessage())).append('\n');
            }
        }
        s.append('\n').append(label("criteria")).append(":\n");
        alk.criteria().forEach(this::criterion);
        nextSteps(alk.criteria(), alk.reassessFrom(), "alkReassessWhy", alk.questions());
        for (boolean primary : new boolean[] {true, false}) {
            List<AlkOption> group = alk.options().stream().filter(o -> o.primary() == primary).toList();
            if (group.isEmpty()) {
                continue;
            }
            s.append('\n').append(label(primary ? "primary" : "lighter")).append(":\n");
            for (AlkOption o : group) {
                s.append("  * ").append(o.name().in(lang)).append(cite(o.source())).append('\n');
                s.append("      ").append(label("referral")).append(": ").append(text(o.referral())).append('\n');
                s.append("      ").append(label("reimbursement")).append(": ").append(text(o.reimbursement())).append('\n');
                for (Note n : o.notes()) {
                    s.append("      ").append(n.id()).append(": ").append(text(n.message())).append('\n');
                }
            }
        }
        if (alk.columnReading() != null) {
            s.append("  (").append(text(alk.columnReading())).append(")\n");
        }
        notes("notes", alk.notes());
    }

    /** What to do next: every toMeet, the reassessment date, the questions. Nothing if there is nothing. */
    private void nextSteps(List<CriterionResult> criteria, java.time.LocalDate reassessFrom, String why,
                           List<Question> questions) {
        List<CriterionResult> toMeet = criteria.stream().filter(c -> c.toMeet() != null).toList();
        if (toMeet.isEmpty() && reassessFrom == null && questions.isEmpty()) {
            return;
        }
        s.append('\n').append(label("next")).append(":\n");
        if (reassessFrom != null) {
            s.append("  > ").append(label("reassessFrom")).append(' ').append(date(reassessFrom.toString()))
                    .append(" (").append(label(why)).append(")\n");
        }
        for (CriterionResult c : toMeet) {
            s.append("  > ").append(c.id()).append(": ").append(text(c.toMeet().message())).append('\n');
        }
        for (Question q : questions) {
            s.append("  > ").append(label("ask")).append(": ").append(q.question().in(lang))
                    .append(" (").append(q.fact()).append(")\n");
        }
    }

    private void criterion(CriterionResult c) {
        s.append("  ").append(MARK.get(c.status().name())).append(' ').append(c.id())
                .append(" (").append(label(c.status().name())).append(") ")
                .append(text(c.message())).append(cite(c.source())).append('\n');
        Object bell = c.facts().get("bellScore");
        if (bell != null) {
            Optional<LocalizedText> level = texts.apply("bell." + bell);
            if (level.isPresent()) {
                String source = texts.apply("bell.source").map(t -> t.in(lang)).orElse(null);
                s.append("        ").append(label("bell")).append(' ').append(bell).append(": ")
                        .append(level.get().in(lang)).append(cite(source)).append('\n');
            }
        }
    }

    /**
     * A label of the report: the knowledge base's text {@code report.<key>} in the report's language
     * (issue 22: every text in the knowledge base); the key itself, visibly, if the bundles lack it.
     */
    private String label(String key) {
        return texts.apply(LABEL_PREFIX + key).map(t -> t.in(lang)).orElse(LABEL_PREFIX + key);
    }

    /** " [n]" for a source, numbered in order of first use; "" for none. */
    private String cite(String source) {
        if (source == null || source.isBlank()) {
            return "";
        }
        Integer n = footnotes.get(source);
        if (n == null) {
            n = footnotes.size() + 1;
            footnotes.put(source, n);
        }
        return " [" + n + "]";
    }

    private String name(Centre c) {
        return texts.apply("value." + c.name()).map(t -> t.in(lang)).orElse(c.name());
    }

    private String text(LocalizedText t) {
        return date(t.in(lang));
    }

    /** Dates as dd-mm-jjjj in Dutch; English keeps YYYY-MM-DD. */
    private String date(String text) {
        return lang.equals("nl") ? ISO_DATE.matcher(text).replaceAll("$3-$2-$1") : text;
    }
}
