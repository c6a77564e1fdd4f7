package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.model.Assessment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine built from a directory of rule sources (what {@code --kb DIR} uses): the packaged
 * sources give the packaged decisions and checksum; a broken edit never gives an engine, and the
 * error names the file and line.
 */
class DirectoryKnowledgeBaseTest {
    private static final Path SOURCES = KbSources.DIR;

    private static ZorgregelsEngine fromSources;

    @BeforeAll
    static void build() {
        fromSources = ZorgregelsEngine.fromDirectory(SOURCES);
    }

    @Test
    void thePackagedSourcesGiveTheSameDecisionOnEveryScenario() {
        ZorgregelsEngine packaged = Engines.shared();
        assertThat(fromSources.knowledgeBase().checksum()).isEqualTo(packaged.knowledgeBase().checksum());
        assertThat(fromSources.knowledgeBase().version()).startsWith("local:");
        int compared = 0;
        for (Scenario s : ScenarioLoader.allScenarios()) {
            Assessment input;
            try {
                input = DecisionJson.readAssessment(s.inputJson());
            } catch (RuntimeException rejected) {
                continue; // an input the binding refuses has no decision; ScenarioSuiteTest reports it
            }
            String expected = DecisionJson.write(packaged.evaluate(input)).replaceFirst("\"version\": \"[^\"]*\"", "");
            String actual = DecisionJson.write(fromSources.evaluate(input)).replaceFirst("\"version\": \"[^\"]*\"", "");
            assertThat(actual).as(s.displayName()).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isGreaterThan(150);
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLineAndGivesNoEngine(@TempDir Path tmp) throws IOException {
        Path kb = KbSources.copy(tmp);
        Path adult = kb.resolve("nl/zorgregels/kb/postcovid-adult.drl");
        String drl = Files.readString(adult);
        int line = lineOf(drl, "PostCovidFacts($score : bellScore)");
        Files.writeString(adult, drl.replace("PostCovidFacts($score : bellScore)", "PostCovidFacts($score : bellScore"));
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(kb))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining(adult + ":" + (line + 1) + ":");
    }

    @Test
    void anUnknownFunctionIsReportedNamingTheFile(@TempDir Path tmp) throws IOException {
        Path kb = KbSources.copy(tmp);
        Path centre = kb.resolve("nl/zorgregels/kb/postcovid-centre.drl");
        Files.writeString(centre, Files.readString(centre).replace("sortedCentres($open)", "sortedCentrez($open)"));
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(kb))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining("error(s) in the knowledge base")
                .hasMessageContaining("sortedCentrez");
    }

    @Test
    void aRuleWhoseSourceOnlyRepeatsItsRequirementsPassageIsRefused(@TempDir Path tmp) throws IOException {
        // a rule without @source cites its requirement's passage (said once, in requirements.json); one that
        // repeats it is refused, so the passage cannot drift apart in two places
        Path kb = KbSources.copy(tmp);
        Path common = kb.resolve("nl/zorgregels/kb/postcovid-common.drl");
        String drl = Files.readString(common);
        String head = "rule \"PC-G2 other causes of the complaints investigated\"\n    @id(\"PC-G2\")";
        assertThat(drl).contains(head);
        String passage = fromSources.requirements().stream().filter(r -> r.id().equals("PC-G2")).findFirst()
                .orElseThrow().source();
        Files.writeString(common, drl.replace(head, head + "\n    @source(\"" + passage + "\")"));
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(kb))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining("rule \"PC-G2 other causes of the complaints investigated\" has an @source that"
                        + " repeats the passage of requirement PC-G2 in requirements.json; delete it");
    }

    @Test
    void aMessageNamedByARuleButMissingFromABundleIsRefused(@TempDir Path tmp) throws IOException {
        Path kb = KbSources.copy(tmp);
        // from both bundles: a key in one bundle only is refused earlier, as BrokenKnowledgeBaseTest shows
        for (String bundle : new String[] {"messages_en.properties", "messages_nl.properties"}) {
            Path file = kb.resolve("nl/zorgregels/kb/" + bundle);
            Files.writeString(file, Files.readString(file).replaceFirst("(?m)^PC-A5\\.MET\\.COMPLETED=.*$", ""));
        }
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(kb))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining("may derive message key PC-A5.MET.COMPLETED (its @id and @messages entry MET.COMPLETED)"
                        + " but messages_en.properties has no such key");
    }

    @Test
    void aDirectoryWithoutRulesOrBundlesIsRefused(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(tmp)).hasMessageContaining("no .drl files");
        Path kb = KbSources.copy(tmp.resolve("kb"));
        Files.delete(kb.resolve("nl/zorgregels/kb/messages_nl.properties"));
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(kb))
                .hasMessageContaining("expected exactly one messages_nl.properties but found 0");
        assertThatThrownBy(() -> ZorgregelsEngine.fromDirectory(tmp.resolve("nothing-here")))
                .hasMessageContaining("not a directory");
    }

    private static int lineOf(String text, String fragment) {
        int index = text.indexOf(fragment);
        assertThat(index).as(fragment).isNotNegative();
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
