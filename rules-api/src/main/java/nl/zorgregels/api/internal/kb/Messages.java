package nl.zorgregels.api.internal.kb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.MessageOrigin;
import nl.zorgregels.model.LocalizedText;

/**
 * The Dutch and English message bundles of the knowledge base. A message is a template whose
 * {@code {name}} placeholders are filled with the facts of the finding; a fact value {@code X}
 * with an entry {@code value.X} in the bundle (an enum constant, true/false) is shown by that
 * entry. A placeholder {@code {param:name}} is filled with the value of the parameter
 * ({@code parameters.csv}) in force on the assessment date ({@link #on}): a number as written, a
 * date as {@code yyyy-mm-dd}; so a text never restates a threshold, duration or date. A format after
 * a colon, {@code {openFrom:monthYear}} or {@code {param:name:monthYear}}, shows a date as the
 * bundle's {@code letter.monthYear} with its {@code letter.month.N} ("februari 2025"). The templates
 * are parsed once, when the bundles are loaded, and the texts of templates without placeholders are
 * made once. Immutable and thread-safe.
 */
public final class Messages {
    /** A placeholder: group 1 {@code param:} or null, group 2 the name, group 3 the format or null. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(param:)?([A-Za-z][A-Za-z0-9]*)(?::([A-Za-z]+))?}");
    /** The formats a placeholder may name. */
    static final List<String> FORMATS = List.of("monthYear");
    private static final String VALUE_PREFIX = "value.";
    private static final String PARAM = "param:";

    private final Bundle nl;
    private final Bundle en;
    private final KbParameters parameters;
    /** The date whose parameters {@code {param:name}} shows; null: outside a decision (the earliest row). */
    private final java.time.LocalDate on;
    /** A key that is a requirement's own text: an id such as {@code PC-N3} or {@code SAFE-AGE}, then a variant. */
    private static final Pattern REQUIREMENT_KEY = Pattern.compile("[A-Z]+-[A-Z0-9-]+(\\.|$)");
    /** The texts of the keys whose templates have no placeholder in either bundle, made once. */
    private final Map<String, LocalizedText> constants;

    private Messages(Bundle nl, Bundle en, KbParameters parameters, java.time.LocalDate on,
                     Map<String, LocalizedText> constants) {
        this.nl = nl;
        this.en = en;
        this.parameters = parameters;
        this.on = on;
        this.constants = constants;
    }

    private Messages(Bundle nl, Bundle en, KbParameters parameters) {
        this.nl = nl;
        this.en = en;
        this.parameters = parameters;
        this.on = null;
        Map<String, LocalizedText> c = new HashMap<>();
        for (Map.Entry<String, Template> e : nl.templates.entrySet()) {
            Template other = en.templates.get(e.getKey());
            if (other != null && e.getValue().isConstant() && other.isConstant()) {
                c.put(e.getKey(), new LocalizedText(e.getValue().literal(0), other.literal(0)));
            }
        }
        this.constants = Map.copyOf(c);
    }

    /**
     * Loads the two bundles from their bytes (UTF-8); {@code name} says where they came from.
     *
     * @param parameters the parameters a {@code {param:name}} shows
     */
    public static Messages fromBytes(byte[] nl, String nlName, byte[] en, String enName, KbParameters parameters) {
        return new Messages(new Bundle("nl", load(nl, nlName)), new Bundle("en", load(en, enName)), parameters);
    }

    /**
     * @param date the assessment date of the decision the texts are for
     * @return these messages, their {@code {param:name}} filled with the values in force on that date
     */
    public Messages on(java.time.LocalDate date) {
        return java.util.Objects.equals(date, on) ? this : new Messages(nl, en, parameters, date, constants);
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
    public LocalizedText format(String key, Map<String, Object> facts) {
        LocalizedText constant = constants.get(key);
        if (constant != null) {
            return constant;
        }
        return new LocalizedText(nl.format(key, facts, this), en.format(key, facts, this));
    }

    /** The text of a parameter's value in force (see {@link #on}), as a {@code {param:name}} shows it. */
    private Object parameter(String key, String language, String name) {
        java.util.Optional<nl.zorgregels.kb.fact.Parameter> p = on == null
                ? parameters.rows(name).stream().findFirst() : parameters.inForce(name, on);
        if (p.isEmpty()) {
            throw new KnowledgeBaseException("message " + key + " (" + language + ") uses {param:" + name + "} but "
                    + KbParameters.FILE + " has no value of " + name + (on == null ? "" : " in force on " + on));
        }
        return p.get().date() != null ? p.get().date() : p.get().number();
    }

    /** @return the languages ("nl", "en") whose bundle has no message {@code key} */
    public List<String> missingIn(String key) {
        List<String> missing = new java.util.ArrayList<>(2);
        if (!nl.templates.containsKey(key)) {
            missing.add("nl");
        }
        if (!en.templates.containsKey(key)) {
            missing.add("en");
        }
        return missing;
    }

    /**
     * @param key the message key
     * @return its template in both languages as the bundles give it, {@code {name}} placeholders
     *         unfilled; empty if either bundle lacks the key
     */
    public Optional<LocalizedText> template(String key) {
        Template n = nl.templates.get(key);
        Template e = en.templates.get(key);
        return n == null || e == null ? Optional.empty()
                : Optional.of(new LocalizedText(nl.text(key, n, this), en.text(key, e, this)));
    }

    /**
     * Which message a text is: the key, {@code id} itself or one beginning with {@code id.}, whose
     * template gives exactly this text in both languages, with the text each placeholder was filled
     * with (as shown: a code by its {@code value.X} text, a date as written). Keys are tried in
     * alphabetical order; a template without placeholders matches only its own text. When the bundles
     * have no text of the id at all (an item that shows another note's text), the texts of every
     * requirement id are tried.
     *
     * @param id   the requirement id the message belongs to, e.g. {@code SAFE-MECVS}
     * @param text a message made by this knowledge base for that id
     * @return the key and the filled-in values, or empty if no template of the id gives the text
     */
    public Optional<MessageOrigin> origin(String id, LocalizedText text) {
        TreeSet<String> keys = new TreeSet<>();
        for (String key : nl.templates.keySet()) {
            if ((key.equals(id) || key.startsWith(id + ".")) && en.templates.containsKey(key)) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            // an item that shows another note's text (safety.drl: SAFE-AGE shows PC-N3): the keys of
            // the requirements' own texts (an id such as PC-N3, not letter., report., value. …)
            for (String key : nl.templates.keySet()) {
                if (REQUIREMENT_KEY.matcher(key).lookingAt() && en.templates.containsKey(key)) {
                    keys.add(key);
                }
            }
        }
        for (String key : keys) {
            Map<String, String> dutch = Template.parse(nl.text(key, nl.templates.get(key), this)).match(text.nl());
            Map<String, String> english = dutch == null ? null
                    : Template.parse(en.text(key, en.templates.get(key), this)).match(text.en());
            if (english != null && dutch.keySet().equals(english.keySet())) {
                Map<String, LocalizedText> facts = new TreeMap<>();
                dutch.forEach((name, value) -> facts.put(name, new LocalizedText(value, english.get(name))));
                return Optional.of(new MessageOrigin(key, facts));
            }
        }
        return Optional.empty();
    }

    /**
     * A template split once into literal text and placeholders: {@code parts} alternate literal,
     * placeholder name, literal, ..., always beginning and ending with a (possibly empty) literal.
     */
    private record Template(String[] parts) {
        static Template parse(String template) {
            List<String> parts = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(template);
            int at = 0;
            while (m.find()) {
                parts.add(template.substring(at, m.start()));
                parts.add(m.group(0).substring(1, m.group(0).length() - 1)); // name, name:format, param:name[:format]
                at = m.end();
            }
            parts.add(template.substring(at));
            return new Template(parts.toArray(String[]::new));
        }

        boolean isConstant() {
            return parts.length == 1;
        }

        String literal(int i) {
            return parts[i];
        }

        /** @return the template as written, placeholders unfilled */
        String text() {
            StringBuilder t = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                t.append(i % 2 == 0 ? parts[i] : "{" + parts[i] + "}");
            }
            return t.toString();
        }

        /**
         * @param text a text
         * @return the value of each placeholder if this template, filled in, gives exactly the text
         *         (a placeholder used twice must have the same value twice); null if it cannot
         */
        Map<String, String> match(String text) {
            if (parts.length == 1) {
                return parts[0].equals(text) ? Map.of() : null;
            }
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                regex.append(i % 2 == 0 ? Pattern.quote(parts[i]) : "(.*?)");
            }
            Matcher m = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text);
            if (!m.matches()) {
                return null;
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 1, group = 1; i < parts.length; i += 2, group++) {
                String previous = values.putIfAbsent(parts[i], m.group(group));
                if (previous != null && !previous.equals(m.group(group))) {
                    return null;
                }
            }
            return values;
        }
    }

    /** One language's templates, parsed when loaded, and its {@code value.X} texts. */
    private static final class Bundle {
        final String language;
        final Map<String, Template> templates;
        final Map<String, Template> values;

        Bundle(String language, Properties properties) {
            this.language = language;
            Map<String, Template> t = new HashMap<>();
            Map<String, Template> v = new HashMap<>();
            for (String key : properties.stringPropertyNames()) {
                Template template = Template.parse(properties.getProperty(key));
                t.put(key, template);
                if (key.startsWith(VALUE_PREFIX)) {
                    v.put(key.substring(VALUE_PREFIX.length()), template);
                }
            }
            this.templates = Map.copyOf(t);
            this.values = Map.copyOf(v);
        }

        String format(String key, Map<String, Object> facts, Messages messages) {
            Template template = templates.get(key);
            if (template == null) {
                throw new KnowledgeBaseException("message key " + key + " is missing in messages_" + language + ".properties");
            }
            return fill(key, template, facts, messages, false);
        }

        /** A template with its {@code {param:name}} filled and its fact placeholders as written. */
        String text(String key, Template template, Messages messages) {
            return fill(key, template, null, messages, true);
        }

        private String fill(String key, Template template, Map<String, Object> facts, Messages messages, boolean keepFacts) {
            String[] parts = template.parts();
            if (parts.length == 1) {
                return parts[0];
            }
            StringBuilder out = new StringBuilder(128);
            out.append(parts[0]);
            for (int i = 1; i < parts.length; i += 2) {
                String spec = parts[i];
                boolean param = spec.startsWith(PARAM);
                String name = param ? spec.substring(PARAM.length()) : spec;
                int colon = name.indexOf(':');
                String format = colon < 0 ? null : name.substring(colon + 1);
                name = colon < 0 ? name : name.substring(0, colon);
                Object value;
                if (param) {
                    value = messages.parameter(key, language, name);
                } else if (keepFacts) {
                    out.append('{').append(spec).append('}').append(parts[i + 1]);
                    continue;
                } else {
                    value = facts.get(name);
                    if (value == null && !facts.containsKey(name)) {
                        throw new KnowledgeBaseException("message " + key + " (" + language + ") uses {" + name
                                + "} but the rule gives no fact of that name; it gives " + facts.keySet());
                    }
                }
                if ("monthYear".equals(format)) {
                    out.append(monthYear(key, value, messages));
                } else {
                    appendText(out, value, messages);
                }
                out.append(parts[i + 1]);
            }
            return out.toString();
        }

        /** A date as {@code letter.monthYear}, its month named by {@code letter.month.N}. */
        private String monthYear(String key, Object value, Messages messages) {
            java.time.LocalDate date;
            try {
                date = value instanceof java.time.LocalDate d ? d : java.time.LocalDate.parse(String.valueOf(value));
            } catch (java.time.format.DateTimeParseException e) {
                throw new KnowledgeBaseException("message " + key + " (" + language + ") shows " + value
                        + " as monthYear, but it is not a date");
            }
            Template month = templates.get("letter.month." + date.getMonthValue());
            if (month == null || !templates.containsKey("letter.monthYear")) {
                throw new KnowledgeBaseException("message " + key + " (" + language + ") shows a date as monthYear,"
                        + " which needs letter.monthYear and letter.month.1 to 12 in messages_" + language + ".properties");
            }
            return format("letter.monthYear", Map.of("month", month.text(), "year", date.getYear()), messages);
        }

        /** A fact as text: a value with an entry {@code value.<VALUE>} in the bundle is shown by that entry. */
        private void appendText(StringBuilder out, Object value, Messages messages) {
            if (value instanceof Collection<?> c) {
                boolean first = true;
                for (Object v : c) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    appendText(out, v, messages);
                }
                return;
            }
            String raw = String.valueOf(value);
            Template label = values.get(raw);
            out.append(label == null ? raw : fill(VALUE_PREFIX + raw, label, Map.of(), messages, false));
        }
    }
}
