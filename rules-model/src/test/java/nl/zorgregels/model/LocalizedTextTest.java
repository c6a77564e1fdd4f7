package nl.zorgregels.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LocalizedText#in} takes a language tag with or without region; another language is a typed error. */
class LocalizedTextTest {
    private static final LocalizedText TEXT = new LocalizedText("Ja", "Yes");

    @ParameterizedTest
    @ValueSource(strings = {"nl", "NL", "nl-NL", "nl-BE", "nl_NL", "NL-nl", "nl-Latn-NL", "nl-NL-u-ca-gregory"})
    void aDutchTagGivesTheDutchText(String tag) {
        assertThat(TEXT.in(tag)).isEqualTo("Ja");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "EN", "en-GB", "en-US", "en_US", "en-gb", "en-Latn-GB"})
    void anEnglishTagGivesTheEnglishText(String tag) {
        assertThat(TEXT.in(tag)).isEqualTo("Yes");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"fr", "fr-FR", "de_DE", "", " nl", "nl-", "n", "english", "nl--NL", "x-nl", "und"})
    void anyOtherTagIsRefusedNamingTheLanguagesSupported(String tag) {
        InvalidInputException e = catchThrowableOfType(() -> TEXT.in(tag), InvalidInputException.class);
        assertThat(e).as(tag).isNotNull().isInstanceOf(IllegalArgumentException.class);
        assertThat(e.field()).isEqualTo("language");
        assertThat(e.rule()).contains("supported languages: nl, en")
                .endsWith(tag == null ? "but was null" : "but was \"" + tag + "\"");
    }

    @Test
    void aLocaleGivesItsLanguagesText() {
        assertThat(TEXT.in(Locale.forLanguageTag("nl-NL"))).isEqualTo("Ja");
        assertThat(TEXT.in(new Locale("nl", "BE"))).isEqualTo("Ja");
        assertThat(TEXT.in(Locale.UK)).isEqualTo("Yes");
        assertThat(TEXT.in(Locale.ENGLISH)).isEqualTo("Yes");
        InvalidInputException french = catchThrowableOfType(() -> TEXT.in(Locale.FRANCE), InvalidInputException.class);
        assertThat(french.field()).isEqualTo("language");
        assertThat(french.rule()).contains("nl", "en").endsWith("but was the locale \"fr-FR\"");
        assertThat(catchThrowableOfType(() -> TEXT.in((Locale) null), InvalidInputException.class).rule())
                .endsWith("but was null");
    }

    @Test
    void theSupportedLanguagesAreTheTextsTwo() {
        assertThat(LocalizedText.LANGUAGES).containsExactly("nl", "en");
        for (String language : LocalizedText.LANGUAGES) {
            assertThat(TEXT.in(language)).isEqualTo(language.equals("nl") ? TEXT.nl() : TEXT.en());
        }
    }
}
