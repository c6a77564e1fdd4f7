package nl.zorgregels.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.zorgregels.model.LocalizedText;

/**
 * The Dutch and English message bundles of the knowledge base. A message is a template whose
 * {@code {name}} placeholders are filled with the facts of the finding; a fact value {@code X}
 * with an entry {@code value.X} in the bundle (an enum constant, true/false) is shown by that
 * entry. Immutable.
 */
final class Messages {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final Properties nl;
    private final Properties en;

    private Messages(Properties nl, Properties en) {
        this.nl = nl;
        this.en = en;
    }

    /** Loads the two bundles from their bytes (UTF-8); {@code name} says where they came from. */
    static Messages fromBytes(byte[] nl, String nlName, byte[] en, String enName) {
        return new Messages(load(nl, nlName), load(en, enName));
    }

    private static Properties load(byte[] bytes, String name) {
        try {
            Properties p = new Properties();
            p.load(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
            return p;
        } catch (IOException | IllegalArgumentException e) {
            throw new KnowledgeBaseException("message bundle " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * @param key   the message key
     * @param facts the values for the placeholders
     * @return the text in both languages
     * @throws KnowledgeBaseException if the key is missing in a bundle or a placeholder has no fact
     */
    LocalizedText format(String key, Map<String, Object> facts) {
        return new LocalizedText(format(nl, "nl", key, facts), format(en, "en", key, facts));
    }

    /** @return the languages ("nl", "en") whose bundle has no message {@code key} */
    List<String> missingIn(String key) {
        List<String> missing = new java.util.ArrayList<>(2);
        if (nl.getProperty(key) == null) {
            missing.add("nl");
        }
        if (en.getProperty(key) == null) {
            missing.add("en");
        }
        return missing;
    }

    private static String format(Properties bundle, String language, String key, Map<String, Object> facts) {
        String template = bundle.getProperty(key);
        if (template == null) {
            throw new KnowledgeBaseException("message key " + key + " is missing in messages_" + language + ".properties");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        while (m.find()) {
            String name = m.group(1);
            if (!facts.containsKey(name)) {
                throw new KnowledgeBaseException("message " + key + " (" + language + ") uses {" + name
                        + "} but the rule gives no fact of that name; it gives " + facts.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text(bundle, facts.get(name))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A fact as text: a value with an entry {@code value.<VALUE>} in the bundle is shown by that entry. */
    private static String text(Properties bundle, Object value) {
        if (value instanceof Collection<?> c) {
            return c.stream().map(v -> text(bundle, v)).collect(Collectors.joining(", "));
        }
        String raw = String.valueOf(value);
        return bundle.getProperty("value." + raw, raw);
    }
}
