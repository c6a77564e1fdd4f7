package nl.zorgregels.api;

import java.util.ArrayList;
import java.util.List;
import nl.zorgregels.kb.fact.RuleMeta;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Checks what every rule of a knowledge base must carry: {@code @id} (requirement id) and
 * {@code @source} (seed file and passage), and for a rule that names its message with
 * {@code @message}, that message in both bundles. A knowledge base failing this is never used.
 */
final class RuleMetadata {
    private RuleMetadata() {
    }

    /** @throws KnowledgeBaseException listing every rule that breaks the rules above */
    static void check(KieBase kieBase, Messages messages) {
        List<String> problems = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule rule : p.getRules()) {
                String where = "rule \"" + rule.getName() + "\"";
                for (String required : List.of("id", "source")) {
                    String value = RuleMeta.value(rule, required);
                    if (value == null || value.isBlank()) {
                        problems.add(where + " has no @" + required);
                    }
                }
                String key = RuleMeta.value(rule, "message");
                if (key != null) {
                    for (String language : messages.missingIn(key)) {
                        problems.add(where + " names @message(\"" + key + "\") but messages_" + language
                                + ".properties has no such key");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeBaseException(problems.size() + " problem(s) in the rules' metadata:\n  "
                    + String.join("\n  ", problems));
        }
    }
}
