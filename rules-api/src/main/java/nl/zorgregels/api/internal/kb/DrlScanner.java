package nl.zorgregels.api.internal.kb;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the rules and functions of a {@code .drl} source with their lines and the text of each
 * rule's consequence, for the knowledge-base check ({@link RuleMetadata}). A lexical scan, not a
 * parser: comments are skipped, strings are kept whole, and a rule runs from the keyword
 * {@code rule} through {@code then} to {@code end}, as Drools reads it. The check compares the rules
 * found here with the compiled ones, so a rule this scan misses is an error, never skipped.
 */
public final class DrlScanner {

    /**
     * A rule as written.
     *
     * @param packageName the package declared above it ("" if none)
     * @param name        its name
     * @param line        line of its {@code rule} keyword
     * @param consequence the code between {@code then} and {@code end}, comments blanked out
     */
    public record ScannedRule(String packageName, String name, int line, String consequence) {
    }

    /**
     * A function as written.
     *
     * @param name its name
     * @param line line of its {@code function} keyword
     * @param body its body, comments blanked out
     */
    public record ScannedFunction(String name, int line, String body) {
    }

    /**
     * What a source holds.
     *
     * @param rules     its rules, in source order
     * @param functions its functions, in source order
     */
    public record Scan(List<ScannedRule> rules, List<ScannedFunction> functions) {
    }

    private final String code; // the source, comments replaced by spaces (newlines kept)
    private final String bare; // code with the contents of string literals replaced by spaces too
    private int pos;

    private DrlScanner(String source) {
        StringBuilder c = new StringBuilder(source);
        StringBuilder b = new StringBuilder(source);
        int i = 0;
        int n = source.length();
        while (i < n) {
            char ch = source.charAt(i);
            if (ch == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    c.setCharAt(i, ' ');
                    b.setCharAt(i, ' ');
                    i++;
                }
            } else if (ch == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    if (source.charAt(i) != '\n') {
                        c.setCharAt(i, ' ');
                        b.setCharAt(i, ' ');
                    }
                }
            } else if (ch == '"' || ch == '\'') {
                i++;
                while (i < n && source.charAt(i) != ch && source.charAt(i) != '\n') {
                    if (source.charAt(i) == '\\' && i + 1 < n) {
                        b.setCharAt(i, ' ');
                        i++;
                    }
                    b.setCharAt(i, ' ');
                    i++;
                }
                i++; // the closing quote
            } else {
                i++;
            }
        }
        this.code = c.toString();
        this.bare = b.toString();
    }

    /**
     * @param source a {@code .drl} file's text
     * @return its rules and functions
     */
    public static Scan scan(String source) {
        return new DrlScanner(source).run();
    }

    private Scan run() {
        List<ScannedRule> rules = new ArrayList<>();
        List<ScannedFunction> functions = new ArrayList<>();
        String packageName = "";
        String word;
        while ((word = nextWord()) != null) {
            int at = pos - word.length();
            switch (word) {
                case "package" -> packageName = qualifiedName();
                case "rule" -> {
                    String name = ruleName();
                    int then = findWord("then");
                    int end = then < 0 ? -1 : findWord("end");
                    if (name != null && end >= 0) {
                        rules.add(new ScannedRule(packageName, name, line(at),
                                code.substring(then + "then".length(), end)));
                    }
                }
                case "query", "declare" -> findWord("end");
                case "function" -> {
                    int open = bare.indexOf('{', pos);
                    int close = open < 0 ? -1 : matchingBrace(open);
                    if (close < 0) {
                        return new Scan(rules, functions); // unbalanced: the compiler reports it
                    }
                    String header = bare.substring(pos, open).strip();
                    int paren = header.indexOf('(');
                    String[] words = (paren < 0 ? header : header.substring(0, paren)).trim().split("\\s+");
                    functions.add(new ScannedFunction(words[words.length - 1], line(at), code.substring(open, close + 1)));
                    pos = close + 1;
                }
                default -> {
                    // anything else at the top level (import, global, attributes): not needed here
                }
            }
        }
        return new Scan(rules, functions);
    }

    /** The next word (identifier characters) outside comments and strings; null at the end. */
    private String nextWord() {
        int n = bare.length();
        while (pos < n && !Character.isJavaIdentifierStart(bare.charAt(pos))) {
            if (bare.charAt(pos) == '"' || bare.charAt(pos) == '\'') {
                pos = skipString(pos);
            } else {
                pos++;
            }
        }
        if (pos >= n) {
            return null;
        }
        int start = pos;
        while (pos < n && Character.isJavaIdentifierPart(bare.charAt(pos))) {
            pos++;
        }
        if (start > 0 && (bare.charAt(start - 1) == '.' || bare.charAt(start - 1) == '@')) {
            return nextWord(); // a member (x.end) or an annotation (@end) is no keyword
        }
        return bare.substring(start, pos);
    }

    /** Moves past the next keyword {@code word}; returns its start, or -1 if there is none. */
    private int findWord(String word) {
        String w;
        while ((w = nextWord()) != null) {
            if (w.equals(word)) {
                return pos - word.length();
            }
        }
        return -1;
    }

    private String qualifiedName() {
        int n = bare.length();
        while (pos < n && Character.isWhitespace(bare.charAt(pos))) {
            pos++;
        }
        int start = pos;
        while (pos < n && (Character.isJavaIdentifierPart(bare.charAt(pos)) || bare.charAt(pos) == '.')) {
            pos++;
        }
        return bare.substring(start, pos);
    }

    /** The name after {@code rule}: a string literal or a single word. */
    private String ruleName() {
        int n = code.length();
        while (pos < n && Character.isWhitespace(code.charAt(pos))) {
            pos++;
        }
        if (pos >= n) {
            return null;
        }
        char ch = code.charAt(pos);
        if (ch == '"' || ch == '\'') {
            int end = skipString(pos);
            String name = code.substring(pos + 1, Math.max(pos + 1, end - 1));
            pos = end;
            return name;
        }
        int start = pos;
        while (pos < n && Character.isJavaIdentifierPart(code.charAt(pos))) {
            pos++;
        }
        return start == pos ? null : code.substring(start, pos);
    }

    /** @return the index after the string literal starting at {@code start} */
    private int skipString(int start) {
        char quote = code.charAt(start);
        int i = start + 1;
        while (i < code.length() && code.charAt(i) != quote && code.charAt(i) != '\n') {
            i += code.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, code.length());
    }

    private int matchingBrace(int open) {
        int depth = 0;
        for (int i = open; i < bare.length(); i++) {
            char ch = bare.charAt(i);
            if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private int line(int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
