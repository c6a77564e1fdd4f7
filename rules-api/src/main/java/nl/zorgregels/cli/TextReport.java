package nl.zorgregels.cli;

import java.util.Map;
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
        if (pc == null) {
            s.append(l.get("none")).append('\n');
            return s.toString();
        }
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
        return s.toString();
    }
}
