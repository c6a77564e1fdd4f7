package nl.zorgregels.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A text in Dutch and English.
 *
 * @param nl the Dutch text, never null
 * @param en the English text, never null
 */
public record LocalizedText(String nl, String en) {

    /**
     * Checks and copies the components.
     *
     * @param nl the Dutch text, never null
     * @param en the English text, never null
     * @throws NullPointerException if either text is null
     */
    public LocalizedText {
        Objects.requireNonNull(nl, "nl");
        Objects.requireNonNull(en, "en");
    }

    /**
     * @param language {@code "nl"} or {@code "en"}
     * @return the text in that language
     * @throws IllegalArgumentException for any other language
     */
    public String in(String language) {
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "nl" -> nl;
            case "en" -> en;
            default -> throw new IllegalArgumentException("language must be nl or en but was " + language);
        };
    }
}
