package nl.zorgregels.api.internal.kb;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.zorgregels.api.KnowledgeBaseException;

/**
 * Checks the two message bundles before a knowledge base is built from them, so that a broken
 * bundle gives no engine (instead of a decision that fails, or shows a garbled or half-filled
 * text, only when it needs the broken message). Every problem is listed with file and line:
 * <ul>
 *   <li>a bundle that is not valid UTF-8 (a malformed byte would silently become U+FFFD);</li>
 *   <li>a malformed {@code \\uXXXX} escape;</li>
 *   <li>a key that only one of the two bundles has;</li>
 *   <li>a message whose placeholders ({@code {name}}) differ between Dutch and English;</li>
 *   <li>a brace that is not part of a placeholder ({@code {bellScore} without its closing brace
 *       would be shown as it is);</li>
 *   <li>a parameter placeholder {@code {param:name}} naming no row of {@code parameters.csv}, and a
 *       format ({@code {name:monthYear}}) that {@link Messages} does not know;</li>
 *   <li>a card's list of links or override reasons naming one the bundle does not define, and a
 *       link whose address is not absolute.</li>
 * </ul>
 */
public final class BundleCheck {
    private static final Pattern PLACEHOLDER = Messages.PLACEHOLDER;

    private BundleCheck() {
    }

    /**
     * @param nl     the Dutch bundle's bytes
     * @param nlName how to name that file in a message (its path)
     * @param en     the English bundle's bytes
     * @param enName how to name that file
     * @throws KnowledgeBaseException listing every problem, with file and line
     */
    public static void check(byte[] nl, String nlName, byte[] en, String enName) {
        check(nl, nlName, en, enName, java.util.Set.of());
    }

    /**
     * @param nl         the Dutch bundle's bytes
     * @param nlName     how to name that file in a message (its path)
     * @param en         the English bundle's bytes
     * @param enName     how to name that file
     * @param parameters the names of the parameters ({@code parameters.csv}) a {@code {param:name}} may use
     * @throws KnowledgeBaseException listing every problem, with file and line
     */
    public static void check(byte[] nl, String nlName, byte[] en, String enName, java.util.Set<String> parameters) {
        List<String> problems = new ArrayList<>();
        Bundle dutch = read(nl, nlName, problems);
        Bundle english = read(en, enName, problems);
        if (dutch != null && english != null) {
            compare(dutch, english, problems);
            compare(english, dutch, problems);
            for (Map.Entry<String, String> e : dutch.values.entrySet()) {
                String other = english.values.get(e.getKey());
                if (other != null && !placeholders(e.getValue()).equals(placeholders(other))) {
                    problems.add(dutch.name + ":" + dutch.line(e.getKey()) + " and " + english.name + ":"
                            + english.line(e.getKey()) + ": message " + e.getKey() + " fills in "
                            + placeholders(e.getValue()) + " in Dutch but " + placeholders(other)
                            + " in English; both languages must fill in the same facts");
                }
            }
            for (Bundle b : List.of(dutch, english)) {
                for (Map.Entry<String, String> e : b.values.entrySet()) {
                    Matcher m = PLACEHOLDER.matcher(e.getValue());
                    while (m.find()) {
                        if (m.group(1) != null && !parameters.contains(m.group(2))) {
                            problems.add(b.name + ":" + b.line(e.getKey()) + ": message " + e.getKey() + " uses {"
                                    + m.group(0).substring(1, m.group(0).length() - 1) + "}, but " + KbParameters.FILE
                                    + " has no parameter " + m.group(2) + "; add its row there or correct the name"
                                    + " (the table has " + String.join(", ", new TreeSet<>(parameters)) + ")");
                        }
                        if (m.group(3) != null && !Messages.FORMATS.contains(m.group(3))) {
                            problems.add(b.name + ":" + b.line(e.getKey()) + ": message " + e.getKey() + " formats {"
                                    + m.group(2) + "} as " + m.group(3) + ", which is not one of " + Messages.FORMATS);
                        }
                    }
                    String rest = PLACEHOLDER.matcher(e.getValue()).replaceAll("");
                    if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
                        problems.add(b.name + ":" + b.line(e.getKey()) + ": message " + e.getKey()
                                + " has a brace that is not part of a placeholder {name}: " + abbreviate(e.getValue()));
                    }
                }
            }
        }
        for (Bundle b : dutch == null || english == null ? List.<Bundle>of() : List.of(dutch, english)) {
            lists(b, problems);
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeBaseException(problems.size() + " problem(s) in the message bundles:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /**
     * A text that lists names for the cards (the links of a part and outcome,
     * {@code card.links.<part>.<outcome>}; the override reasons, {@code card.overrideReasons}) must
     * name only what the bundle defines: each link its {@code card.link.<name>.label} and
     * {@code .url} (an absolute http(s) address), each reason its {@code card.overrideReason.<code>}.
     * A name mistyped would otherwise drop the link or the reason from every card in silence.
     */
    private static void lists(Bundle b, List<String> problems) {
        for (Map.Entry<String, String> e : b.values.entrySet()) {
            List<String> needs = new ArrayList<>();
            for (String name : e.getValue().trim().split("\\s+")) {
                if (name.isEmpty()) {
                    continue;
                }
                if (e.getKey().startsWith("card.links.")) {
                    needs.add("card.link." + name + ".label");
                    needs.add("card.link." + name + ".url");
                } else if (e.getKey().equals("card.overrideReasons")) {
                    needs.add("card.overrideReason." + name);
                }
            }
            for (String key : needs) {
                String value = b.values.get(key);
                if (value == null) {
                    problems.add(b.name + ":" + b.line(e.getKey()) + ": " + e.getKey() + " names " + key.split("\\.")[2]
                            + ", but the bundle has no " + key + "; add it or correct the name");
                } else if (key.endsWith(".url") && !value.matches("https?://\\S+")) {
                    problems.add(b.name + ":" + b.line(key) + ": " + key + " must be an absolute http(s) address but is " + abbreviate(value));
                }
            }
        }
    }

    /** The keys of one bundle the other lacks. */
    private static void compare(Bundle has, Bundle lacks, List<String> problems) {
        for (String key : has.values.keySet()) {
            if (!lacks.values.containsKey(key)) {
                problems.add(lacks.name + ": has no message " + key + ", which " + has.name + ":" + has.line(key)
                        + " has; every message must be in both languages");
            }
        }
    }

    /** One bundle's messages and the line of each key. */
    private record Bundle(String name, Map<String, String> values, Map<String, Integer> lines) {
        int line(String key) {
            return lines.getOrDefault(key, 0);
        }
    }

    private static Bundle read(byte[] bytes, String name, List<String> problems) {
        String text;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            problems.add(name + ":" + lineOfByte(bytes, at) + ": not valid UTF-8 (malformed byte 0x"
                    + String.format(java.util.Locale.ROOT, "%02X", bytes[at] & 0xFF) + " at byte " + at + "); save the file as UTF-8");
            return null;
        }
        text = out.flip().toString();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IllegalArgumentException | IOException e) {
            problems.add(name + ":" + badEscapeLine(text) + ": cannot be read: " + e.getMessage()
                    + " (a backslash-u must be followed by four hexadecimal digits)");
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            values.put(key, properties.getProperty(key));
        }
        return new Bundle(name, values, keyLines(text));
    }

    private static TreeSet<String> placeholders(String template) {
        TreeSet<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(0).substring(1, m.group(0).length() - 1));
        }
        return names;
    }

    /** The line each key starts on (simple keys: the characters up to the first '=', ':' or blank). */
    private static Map<String, Integer> keyLines(String text) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] all = text.split("\r\n|\r|\n", -1);
        boolean continued = false;
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            boolean startsEntry = !continued;
            continued = endsWithOddBackslashes(line);
            String s = line.stripLeading();
            if (!startsEntry || s.isEmpty() || s.startsWith("#") || s.startsWith("!")) {
                continue;
            }
            int end = 0;
            while (end < s.length() && "=: \t\f".indexOf(s.charAt(end)) < 0) {
                end += s.charAt(end) == '\\' ? 2 : 1;
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(s.substring(0, Math.min(end, s.length())) + "="));
            } catch (IOException | IllegalArgumentException e) {
                continue;
            }
            for (String k : one.stringPropertyNames()) {
                lines.put(k, i + 1);
            }
        }
        return lines;
    }

    /** The first line with a backslash-u escape not followed by four hexadecimal digits, or 0. */
    private static int badEscapeLine(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            for (int j = 0; j < l.length(); j++) {
                if (l.charAt(j) == '\\') {
                    if (j + 1 < l.length() && l.charAt(j + 1) == 'u'
                            && !(j + 6 <= l.length() && l.substring(j + 2, j + 6).matches("[0-9A-Fa-f]{4}"))) {
                        return i + 1;
                    }
                    j++; // skip the escaped character
                }
            }
        }
        return 0;
    }

    private static boolean endsWithOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static int lineOfByte(byte[] bytes, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
