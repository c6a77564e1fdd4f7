package nl.zorgregels.service.internal;

import java.util.Optional;
import java.util.function.Function;
import nl.zorgregels.model.LocalizedText;

/**
 * The words of the cards in one language, from the serving knowledge base's bundles: the labels
 * {@code card.<key>} and the centre names {@code value.<CENTRE>} (presentation only; no criterion
 * is decided here, and no text is written in Java).
 */
final class Labels {
    /** The prefix of the cards' labels in the knowledge base's bundles. */
    static final String PREFIX = "card.";
    private static final String VALUE_PREFIX = "value.";

    private final Function<String, Optional<LocalizedText>> texts;
    private final String lang;
    private final boolean dutch;

    /**
     * @param lang  {@code nl} or {@code en}
     * @param texts the knowledge base's texts by key
     */
    Labels(String lang, Function<String, Optional<LocalizedText>> texts) {
        this.lang = lang;
        this.dutch = lang.equals("nl");
        this.texts = texts;
    }

    /** @return the word for the key ({@code card.<key>}), or the key itself for a value the bundles do not know */
    String get(String key) {
        return texts.apply(PREFIX + key).map(t -> t.in(lang)).orElse(key);
    }

    /** @return the centre's name ({@code value.<code>}), or the code itself if the bundles have none */
    String centre(String code) {
        return texts.apply(VALUE_PREFIX + code).map(t -> t.in(lang)).orElse(code);
    }

    /** A {@code YYYY-MM-DD} date as {@code dd-mm-jjjj} in Dutch, unchanged in English. */
    String date(String iso) {
        if (dutch && iso.length() == 10) {
            return iso.substring(8, 10) + "-" + iso.substring(5, 7) + "-" + iso.substring(0, 4);
        }
        return iso;
    }
}
