package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.OtherPais;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.PostCovidDecision;
import nl.zorgregels.model.PostCovidFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enumerations that are knowledge: an author adds a row to a table of {@code rules-kb} and the
 * engine decides with it, no Java changed (issue #22). Each test edits a copy of the knowledge base
 * ({@link KbSources}) as an author would and decides with {@link ZorgregelsEngine#fromDirectory}.
 */
class KbEnumerationsTest {
    private static final String KB = "nl/zorgregels/kb/";

    @TempDir
    static Path work;

    private static ZorgregelsEngine packaged;

    @BeforeAll
    static void engine() {
        packaged = ZorgregelsEngine.packaged();
    }

    private static String alk(String birthDate, String functionalLimitation) {
        return """
                {"assessmentDate": "2026-11-23", "patient": {"birthDate": "%s"},
                 "alk": {"complaintOnsetDate": "2026-05-01", "limitsFunctioningOrCausesSuffering": true,
                         "complaintPattern": "MULTIPLE", "functionalLimitation": "%s"}}""".formatted(birthDate, functionalLimitation);
    }

    private static List<String> optionIds(ZorgregelsEngine engine, String json) {
        AlkAdvice alk = engine.evaluate(DecisionJson.readAssessment(json)).alk();
        return alk.options().stream().map(AlkOption::id).toList();
    }

    @Test
    void anOptionForAdultsOnlyIsOneRowOfTheOptionsTable() throws IOException {
        Path dir = KbSources.copy(work.resolve("adult-only-option"));
        Path table = dir.resolve(KB + "alk-options.csv");
        String row = "LEEFSTIJLCOACH,MODERATE,ADULT,19,false,\"Leefstijlcoach (test fixture, not the card)\","
                + "\"Leefstijlcoach\",\"Lifestyle coach\",\"Verwijzing door de huisarts.\",\"Referral by the GP.\","
                + "\"Vergoed uit de basisverzekering.\",\"Reimbursed from basic health insurance.\",,,,\n";
        Files.writeString(table, Files.readString(table) + row);
        ZorgregelsEngine edited = ZorgregelsEngine.fromDirectory(dir);

        String adult = alk("1985-03-14", "MODERATE");
        String child = alk("2012-03-14", "MODERATE");
        List<String> adultBefore = optionIds(packaged, adult);
        List<String> adultAfter = optionIds(edited, adult);
        assertThat(adultBefore).doesNotContain("LEEFSTIJLCOACH").isNotEmpty();
        assertThat(adultAfter).contains("LEEFSTIJLCOACH");
        assertThat(adultAfter.stream().filter(id -> !id.equals("LEEFSTIJLCOACH")).toList()).isEqualTo(adultBefore);
        AlkOption coach = edited.evaluate(DecisionJson.readAssessment(adult)).alk().options().stream()
                .filter(o -> o.id().equals("LEEFSTIJLCOACH")).findFirst().orElseThrow();
        assertThat(coach.primary()).isTrue();
        assertThat(coach.name().en()).isEqualTo("Lifestyle coach");
        assertThat(coach.referral().nl()).isEqualTo("Verwijzing door de huisarts.");

        assertThat(optionIds(edited, child)).doesNotContain("LEEFSTIJLCOACH").isEqualTo(optionIds(packaged, child));
        // a severe adult has it as an option of a lighter column, still only as an adult
        assertThat(optionIds(edited, alk("1985-03-14", "SEVERE"))).contains("LEEFSTIJLCOACH");
        assertThat(optionIds(edited, alk("2012-03-14", "SEVERE"))).doesNotContain("LEEFSTIJLCOACH");
    }

    @Test
    void anOptionTakenFromChildrenIsNoLongerOfferedToThem() throws IOException {
        Path dir = KbSources.copy(work.resolve("no-dietetics-for-children"));
        Path table = dir.resolve(KB + "alk-options.csv");
        String text = Files.readString(table);
        assertThat(text).contains("\nDIETETIEK,MILD,ADULT CHILD,");
        Files.writeString(table, text.replace("\nDIETETIEK,MILD,ADULT CHILD,", "\nDIETETIEK,MILD,ADULT,"));
        ZorgregelsEngine edited = ZorgregelsEngine.fromDirectory(dir);
        String child = alk("2012-03-14", "LIGHT");
        assertThat(optionIds(packaged, child)).contains("DIETETIEK");
        assertThat(optionIds(edited, child)).doesNotContain("DIETETIEK");
        assertThat(optionIds(edited, alk("1985-03-14", "LIGHT"))).contains("DIETETIEK");
    }

    private static final String DENGUE_ROW = "DENGUE,PC-X1,\"test fixture: the author's reading, not the FAQ's list\"\n";

    private static Path withDengue(String name, boolean named) throws IOException {
        Path dir = KbSources.copy(work.resolve(name));
        Path table = dir.resolve(KB + "other-pais.csv");
        Files.writeString(table, Files.readString(table) + DENGUE_ROW);
        if (named) {
            for (String[] lang : new String[][] {{"nl", "dengue (knokkelkoorts)"}, {"en", "dengue fever"}}) {
                Path bundle = dir.resolve(KB + "messages_" + lang[0] + ".properties");
                Files.writeString(bundle, Files.readString(bundle) + "\nvalue.DENGUE=" + lang[1] + "\n");
            }
        }
        return dir;
    }

    private static String postCovid(String otherPais) {
        return """
                {"assessmentDate": "2026-11-23", "patient": {"birthDate": "1980-04-02", "umcRegion": "AMSTERDAM_UMC",
                 "dutchGeneralPractitioner": true, "dutchHealthInsurance": true},
                 "postCovid": {"complaintsAttributedToCovid": true, "otherCausesInvestigated": true,
                               "complaintOnsetDate": "2025-06-01", "bellScore": 50, "complaintsFromPreExistingDisease": false,
                               "treatmentPathway": "COMPLETED", "otherPais": %s}}""".formatted(otherPais);
    }

    private static CriterionResult pcX1(PostCovidDecision pc) {
        return pc.criteria().stream().filter(c -> c.id().equals("PC-X1")).findFirst().orElseThrow();
    }

    @Test
    void aKindOfOtherPaisAddedAsARowIsDecidedWithItsTexts() throws IOException {
        ZorgregelsEngine edited = ZorgregelsEngine.fromDirectory(withDengue("dengue", true));
        Assessment dengue = DecisionJson.readAssessment(postCovid("[\"DENGUE\"]"));
        PostCovidDecision pc = edited.evaluate(dengue).postCovid();

        assertThat(pc.outcome()).isEqualTo(Outcome.NOT_ELIGIBLE);
        CriterionResult x1 = pcX1(pc);
        assertThat(x1.status()).isEqualTo(CriterionStatus.NOT_MET);
        assertThat(x1.facts()).containsEntry("otherPais", List.of("DENGUE"));
        assertThat(x1.message().nl()).contains("dengue (knokkelkoorts)");
        assertThat(x1.message().en()).contains("dengue fever").startsWith("Other post-acute infection syndrome (PAIS)");
        // the same case without it is eligible: DENGUE alone decides PC-X1
        assertThat(edited.evaluate(DecisionJson.readAssessment(postCovid("[]"))).postCovid().outcome())
                .isEqualTo(Outcome.ELIGIBLE);
        // the Java builder takes the new kind by its code, and decides the same
        PostCovidFacts f = dengue.postCovid();
        Assessment built = new Assessment(dengue.assessmentDate(), dengue.patient(), PostCovidFacts.builder()
                .complaintsAttributedToCovid(f.complaintsAttributedToCovid()).otherCausesInvestigated(true)
                .complaintOnsetDate(f.complaintOnsetDate()).bellScore(50).complaintsFromPreExistingDisease(false)
                .treatmentPathway(f.treatmentPathway()).otherPais(List.of(OtherPais.of("DENGUE"))).build(), null);
        assertThat(edited.evaluate(built)).isEqualTo(edited.evaluate(dengue));
        // a shipped kind is decided as by the packaged knowledge base
        Assessment lyme = DecisionJson.readAssessment(postCovid("[\"LYME\"]"));
        assertThat(pcX1(edited.evaluate(lyme).postCovid())).isEqualTo(pcX1(packaged.evaluate(lyme).postCovid()));
    }

    @Test
    void theShippedKnowledgeBaseRefusesAKindItDoesNotListNamingTheFieldAndTheCodes() {
        Assessment a = DecisionJson.readAssessment(postCovid("[\"LYME\", \"DENGUE\"]"));
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> packaged.evaluate(a));
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("postCovid.otherPais[1]");
        assertThat(e.rule()).startsWith("must be one of ME_CVS, LYME, Q_FEVER, POST_SEPSIS (the kinds of other PAIS in the"
                + " knowledge base's other-pais.csv) but was \"DENGUE\"");
    }

    @Test
    void aKindWithoutItsNameInTheBundlesIsRefusedNamingFileAndLine() throws IOException {
        Path dir = withDengue("dengue-unnamed", false);
        KnowledgeBaseException e = catchThrowableOfType(KnowledgeBaseException.class, () -> ZorgregelsEngine.fromDirectory(dir));
        assertThat(e).isNotNull();
        Path table = dir.resolve(KB + "other-pais.csv");
        int line = Files.readAllLines(table).size();
        assertThat(e.getMessage()).contains(table + ":" + line + ": kind DENGUE has no name in messages_nl.properties and"
                + " messages_en.properties; add value.DENGUE=");
    }

    @Test
    void aPlainJacksonMapperWritesAndReadsAKindByItsCodeAsItDidTheEnum() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper plain = new com.fasterxml.jackson.databind.ObjectMapper();
        List<OtherPais> kinds = List.of(OtherPais.LYME, OtherPais.of("DENGUE"));
        String json = plain.writeValueAsString(kinds);
        assertThat(json).isEqualTo("[\"LYME\",\"DENGUE\"]");
        List<OtherPais> read = plain.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<List<OtherPais>>() { });
        assertThat(read).isEqualTo(kinds);
        assertThat((Object) read.get(0)).isSameAs(OtherPais.LYME);
    }
}
