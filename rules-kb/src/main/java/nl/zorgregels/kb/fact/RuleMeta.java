package nl.zorgregels.kb.fact;

import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;
import org.drools.model.Drools;

/** Reads the {@code @id}, {@code @source} and {@code @message} metadata of the firing rule. */
final class RuleMeta {
    private RuleMeta() {
    }

    static String id(Drools drools) {
        return required(rule(drools), "id");
    }

    static String source(Drools drools) {
        return required(rule(drools), "source");
    }

    static String messageKey(Drools drools, String fallback) {
        Object key = rule(drools).getMetaData().get("message");
        return key == null ? fallback : key.toString();
    }

    /** The executable model's consequence context is also the firing rule's {@link RuleContext}. */
    private static Rule rule(Drools drools) {
        if (drools instanceof RuleContext context) {
            return context.getRule();
        }
        throw new IllegalStateException("consequence context " + drools.getClass().getName()
                + " gives no access to the firing rule");
    }

    private static String required(Rule rule, String name) {
        Object value = rule.getMetaData().get(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("rule \"" + rule.getName() + "\" has no @" + name + " metadata");
        }
        return value.toString();
    }
}
