package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ZorgregelsEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge-base check refuses, with file, line and rule, a knowledge base whose rules name a
 * requirement the list does not have, share an id against the policy (one file per id, one message
 * key per rule of an id), or derive a message the bundles lack. Each test edits a copy of the
 * packaged sources, as an author would with {@code --kb DIR}.
 */
class KnowledgeBaseChecksTest {
    private static final String KB = "nl/zorgregels/kb/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path copy() throws IOException {
        return KbSources.copy(tmp.resolve("kb"));
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as(file.toString()).contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
    }

    /** Removes a key from both bundles (one alone is refused earlier, by the bundle check, as nl/en not matching). */
    private static void removeFromBothBundles(Path kb, String key) throws IOException {
        removeLine(kb.resolve(KB + "messages_nl.properties"), key);
        removeLine(kb.resolve(KB + "messages_en.properties"), key);
    }

    private static void removeLine(Path bundle, String key) throws IOException {
        String text = Files.readString(bundle);
        String edited = text.replaceFirst("(?m)^" + java.util.regex.Pattern.quote(key) + "=.*\\R", "");
        assertThat(edited).as(key + " in " + bundle).isNotEqualTo(text);
        Files.writeString(bundle, edited);
    }

    private static int lineOf(Path file, String fragment) throws IOException {
        String text = Files.readString(file);
        int index = text.indexOf(fragment);
        assertThat(index).as(fragment).isNotNegative();
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String refusal(Path kb) {
        KnowledgeBaseException e = org.junit.jupiter.api.Assertions.assertThrows(KnowledgeBaseException.class,
                () -> ZorgregelsEngine.fromDirectory(kb));
        return e.getMessage();
    }

    @Test
    void theRequirementsListIsPartOfTheChecksum() throws IOException {
        // a plain copy has the packaged checksum (DirectoryKnowledgeBaseTest); an edited list does not
        Path kb = copy();
        assertThat(Files.isRegularFile(kb.resolve(KB + "requirements.json"))).isTrue();
        String packaged = Engines.shared().knowledgeBase().checksum();
        replace(kb.resolve(KB + "requirements.json"), "\"title\": \"Other causes of the complaints investigated\"",
                "\"title\": \"Other causes investigated\"");
        assertThat(ZorgregelsEngine.fromDirectory(kb).knowledgeBase().checksum()).isNotEqualTo(packaged);
    }

    @Test
    void aRuleWhoseIdIsNotARequirementIsRefused() throws IOException {
        Path kb = copy();
        Path adult = kb.resolve(KB + "postcovid-adult.drl");
        int line = lineOf(adult, "rule \"PC-A4 adult complaints not from a pre-existing disease\"");
        replace(adult, "rule \"PC-A4 adult complaints not from a pre-existing disease\"\n    @id(\"PC-A4\")",
                "rule \"PC-A4 adult complaints not from a pre-existing disease\"\n    @id(\"PC-A6\")");
        // and a requirement taken off the list takes its rules with it
        Path list = kb.resolve(KB + "requirements.json");
        ObjectNode root = (ObjectNode) JSON.readTree(list.toFile());
        ArrayNode requirements = (ArrayNode) root.get("requirements");
        for (int i = requirements.size() - 1; i >= 0; i--) {
            if (requirements.get(i).get("id").asText().equals("PC-X1")) {
                requirements.remove(i);
            }
        }
        for (com.fasterxml.jackson.databind.JsonNode decision : root.get("decisions")) {
            ArrayNode criteria = (ArrayNode) decision.get("criteria");
            for (int i = criteria.size() - 1; i >= 0; i--) {
                if (criteria.get(i).asText().equals("PC-X1")) {
                    criteria.remove(i); // else the decisions list is refused first, for naming an unknown criterion
                }
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(list.toFile(), root);
        assertThat(refusal(kb))
                .contains(adult + ":" + line + ": rule \"PC-A4 adult complaints not from a pre-existing disease\""
                        + " has @id(\"PC-A6\"), which is not a requirement in requirements.json")
                .contains("rule \"PC-X1 no other post-acute infection syndrome\" has @id(\"PC-X1\"), which is not a requirement");
    }

    @Test
    void aRuleCopiedWithItsOldIdInTheSameFileIsRefusedNamingBothRules() throws IOException {
        Path kb = copy();
        Path adult = kb.resolve(KB + "postcovid-adult.drl");
        int original = lineOf(adult, "rule \"PC-A3 adult Bell score at or below the threshold\"");
        String drl = Files.readString(adult);
        // an author writes a new criterion by copying PC-A3's rule and forgets to change its @id
        String copied = """

                rule "PC-A6 adult Bell score at most 40"
                    @id("PC-A3")
                    @source("000_b510353f4949bed4.txt — Criteria voor volwassenen: '…'")
                when
                    PatientAge(ageGroup == AgeGroup.ADULT)
                    PostCovidFacts($score : bellScore)
                then
                    insert(Finding.decide(drools, Tri.atMost($score, 40), null, Finding.inputs("postCovid.bellScore", $score),
                            "bellScore", $score, "threshold", 40));
                end
                """;
        Files.writeString(adult, drl + copied);
        int copy = lineOf(adult, "rule \"PC-A6 adult Bell score at most 40\"");
        assertThat(refusal(kb)).contains(adult + ":" + copy + ": rule \"PC-A6 adult Bell score at most 40\" and rule"
                + " \"PC-A3 adult Bell score at or below the threshold\" (" + adult + ":" + original
                + ") share @id(\"PC-A3\") and both derive message keys PC-A3.MET, PC-A3.NOT_MET, PC-A3.UNKNOWN");
    }

    @Test
    void aRuleCopiedWithItsOldIdIntoAnotherFileIsRefusedNamingBothRules() throws IOException {
        Path kb = copy();
        Path centre = kb.resolve(KB + "postcovid-centre.drl");
        int original = lineOf(centre, "rule \"PC-R5 adults from every region can be offered a place from the date of nationwide access\"");
        // a knowledge rule (no message) copied to a new file: only the one-file rule can catch it
        Path extra = kb.resolve(KB + "postcovid-extra.drl");
        Files.writeString(extra, """
                package nl.zorgregels.kb;

                import java.time.LocalDate;
                import nl.zorgregels.model.*;
                import nl.zorgregels.kb.fact.*;

                rule "PC-R8 nationwide access for children from 1 March 2026"
                    @id("PC-R5")
                    @source("000_b510353f4949bed4.txt — Toewijzing: '…'")
                when
                then
                    insert(new NationwideAccess(LocalDate.parse("2026-03-01")));
                end
                """);
        assertThat(refusal(kb)).contains(extra + ":7: rule \"PC-R8 nationwide access for children from 1 March 2026\""
                + " has @id(\"PC-R5\") like rule \"PC-R5 adults from every region can be offered a place from the date of nationwide access\" ("
                + centre + ":" + original + "), in another file: all rules of one requirement live in one .drl file");
    }

    @Test
    void aCriterionWithTextsPerCaseListsThemAll() {
        // the PC-A5 pattern: one rule, a text per pathway (its @messages), and the UNKNOWN text
        assertThat(Engines.shared().rules())
                .filteredOn(r -> r.id().equals("PC-A5")).singleElement().extracting(r -> r.messageKeys())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
                .containsExactly("PC-A5.MET.COMPLETED", "PC-A5.MET.NOT_POSSIBLE_DUE_TO_SEVERITY", "PC-A5.NOT_MET.IN_PROGRESS",
                        "PC-A5.NOT_MET.NONE", "PC-A5.UNKNOWN");
    }

    @Test
    void aDefaultMessageKeyMissingFromABundleIsRefused() throws IOException {
        Path kb = copy();
        removeFromBothBundles(kb, "PC-A3.NOT_MET");
        Path adult = kb.resolve(KB + "postcovid-adult.drl");
        int line = lineOf(adult, "rule \"PC-A3 adult Bell score at or below the threshold\"");
        assertThat(refusal(kb)).contains(adult + ":" + line + ": rule \"PC-A3 adult Bell score at or below the threshold\""
                + " may derive message key PC-A3.NOT_MET (its @id and a status) but messages_nl.properties has no such key");
    }

    @Test
    void theKeysOfNotesAndCentreOffersAreCheckedToo() throws IOException {
        Path kb = copy();
        removeFromBothBundles(kb, "PC-N1");
        removeFromBothBundles(kb, "PC-R5.NONE_YET");
        removeFromBothBundles(kb, "PC-R7");
        assertThat(refusal(kb))
                .contains("rule \"PC-N1 a place is allocated by lottery per region\" derives NoteFinding.of(…) with the"
                        + " default message key PC-N1 (its @id) but messages_en.properties has no such key")
                .contains("rule \"PC-R5 adult offered no centre yet before nationwide access\" derives"
                        + " CentreFinding.noneYet(…) with the default message key PC-R5.NONE_YET")
                .contains("rule \"PC-R4 adult offered the interim centre while the own one is not open\" attaches note"
                        + " PC-R7, the message key of its text, but messages_nl.properties has no such key");
    }

    @Test
    void theOptionTextsAreTheTableRowsAndARuleAsksOnlyForAdultOrYouth() throws IOException {
        Path kb = copy();
        Path options = kb.resolve(KB + "alk-options.csv");
        Path drl = kb.resolve(KB + "alk-options.drl");
        int line = lineOf(options, "LOGOPEDIE,");
        // the adult referral text of LOGOPEDIE emptied in Dutch: the youth text falls back to it, so it is required
        replace(options, "\"Speech and language therapy\",\"Verwijzing is niet nodig.\",", "\"Speech and language therapy\",,");
        replace(drl, "insert(new AlkOptionAdvice($options, false, \"youth\"));",
                "insert(new AlkOptionAdvice($options, false, \"teen\"));");
        assertThat(refusal(kb))
                .contains(options + ":" + line + ": referralNl is empty")
                .doesNotContain("ALK-T.LOGOPEDIE");
        // the table fixed, the variant is still refused (the tables are checked before the rules' metadata)
        replace(options, "\"Speech and language therapy\",,", "\"Speech and language therapy\",\"Verwijzing is niet nodig.\",");
        String rule = "rule \"ALK-Y child: the options of lighter columns stay available, with youth routes\"";
        assertThat(refusal(kb)).contains(drl + ":" + lineOf(drl, rule) + ": " + rule
                + " creates an AlkOptionAdvice with text variant \"teen\", which is not one of [adult, youth]");
    }

    @Test
    void aFindingBuiltWithNewIsRefusedBecauseItsKeyCannotBeKnown() throws IOException {
        Path kb = copy();
        Path adult = kb.resolve(KB + "postcovid-adult.drl");
        replace(adult, "insert(Finding.decide(drools, $cause, null,\n            Finding.inputs(\"postCovid.complaintsAttributedToCovid\", $cause),\n"
                        + "            \"complaintsAttributedToCovid\", $cause));",
                "insert(new Finding(\"PC-A1\", CriterionStatus.MET, \"PC-A1.MET\", \"x\", java.util.Map.of(), java.util.List.of()));");
        assertThat(refusal(kb)).contains("rule \"PC-A1 adult complaints are the consequence of COVID-19\""
                + " constructs a Finding, CentreFinding, NoteFinding or AlkOptionNote with new; use their factories");
    }

    @Test
    void aRuleFileInAnotherPackageDoesNotSilentlyDropOut() throws IOException {
        // the knowledge base loads package nl.zorgregels.kb only: a typo would leave the rules out
        Path kb = copy();
        Path common = kb.resolve(KB + "postcovid-common.drl");
        replace(common, "package nl.zorgregels.kb;", "package nl.zorgregels.kbx;");
        assertThat(refusal(kb)).contains(common + ":" + lineOf(common, "rule \"PC-X1 no other post-acute")
                + ": rule \"PC-X1 no other post-acute infection syndrome\" is not in the compiled knowledge base:"
                + " its file declares package nl.zorgregels.kbx, and only the packages META-INF/kmodule.xml names are loaded");
    }

    @Test
    void aMissingOrMalformedRequirementsListIsRefused() throws IOException {
        Path kb = copy();
        Path list = kb.resolve(KB + "requirements.json");
        replace(list, "\"kind\": \"centre-note\"", "\"kind\": \"note-of-centre\"");
        assertThat(refusal(kb)).contains("problem(s) in " + list)
                .contains("(PC-R7): \"kind\" must be one of criterion, age-group");
        Files.delete(list);
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(kb))
                .hasMessageContaining("expected exactly one requirements.json but found 0");
    }
}
