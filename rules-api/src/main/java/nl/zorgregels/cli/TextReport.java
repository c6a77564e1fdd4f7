package nl.zorgregels.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
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
 * A decision as a report for the GP, in Dutch or English (SPEC §9 "Text report"): per part the
 * outcome and the criteria that decide it first, then what to do next ({@code toMeet},
 * {@code reassessFrom}, {@code questions}), then the rest; centres by name; sources as numbered
 * footnotes; the knowledge base last. Dutch dates are written dd-mm-jjjj. A Bell CFIDS score is
 * shown with the scale's description of that level, from the knowledge base ({@code bell.<score>}).
 * Every text but the headings comes from the decision or the knowledge base's bundles.
 */
final class TextReport {
    static final Map<String, Map<String, String>> LABELS = Map.of(
            "nl", Map.ofEntries(
                    Map.entry("title", "Zorgregels — beoordeling op "),
                    Map.entry("kb", "Kennisbank"),
                    Map.entry("postCovid", "Verwijzing naar een post-COVID-expertisecentrum"),
                    Map.entry("ADULT", "volwassene"),
                    Map.entry("CHILD", "kind"),
                    Map.entry("outcome", "Uitkomst"),
                    Map.entry("ELIGIBLE", "KOMT IN AANMERKING voor verwijzing"),
                    Map.entry("NOT_ELIGIBLE", "KOMT NIET IN AANMERKING voor verwijzing"),
                    Map.entry("INSUFFICIENT_DATA", "ONVOLDOENDE GEGEVENS om te beslissen"),
                    Map.entry("deciding", "Doorslaggevend"),
                    Map.entry("criteria", "Criteria"),
                    Map.entry("others", "Overige criteria"),
                    Map.entry("MET", "voldaan"),
                    Map.entry("NOT_MET", "niet voldaan"),
                    Map.entry("UNKNOWN", "onbekend"),
                    Map.entry("next", "Wat te doen"),
                    Map.entry("reassessFrom", "Opnieuw beoordelen vanaf"),
                    Map.entry("reassessWhy", "vanaf die datum wijst met dezelfde gegevens geen criterium de verwijzing meer af"),
                    Map.entry("alkReassessWhy", "vanaf die datum sluit de duur van de klachten de kaart niet meer uit"),
                    Map.entry("ask", "Vraag"),
                    Map.entry("bell", "Bell CFIDS"),
                    Map.entry("warnings", "Waarschuwing"),
                    Map.entry("notes", "Let op"),
                    Map.entry("centre", "Centrum"),
                    Map.entry("OFFERED", "plek bij inloting"),
                    Map.entry("CURRENT", "al in behandeling"),
                    Map.entry("NONE_YET", "nog geen plek"),
                    Map.entry("CENTRE_UNKNOWN", "onbekend"),
                    Map.entry("availableFrom", "vanaf"),
                    Map.entry("alk", "Aanhoudende lichamelijke klachten (ALK)"),
                    Map.entry("APPLICABLE", "de keuzekaart IS VAN TOEPASSING"),
                    Map.entry("NOT_APPLICABLE", "de keuzekaart is NIET VAN TOEPASSING"),
                    Map.entry("alkUnknown", "ONVOLDOENDE GEGEVENS om te beslissen"),
                    Map.entry("severity", "Ernst"),
                    Map.entry("sev.MILD", "mild"), Map.entry("sev.MODERATE", "matig"),
                    Map.entry("sev.SEVERE", "ernstig"), Map.entry("sev.UNKNOWN", "onbekend"),
                    Map.entry("primary", "Behandelmogelijkheden bij deze ernst"),
                    Map.entry("lighter", "Lichtere mogelijkheden (blijven beschikbaar)"),
                    Map.entry("referral", "verwijzing"),
                    Map.entry("reimbursement", "vergoeding"),
                    Map.entry("sources", "Bronnen"),
                    Map.entry("none", "Geen besluit gevraagd (de casus bevat geen post-COVID gegevens).")),
            "en", Map.ofEntries(
                    Map.entry("title", "Zorgregels — assessment on "),
                    Map.entry("kb", "Knowledge base"),
                    Map.entry("postCovid", "Referral to a post-COVID expertise centre"),
                    Map.entry("ADULT", "adult"),
                    Map.entry("CHILD", "child"),
                    Map.entry("outcome", "Outcome"),
                    Map.entry("ELIGIBLE", "ELIGIBLE for referral"),
                    Map.entry("NOT_ELIGIBLE", "NOT ELIGIBLE for referral"),
                    Map.entry("INSUFFICIENT_DATA", "INSUFFICIENT DATA to decide"),
                    Map.entry("deciding", "Deciding"),
                    Map.entry("criteria", "Criteria"),
                    Map.entry("others", "Other criteria"),
                    Map.entry("MET", "met"),
                    Map.entry("NOT_MET", "not met"),
                    Map.entry("UNKNOWN", "unknown"),
                    Map.entry("next", "What to do next"),
                    Map.entry("reassessFrom", "Reassess from"),
                    Map.entry("reassessWhy", "from that date, with the same facts, no criterion rules out referral"),
                    Map.entry("alkReassessWhy", "from that date the duration of the complaints no longer rules the card out"),
                    Map.entry("ask", "Ask"),
                    Map.entry("bell", "Bell CFIDS"),
                    Map.entry("warnings", "Caution"),
                    Map.entry("notes", "Please note"),
                    Map.entry("centre", "Centre"),
                    Map.entry("OFFERED", "place if allotted"),
                    Map.entry("CURRENT", "already in treatment"),
                    Map.entry("NONE_YET", "no place yet"),
                    Map.entry("CENTRE_UNKNOWN", "unknown"),
                    Map.entry("availableFrom", "from"),
                    Map.entry("alk", "Persistent physical symptoms (ALK)"),
                    Map.entry("APPLICABLE", "the card APPLIES"),
                    Map.entry("NOT_APPLICABLE", "the card does NOT APPLY"),
                    Map.entry("alkUnknown", "INSUFFICIENT DATA to decide"),
                    Map.entry("severity", "Severity"),
                    Map.entry("sev.MILD", "mild"), Map.entry("sev.MODERATE", "moderate"),
                    Map.entry("sev.SEVERE", "severe"), Map.entry("sev.UNKNOWN", "unknown"),
                    Map.entry("primary", "Treatment options at this severity"),
                    Map.entry("lighter", "Lighter options (still available)"),
                    Map.entry("referral", "referral"),
                    Map.entry("reimbursement", "reimbursement"),
                    Map.entry("sources", "Sources"),
                    Map.entry("none", "No decision asked (the case has no post-COVID facts).")));

    private static final Map<String, String> MARK = Map.of("MET", "[+]", "NOT_MET", "[-]", "UNKNOWN", "[?]");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");

    private final Map<String, String> l;
    private final String lang;
    private final Function<String, Optional<LocalizedText>> texts;
    /** Footnote texts in order of first use; the number is the position plus one. */
    private final Map<String, Integer> footnotes = new LinkedHashMap<>();
    private final StringBuilder s = new StringBuilder(4096);

    private TextReport(String lang, Function<String, Optional<LocalizedText>> texts) {
        this.l = LABELS.get(lang);
        this.lang = lang;
        this.texts = texts;
    }

    /**
     * @param decision the decision
     * @param lang     {@code nl} or {@code en}
     * @param texts    the knowledge base's texts by key (centre names {@code value.<CENTRE>}, Bell
     *                 levels {@code bell.<score>}); see {@code ZorgregelsEngine#text}
     * @return the report
     */
    static String render(Decision decision, String lang, Function<String, Optional<LocalizedText>> texts) {
        return new TextReport(lang, texts).report(decision);
    }

    private String report(Decision decision) {
        s.append(l.get("title")).append(date(decision.assessmentDate().toString())).append("\n\n");
        PostCovidDecision pc = decision.postCovid();
        if (pc == null && decision.alk() == null) {
            s.append(l.get("none")).append('\n');
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
            s.append('\n').append(l.get("sources")).append(":\n");
            int n = 1;
            for (String source : footnotes.keySet()) {
                s.append("  [").append(n++).append("] ").append(source).append('\n');
            }
        }
        s.append('\n').append(l.get("kb")).append(' ').append(decision.knowledgeBase().version())
                .append(" (").append(decision.knowledgeBase().checksum()).append(")\n");
        return s.toString();
    }

    private void postCovid(PostCovidDecision pc) {
        s.append(l.get("postCovid")).append(" (").append(l.get(pc.ageGroup().name())).append(")\n");
        s.append(l.get("outcome")).append(": ").append(l.get(pc.outcome().name())).append("\n\n");
        CriterionStatus deciding = switch (pc.outcome()) {
            case NOT_ELIGIBLE -> CriterionStatus.NOT_MET;
            case INSUFFICIENT_DATA -> CriterionStatus.UNKNOWN;
            case ELIGIBLE -> CriterionStatus.MET;
        };
        List<CriterionResult> first = pc.criteria().stream().filter(c -> c.status() == deciding).toList();
        List<CriterionResult> rest = pc.criteria().stream().filter(c -> c.status() != deciding).toList();
        s.append(l.get(pc.outcome() == Outcome.ELIGIBLE ? "criteria" : "deciding")).append(":\n");
        first.forEach(this::criterion);
        nextSteps(pc.criteria(), pc.reassessFrom(), "reassessWhy", pc.questions());
        if (!rest.isEmpty()) {
            s.append('\n').append(l.get("others")).append(":\n");
            rest.forEach(this::criterion);
        }
        for (Note w : pc.warnings()) {
            s.append('\n').append(l.get("warnings")).append(" (").append(w.id()).append("): ")
                    .append(text(w.message())).append(cite(w.source())).append('\n');
        }
        CentreOffer centre = pc.centre();
        if (centre != null) {
            String status = centre.status() == CentreStatus.UNKNOWN ? "CENTRE_UNKNOWN"
                    : "PC-R6".equals(centre.ruleId()) ? "CURRENT" : centre.status().name();
            s.append('\n').append(l.get("centre")).append(": ").append(l.get(status));
            if (!centre.centres().isEmpty()) {
                List<String> names = new ArrayList<>();
                for (Centre c : centre.centres()) {
                    names.add(name(c));
                }
                s.append(" — ").append(String.join(", ", names));
            }
            if (centre.availableFrom() != null) {
                s.append(" (").append(l.get("availableFrom")).append(' ').append(date(centre.availableFrom().toString())).append(')');
            }
            s.append(" [").append(centre.ruleId()).append("]\n");
            s.append("  ").append(text(centre.message())).append('\n');
            for (Note n : centre.notes()) {
                s.append("  - ").append(text(n.message())).append(cite(n.source())).append('\n');
            }
        }
        if (!pc.notes().isEmpty()) {
            s.append('\n').append(l.get("notes")).append(":\n");
            for (Note n : pc.notes()) {
                s.append("  - ").append(text(n.message())).append(cite(n.source())).append('\n');
            }
        }
    }

    private void alk(AlkAdvice alk) {
        s.append(l.get("alk")).append('\n');
        for (Note w : alk.warnings()) { // ALK-W1 first (SPEC §9)
            s.append(l.get("warnings")).append(" (").append(w.id()).append("): ").append(text(w.message()))
                    .append(cite(w.source())).append('\n');
        }
        String outcome = alk.outcome() == AlkOutcome.INSUFFICIENT_DATA ? "alkUnknown" : alk.outcome().name();
        s.append(l.get("outcome")).append(": ").append(l.get(outcome)).append('\n');
        if (alk.severity() != null) {
            s.append(l.get("severity")).append(": ").append(l.get("sev." + alk.severity().name())).append('\n');
            if (alk.severityMessage() != null) {
                s.append("  ").append(text(alk.severityMessage())).append('\n');
            }
        }
        s.append('\n').append(l.get("criteria")).append(":\n");
        alk.criteria().forEach(this::criterion);
        nextSteps(alk.criteria(), alk.reassessFrom(), "alkReassessWhy", alk.questions());
        for (boolean primary : new boolean[] {true, false}) {
            List<AlkOption> group = alk.options().stream().filter(o -> o.primary() == primary).toList();
            if (group.isEmpty()) {
                continue;
            }
            s.append('\n').append(l.get(primary ? "primary" : "lighter")).append(":\n");
            for (AlkOption o : group) {
                s.append("  * ").append(o.name().in(lang)).append(cite(o.source())).append('\n');
                s.append("      ").append(l.get("referral")).append(": ").append(text(o.referral())).append('\n');
                s.append("      ").append(l.get("reimbursement")).append(": ").append(text(o.reimbursement())).append('\n');
                for (Note n : o.notes()) {
                    s.append("      ").append(n.id()).append(": ").append(text(n.message())).append('\n');
                }
            }
        }
        if (alk.columnReading() != null) {
            s.append("  (").append(text(alk.columnReading())).append(")\n");
        }
        if (!alk.notes().isEmpty()) {
            s.append('\n').append(l.get("notes")).append(":\n");
            for (Note n : alk.notes()) {
                s.append("  - ").append(text(n.message())).append(cite(n.source())).append('\n');
            }
        }
    }

    /** What to do next: every toMeet, the reassessment date, the questions. Nothing if there is nothing. */
    private void nextSteps(List<CriterionResult> criteria, java.time.LocalDate reassessFrom, String why,
                           List<Question> questions) {
        List<CriterionResult> toMeet = criteria.stream().filter(c -> c.toMeet() != null).toList();
        if (toMeet.isEmpty() && reassessFrom == null && questions.isEmpty()) {
            return;
        }
        s.append('\n').append(l.get("next")).append(":\n");
        if (reassessFrom != null) {
            s.append("  > ").append(l.get("reassessFrom")).append(' ').append(date(reassessFrom.toString()))
                    .append(" (").append(l.get(why)).append(")\n");
        }
        for (CriterionResult c : toMeet) {
            s.append("  > ").append(c.id()).append(": ").append(text(c.toMeet().message())).append('\n');
        }
        for (Question q : questions) {
            s.append("  > ").append(l.get("ask")).append(": ").append(q.question().in(lang))
                    .append(" (").append(q.fact()).append(")\n");
        }
    }

    private void criterion(CriterionResult c) {
        s.append("  ").append(MARK.get(c.status().name())).append(' ').append(c.id())
                .append(" (").append(l.get(c.status().name())).append(") ")
                .append(text(c.message())).append(cite(c.source())).append('\n');
        Object bell = c.facts().get("bellScore");
        if (bell != null) {
            Optional<LocalizedText> level = texts.apply("bell." + bell);
            if (level.isPresent()) {
                String source = texts.apply("bell.source").map(t -> t.in(lang)).orElse(null);
                s.append("        ").append(l.get("bell")).append(' ').append(bell).append(": ")
                        .append(level.get().in(lang)).append(cite(source)).append('\n');
            }
        }
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
