package nl.zorgregels.kb.fact;

import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;
import org.drools.model.Drools;

/** Reads the {@code @id}, {@code @source} and {@code @message} metadata of the firing rule. */
public final class RuleMeta {
    private RuleMeta() {
    }

    static String id(Drools drools) {
        return required(rule(drools), "id");
    }

    /** The rule's own {@code @source}, or null: then the source is its requirement's passage. */
    static String source(Drools drools) {
        return value(rule(drools), "source");
    }

    /** The keys after the id a {@link Finding#decide} rule may derive: its {@code @messages}, or the three statuses. */
    static java.util.List<String> messages(Drools drools) {
        return messages(value(rule(drools), "messages"));
    }

    /**
     * @param annotation the value of {@code @messages}, or null
     * @return its keys (after the id), comma-separated in the annotation; without one MET, NOT_MET and UNKNOWN
     */
    public static java.util.List<String> messages(String annotation) {
        if (annotation == null) {
            return DEFAULT_MESSAGES;
        }
        return java.util.Arrays.stream(annotation.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    private static final java.util.List<String> DEFAULT_MESSAGES = java.util.List.of("MET", "NOT_MET", "UNKNOWN");

    static String name(Drools drools) {
        return rule(drools).getName();
    }

    static String messageKey(Drools drools, String fallback) {
        String key = value(rule(drools), "message");
        return key == null ? fallback : key;
    }

    /**
     * A metadata value as text. A knowledge base compiled at run time keeps the quotes of
     * {@code @id("...")} in the value where the Maven build drops them; both read the same here.
     *
     * @param rule a rule
     * @param name the metadata name, e.g. {@code id}
     * @return the value without surrounding quotes, or null if the rule has none
     */
    public static String value(Rule rule, String name) {
        Object value = rule.getMetaData().get(name);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text;
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
        String value = value(rule, name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("rule \"" + rule.getName() + "\" has no @" + name + " metadata");
        }
        return value;
    }
}
