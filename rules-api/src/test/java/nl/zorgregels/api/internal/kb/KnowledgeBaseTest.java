package nl.zorgregels.api.internal.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/** The packaged knowledge base: metadata on every rule, complete bundles, a stable identity. */
class KnowledgeBaseTest {
    private static final Pattern ID = Pattern.compile("PC-(G[1-3]|A[1-5]|C[1-5]|X[12]|N[1-8]|R[1-8]|W1|OUTCOME)|ALK-(D1|S1|T|Y|H1|W1|N[12])"
            + "|SAFE-(CONFLICT|DATA|MECVS|AGE|TREATMENT|CHILD-CENTRE)");
    private static final Pattern SOURCE = Pattern.compile("\\d{3}_[0-9a-f]{16}\\.txt — .{10,}");

    private static KnowledgeBase kb;
    private static List<Rule> rules;

    @BeforeAll
    static void load() {
        kb = KnowledgeBase.packaged();
        rules = new ArrayList<>();
        for (KiePackage p : kb.kieBase.getKiePackages()) {
            rules.addAll(p.getRules());
        }
    }

    @Test
    void theKnowledgeBaseHasThePostCovidRules() {
        assertThat(rules).extracting(Rule::getName)
                .contains("PC-A3 adult Bell score at or below the threshold",
                        "PC-C3 child functioning reduced",
                        "PC outcome: eligible when every criterion is met");
        assertThat(rules.size()).isGreaterThanOrEqualTo(45);
    }

    @Test
    void everyRuleCarriesARequirementIdAndASourcePassageOnlyWhenItCitesMoreThanItsRequirement() {
        for (Rule rule : rules) {
            Object id = rule.getMetaData().get("id");
            Object source = rule.getMetaData().get("source");
            assertThat(id).as("@id of rule \"%s\"", rule.getName()).isNotNull();
            assertThat(id.toString()).as("@id of rule \"%s\"", rule.getName()).matches(ID);
            // a rule without @source cites its requirement's passage (requirements.json): said once
            if (source != null) {
                assertThat(source.toString()).as("@source of rule \"%s\"", rule.getName()).matches(SOURCE);
            }
            assertThat(rule.getName()).as("rule name starts with its id")
                    .startsWith(id.toString().replace("-OUTCOME", " outcome"));
        }
    }

    @Test
    void dutchAndEnglishBundlesHaveTheSameKeys() throws Exception {
        assertThat(bundle("messages_en.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(bundle("messages_nl.properties").stringPropertyNames());
    }

    @Test
    void everyMessageOverrideNamedByARuleExistsInBothBundles() throws Exception {
        Properties nl = bundle("messages_nl.properties");
        Properties en = bundle("messages_en.properties");
        for (Rule rule : rules) {
            Object key = rule.getMetaData().get("message");
            if (key != null) {
                assertThat(nl).as("nl message of \"%s\"", rule.getName()).containsKey(key.toString());
                assertThat(en).as("en message of \"%s\"", rule.getName()).containsKey(key.toString());
            }
        }
    }

    @Test
    void versionAndChecksumIdentifyTheRuleSources() {
        assertThat(kb.info.version()).isNotBlank();
        assertThat(kb.info.checksum()).matches("sha256:[0-9a-f]{64}");
        assertThat(KnowledgeBase.packaged().info).isEqualTo(kb.info);
    }

    private static Properties bundle(String name) throws Exception {
        try (InputStream in = KnowledgeBaseTest.class.getClassLoader()
                .getResourceAsStream(KnowledgeBase.RESOURCE_ROOT + name)) {
            assertThat(in).as(name).isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }
}
