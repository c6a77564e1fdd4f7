package nl.zorgregels.api.internal.referral;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import nl.zorgregels.model.LocalizedText;

/**
 * The referral summary of a post-COVID decision that is ELIGIBLE: plain text the GP pastes into the
 * registration (ZorgDomein), with the safety items first, every criterion met with its message (the
 * values and dates it used), the centre, the notes, and the knowledge base's version, checksum and
 * the assessment date. It is written from the §5 decision JSON, so it says only what the decision
 * says; every word comes from the knowledge base's bundles ({@code referral.*}, {@code card.*}).
 * It decides nothing: a decision that is not ELIGIBLE gives no summary but the reason
 * ({@link Result#withheld()}). Not API.
 */
public final class ReferralSummary {
    private static final String PART = "postCovid";
    private static final String ELIGIBLE = "ELIGIBLE";

    private ReferralSummary() {
    }

    /**
     * The summary, or why there is none.
     *
     * @param summary  the text, or null when withheld
     * @param withheld one line saying why no summary is given, or null
     */
    public record Result(String summary, String withheld) {
    }

    /**
     * @param decision the §5 decision as JSON
     * @param texts    the knowledge base's texts by key
     * @param lang     {@code nl} or {@code en}
     * @return the summary when the post-COVID outcome is ELIGIBLE, else the reason it is withheld
     */
    public static Result of(JsonNode decision, Function<String, Optional<LocalizedText>> texts, String lang) {
        Words w = new Words(texts, lang);
        JsonNode pc = decision.path(PART);
        if (!pc.isObject()) {
            return new Result(null, w.get("referral.noPart"));
        }
        String outcome = pc.path("outcome").asText();
        if (!outcome.equals(ELIGIBLE)) {
            return new Result(null, w.get("referral.notEligible") + " " + w.get("card.pc." + outcome) + " (" + outcome + ")");
        }
        StringBuilder s = new StringBuilder(1024);
        s.append(w.get("referral.title")).append('\n');
        s.append(w.get("referral.assessedOn")).append(": ").append(w.date(decision.path("assessmentDate").asText())).append('\n');
        s.append(w.get("referral.outcome")).append(": ").append(w.get("card.pc." + outcome)).append(" (")
                .append(w.get("card." + pc.path("ageGroup").asText())).append(")\n");
        Set<String> inBanner = new HashSet<>();
        JsonNode safety = decision.path("safety");
        if (safety.size() > 0) {
            s.append('\n').append(w.get("referral.safety")).append('\n');
            for (JsonNode item : safety) {
                String text = w.text(item.path("message"));
                inBanner.add(text);
                s.append("- ").append(text).append(" (").append(item.path("id").asText()).append(")\n");
            }
        }
        s.append('\n').append(w.get("referral.criteria")).append('\n');
        for (JsonNode c : pc.path("criteria")) {
            s.append("- ").append(c.path("id").asText()).append(": ").append(w.text(c.path("message"))).append('\n');
        }
        JsonNode centre = pc.path("centre");
        if (centre.isObject()) {
            List<String> names = new ArrayList<>();
            centre.path("centres").forEach(c -> names.add(w.value(c.asText())));
            s.append('\n').append(w.get("referral.centre")).append(": ").append(w.get("card.centre." + centre.path("status").asText()));
            if (!names.isEmpty()) {
                s.append(" — ").append(String.join(", ", names));
            }
            s.append('\n').append(w.text(centre.path("message"))).append('\n');
        }
        List<JsonNode> notes = new ArrayList<>();
        centre.path("notes").forEach(notes::add);
        pc.path("warnings").forEach(notes::add);
        pc.path("notes").forEach(notes::add);
        notes.removeIf(n -> inBanner.contains(w.text(n.path("message"))));
        if (!notes.isEmpty()) {
            s.append('\n').append(w.get("referral.notes")).append('\n');
            notes.forEach(n -> s.append("- ").append(w.text(n.path("message"))).append(" (").append(n.path("id").asText()).append(")\n"));
        }
        JsonNode kb = decision.path("knowledgeBase");
        s.append('\n').append(w.get("referral.kb")).append(' ').append(kb.path("version").asText()).append(" (")
                .append(kb.path("checksum").asText()).append(")\n");
        return new Result(s.toString(), null);
    }

    /** The words in one language; a key the bundles lack shows as itself, visibly. */
    private record Words(Function<String, Optional<LocalizedText>> texts, String lang) {
        String get(String key) {
            return texts.apply(key).map(t -> t.in(lang)).orElse(key);
        }

        String value(String code) {
            return get("value." + code);
        }

        String text(JsonNode localized) {
            return localized.isTextual() ? localized.asText() : localized.path(lang).asText("");
        }

        /** A {@code YYYY-MM-DD} date as {@code dd-mm-jjjj} in Dutch, unchanged in English. */
        String date(String iso) {
            return lang.equals("nl") && iso.length() == 10
                    ? iso.substring(8, 10) + "-" + iso.substring(5, 7) + "-" + iso.substring(0, 4) : iso;
        }
    }
}
