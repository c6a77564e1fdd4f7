package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
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
}
