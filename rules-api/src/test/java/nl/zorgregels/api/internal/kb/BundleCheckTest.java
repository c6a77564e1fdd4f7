package nl.zorgregels.api.internal.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import nl.zorgregels.api.KnowledgeBaseException;
import org.junit.jupiter.api.Test;

/** The checks on the two message bundles that a knowledge base is refused for (file:line each). */
class BundleCheckTest {
    private static final String NL = """
            # comment
            A.MET=Score {score} is ten hoogste {max}.
            B.LONG=Een lange \\
                tekst over twee regels.
            C=Zonder plaatshouder
            """;
    private static final String EN = """
            A.MET=Score {score} is at most {max}.
            B.LONG=A long text.
            C=Without placeholder
            """;

    @Test
    void bundlesWithTheSameKeysAndPlaceholdersPass() {
        assertThatCode(() -> check(NL, EN)).doesNotThrowAnyException();
    }

    @Test
    void aKeyInOneBundleOnlyNamesTheLineInTheOther() {
        String message = refused(NL, EN.replace("C=Without placeholder\n", ""));
        assertThat(message).contains("en.properties: has no message C, which nl.properties:5 has");
    }

    @Test
    void differentPlaceholdersNameBothLines() {
        String message = refused(NL, EN.replace("{max}", "{maximum}"));
        assertThat(message).contains("nl.properties:2 and en.properties:1: message A.MET fills in [max, score] in Dutch"
                + " but [maximum, score] in English");
    }

    @Test
    void aBraceOutsideAPlaceholderIsRefused() {
        assertThat(refused(NL, EN.replace("{max}", "{max"))).contains("en.properties:1: message A.MET has a brace");
        assertThat(refused(NL.replace("Zonder", "Zonder }"), EN)).contains("nl.properties:5: message C has a brace");
    }

    @Test
    void aMalformedEscapeNamesItsLine() {
        assertThat(refused(NL.replace("C=Zonder", "C=\\u12 Zonder"), EN)).contains("nl.properties:5: cannot be read");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotReplaced() {
        byte[] nl = NL.getBytes(StandardCharsets.UTF_8);
        int at = NL.indexOf("Zonder");
        nl[at] = (byte) 0xC0;
        nl[at + 1] = (byte) 0xAF;
        KnowledgeBaseException e = catchThrowableOfType(KnowledgeBaseException.class,
                () -> BundleCheck.check(nl, "nl.properties", EN.getBytes(StandardCharsets.UTF_8), "en.properties"));
        assertThat(e.getMessage()).contains("nl.properties:5: not valid UTF-8 (malformed byte 0xC0 at byte " + at + ")");
    }

    /** A card's link or override reason named but not defined would vanish from every card in silence: refused. */
    @Test
    void aCardListNamingWhatTheBundleLacksIsRefused() {
        String links = "card.links.postCovid.ELIGIBLE=zorgdomein\ncard.link.zorgdomein.label=ZD\ncard.link.zorgdomein.url=https://www.zorgdomein.nl/\n"
                + "card.overrideReasons=a\ncard.overrideReason.a=A\n";
        assertThatCode(() -> check(NL + links, EN + links)).doesNotThrowAnyException();
        String typo = links.replace("ELIGIBLE=zorgdomein", "ELIGIBLE=zorgdomain");
        assertThat(refused(NL + typo, EN + typo)).contains("nl.properties:6: card.links.postCovid.ELIGIBLE names zorgdomain,"
                + " but the bundle has no card.link.zorgdomain.label");
        String relative = links.replace("https://www.zorgdomein.nl/", "www.zorgdomein.nl");
        assertThat(refused(NL + relative, EN + relative)).contains("card.link.zorgdomein.url must be an absolute http(s) address");
        String reason = links.replace("card.overrideReasons=a", "card.overrideReasons=a b");
        assertThat(refused(NL + reason, EN + reason)).contains("card.overrideReasons names b, but the bundle has no card.overrideReason.b");
    }

    @Test
    void everyProblemIsListed() {
        assertThat(refused(NL.replace("{max}", "{maximum}"), EN.replace("C=Without placeholder\n", "")))
                .startsWith("2 problem(s) in the message bundles:");
    }

    private static void check(String nl, String en) {
        BundleCheck.check(nl.getBytes(StandardCharsets.UTF_8), "nl.properties", en.getBytes(StandardCharsets.UTF_8),
                "en.properties");
    }

    private static String refused(String nl, String en) {
        KnowledgeBaseException e = catchThrowableOfType(KnowledgeBaseException.class, () -> check(nl, en));
        assertThat(e).as("refused").isNotNull();
        return e.getMessage();
    }
}
