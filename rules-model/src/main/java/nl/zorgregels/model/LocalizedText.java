package nl.zorgregels.model;

import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A text in Dutch and English.
 *
 * @param nl the Dutch text, never null
 * @param en the English text, never null
 */
public record LocalizedText(String nl, String en) {

    /** The languages a text has, as ISO 639-1 codes: {@code nl} and {@code en}. */
    public static final List<String> LANGUAGES = List.of("nl", "en");

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
     * The text in a language, given as a BCP 47 language tag: the language decides, a region or
     * script is accepted and does not matter ({@code nl}, {@code nl-NL}, {@code nl-BE}, {@code en},
     * {@code en-GB}, {@code en-US}); case does not matter, and Java's {@code nl_NL} form is accepted too.
     *
     * @param language a language tag such as {@code nl-NL} or {@code en}
     * @return the text in that language
     * @throws InvalidInputException (field {@code language}) if the tag is null, not a well-formed
     *                               BCP 47 tag, or of a language other than those of {@link #LANGUAGES};
     *                               the rule names the languages supported. It is an
     *                               {@link IllegalArgumentException}, as before.
     */
    public String in(String language) {
        if ("nl".equals(language)) {
            return nl; // the common case, without parsing
        }
        if ("en".equals(language)) {
            return en;
        }
        return text(languageOf(language), language == null ? "null" : "\"" + language + "\"");
    }

    /**
     * The text in a locale's language ({@code Locale.forLanguageTag("nl-NL")}, {@code Locale.UK});
     * its country and variant do not matter.
     *
     * @param locale the locale
     * @return the text in that locale's language
     * @throws InvalidInputException (field {@code language}) if the locale is null or of a language
     *                               other than those of {@link #LANGUAGES}
     */
    public String in(Locale locale) {
        return text(locale == null ? null : locale.getLanguage(),
                locale == null ? "null" : "the locale \"" + locale.toLanguageTag() + "\"");
    }

    private String text(String code, String given) {
        if ("nl".equals(code)) {
            return nl;
        }
        if ("en".equals(code)) {
            return en;
        }
        throw new InvalidInputException("language", "must be a language tag (BCP 47) of Dutch (nl, e.g. nl-NL) "
                + "or English (en, e.g. en-GB, en-US); supported languages: " + String.join(", ", LANGUAGES)
                + "; but was " + given);
    }

    /** The lower-case language of a well-formed tag ({@code nl_NL} read as {@code nl-NL}), or null. */
    private static String languageOf(String tag) {
        if (tag == null) {
            return null;
        }
        try {
            return new Locale.Builder().setLanguageTag(tag.replace('_', '-')).build().getLanguage();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }
}
