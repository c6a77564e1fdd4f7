package nl.zorgregels.cli;

import java.util.List;
import java.util.Map;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.AlkOutcome;
import java.util.stream.Collectors;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.PostCovidDecision;

/** A decision as a report for a person, in Dutch or English. */
final class TextReport {
    private static final Map<String, Map<String, String>> LABELS = Map.of(
            "nl", Map.ofEntries(
                    Map.entry("title", "Zorgregels — beoordeling op "),
                    Map.entry("kb", "Kennisbank"),
                    Map.entry("postCovid", "Verwijzing naar een post-COVID expertisecentrum"),
                    Map.entry("ADULT", "volwassene"),
                    Map.entry("CHILD", "kind"),
                    Map.entry("outcome", "Uitkomst"),
                    Map.entry("ELIGIBLE", "KOMT IN AANMERKING voor verwijzing"),
                    Map.entry("NOT_ELIGIBLE", "KOMT NIET IN AANMERKING voor verwijzing"),
                    Map.entry("INSUFFICIENT_DATA", "ONVOLDOENDE GEGEVENS om te beslissen"),
                    Map.entry("criteria", "Criteria"),
                    Map.entry("MET", "voldaan"),
                    Map.entry("NOT_MET", "niet voldaan"),
                    Map.entry("UNKNOWN", "onbekend"),
                    Map.entry("source", "bron"),
                    Map.entry("missing", "Ontbrekende gegevens"),
                    Map.entry("notes", "Let op"),
                    Map.entry("centre", "Centrum"),
                    Map.entry("OFFERED", "aangeboden"),
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
                    Map.entry("warnings", "Waarschuwing"),
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
                    Map.entry("criteria", "Criteria"),
                    Map.entry("MET", "met"),
                    Map.entry("NOT_MET", "not met"),
                    Map.entry("UNKNOWN", "unknown"),
                    Map.entry("source", "source"),
                    Map.entry("missing", "Missing facts"),
                    Map.entry("notes", "Please note"),
                    Map.entry("centre", "Centre"),
                    Map.entry("OFFERED", "offered"),
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
                    Map.entry("warnings", "Caution"),
                    Map.entry("none", "No decision asked (the case has no post-COVID facts).")));

    private static final Map<String, String> MARK = Map.of("MET", "[+]", "NOT_MET", "[-]", "UNKNOWN", "[?]");

    private TextReport() {
    }

    static String render(Decision decision, String lang) {
        Map<String, String> l = LABELS.get(lang);
        StringBuilder s = new StringBuilder(2048);
        s.append(l.get("title")).append(decision.assessmentDate()).append('\n');
        s.append(l.get("kb")).append(' ').append(decision.knowledgeBase().version())
                .append(" (").append(decision.knowledgeBase().checksum()).append(")\n\n");
        PostCovidDecision pc = decision.postCovid();
        if (pc == null && decision.alk() == null) {
            s.append(l.get("none")).append('\n');
            return s.toString();
        }
        if (pc != null) {
            postCovid(s, pc, l, lang);
        }
        if (decision.alk() != null) {
            alk(s, decision.alk(), l, lang);
        }
        return s.toString();
    }

    private static void alk(StringBuilder s, AlkAdvice alk, Map<String, String> l, String lang) {
        s.append('\n').append(l.get("alk")).append('\n');
        String outcome = alk.outcome() == AlkOutcome.INSUFFICIENT_DATA ? "alkUnknown" : alk.outcome().name();
        s.append(l.get("outcome")).append(": ").append(l.get(outcome)).append('\n');
        if (alk.severity() != null) {
            s.append(l.get("severity")).append(": ").append(l.get("sev." + alk.severity().name())).append('\n');
        }
        for (CriterionResult c : alk.criteria()) {
            s.append("  ").append(MARK.get(c.status().name())).append(' ').append(c.id())
                    .append(" (").append(l.get(c.status().name())).append(") ").append(c.message().in(lang)).append('\n');
        }
        if (!alk.missingFacts().isEmpty()) {
            s.append(l.get("missing")).append(":\n");
            alk.missingFacts().forEach(f -> s.append("  - ").append(f).append('\n'));
        }
        for (boolean primary : new boolean[] {true, false}) {
            List<AlkOption> group = alk.options().stream().filter(o -> o.primary() == primary).toList();
            if (group.isEmpty()) {
                continue;
            }
            s.append('\n').append(l.get(primary ? "primary" : "lighter")).append(":\n");
            for (AlkOption o : group) {
                s.append("  * ").append(o.name().in(lang)).append('\n');
                s.append("      ").append(l.get("referral")).append(": ").append(o.referral().in(lang)).append('\n');
                s.append("      ").append(l.get("reimbursement")).append(": ").append(o.reimbursement().in(lang)).append('\n');
                for (Note n : o.notes()) {
                    s.append("      ").append(n.id()).append(": ").append(n.message().in(lang)).append('\n');
                }
            }
        }
        for (Note w : alk.warnings()) {
            s.append('\n').append(l.get("warnings")).append(" (").append(w.id()).append("): ").append(w.message().in(lang)).append('\n');
        }
        for (Note n : alk.notes()) {
            s.append('\n').append(l.get("notes")).append(" (").append(n.id()).append("): ").append(n.message().in(lang)).append('\n');
        }
    }

    private static void postCovid(StringBuilder s, PostCovidDecision pc, Map<String, String> l, String lang) {
        s.append(l.get("postCovid")).append(" (").append(l.get(pc.ageGroup().name())).append(")\n");
        s.append(l.get("outcome")).append(": ").append(l.get(pc.outcome().name())).append("\n\n");
        s.append(l.get("criteria")).append(":\n");
        for (CriterionResult c : pc.criteria()) {
            s.append("  ").append(MARK.get(c.status().name())).append(' ').append(c.id())
                    .append(" (").append(l.get(c.status().name())).append(") ")
                    .append(c.message().in(lang)).append('\n');
            s.append("        ").append(l.get("source")).append(": ").append(c.source()).append('\n');
        }
        if (!pc.missingFacts().isEmpty()) {
            s.append('\n').append(l.get("missing")).append(":\n");
            pc.missingFacts().forEach(f -> s.append("  - ").append(f).append('\n'));
        }
        CentreOffer centre = pc.centre();
        if (centre != null) {
            String status = centre.status() == CentreStatus.UNKNOWN ? "CENTRE_UNKNOWN" : centre.status().name();
            s.append('\n').append(l.get("centre")).append(": ").append(l.get(status));
            if (!centre.centres().isEmpty()) {
                s.append(" — ").append(centre.centres().stream().map(Enum::name).collect(Collectors.joining(", ")));
            }
            if (centre.availableFrom() != null) {
                s.append(" (").append(l.get("availableFrom")).append(' ').append(centre.availableFrom()).append(')');
            }
            s.append(" [").append(centre.ruleId()).append("]\n");
            s.append("  ").append(centre.message().in(lang)).append('\n');
            centre.missingFacts().forEach(f -> s.append("  - ").append(l.get("missing")).append(": ").append(f).append('\n'));
            for (Note n : centre.notes()) {
                s.append("  - ").append(n.id()).append(": ").append(n.message().in(lang)).append('\n');
            }
        }
        if (!pc.notes().isEmpty()) {
            s.append('\n').append(l.get("notes")).append(":\n");
            for (Note n : pc.notes()) {
                s.append("  - ").append(n.id()).append(": ").append(n.message().in(lang)).append('\n');
            }
        }
    }
}
