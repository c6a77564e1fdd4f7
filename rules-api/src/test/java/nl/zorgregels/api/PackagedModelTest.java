package nl.zorgregels.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import nl.zorgregels.api.internal.kb.KnowledgeBase;
import org.drools.compiler.kproject.models.KieModuleModelImpl;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.model.KieBaseModel;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.conf.BetaRangeIndexOption;
import org.kie.api.conf.DeclarativeAgendaOption;
import org.kie.api.conf.EqualityBehaviorOption;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.conf.PrototypesOption;
import org.kie.api.conf.SequentialOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The packaged knowledge base is loaded straight from its executable-model classes, not through a
 * class-path KieContainer (which reads kmodule.xml). That is the same knowledge base only while
 * kmodule.xml's base keeps the default runtime options and holds the same rules: checked here.
 */
class PackagedModelTest {
    @Test
    void kmoduleBaseHasTheDefaultRuntimeOptionsTheDirectLoadUses() throws Exception {
        KieModuleModel module;
        try (InputStream in = KnowledgeBase.class.getClassLoader().getResourceAsStream("META-INF/kmodule.xml")) {
            assertThat(in).as("META-INF/kmodule.xml of rules-kb").isNotNull();
            module = KieModuleModelImpl.fromXML(in);
        }
        assertThat(module.getKieBaseModels()).containsOnlyKeys("zorgregels");
        KieBaseModel base = module.getKieBaseModels().get("zorgregels");
        assertThat(base.getPackages()).containsExactly("nl.zorgregels.kb");
        assertThat(base.getIncludes()).isEmpty();
        assertThat(base.getEqualsBehavior()).isEqualTo(EqualityBehaviorOption.IDENTITY);
        assertThat(base.getEventProcessingMode()).isEqualTo(EventProcessingOption.CLOUD);
        assertThat(base.getDeclarativeAgenda()).isEqualTo(DeclarativeAgendaOption.DISABLED);
        assertThat(base.getSequential()).isEqualTo(SequentialOption.NO);
        assertThat(base.getMutability()).isEqualTo(KieBaseMutabilityOption.ALLOWED);
        assertThat(base.getPrototypes()).isEqualTo(PrototypesOption.DISABLED);
        assertThat(base.getBetaRangeIndexOption()).isEqualTo(BetaRangeIndexOption.DISABLED);
    }

    @Test
    void theDirectLoadHasTheRulesOfTheClassPathContainer() {
        KieBase direct = KnowledgeBase.packaged().kieBase;
        KieBase container = KieServices.get().newKieClasspathContainer(KnowledgeBase.class.getClassLoader())
                .getKieBase("zorgregels");
        // the centre openings, interim allocation and ALK options are tables now, not rules
        assertThat(ruleNames(direct)).hasSizeGreaterThan(70).isEqualTo(ruleNames(container));
    }

    private static Set<String> ruleNames(KieBase kieBase) {
        Set<String> names = new TreeSet<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                names.add(p.getName() + "." + r.getName());
            }
        }
        return names;
    }
}
