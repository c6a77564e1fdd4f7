package nl.zorgregels.api.internal.kb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nl.zorgregels.api.KnowledgeBaseException;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * The {@code .drl} files as Drools' own DRL parser reads them ({@link DrlParser}, the parser the
 * rule compiler uses): each rule's descriptor with its file, line and annotations, and the Java of
 * each consequence and function as tokens ({@link Code}), for the knowledge-base check. Not API.
 */
public final class DrlSources {

    /**
     * A rule as written.
     *
     * @param file        its source path
     * @param packageName the package its file declares ("" if none)
     * @param imports     the imports of its file
     * @param descr       its descriptor (conditions, annotations)
     * @param consequence its consequence, tokenized
     */
    public record ParsedRule(String file, String packageName, List<String> imports, RuleDescr descr, Code consequence) {
        /** @return its name */
        public String name() {
            return descr.getName();
        }

        /** @return the line of its {@code rule} keyword */
        public int line() {
            return descr.getLine();
        }

        /**
         * @param name an annotation's name
         * @return its value without the quotes, as the compiled rule's metadata has it; null if absent
         */
        public String annotation(String name) {
            AnnotationDescr a = descr.getAnnotation(name);
            if (a == null || a.getValue() == null) {
                return a == null ? null : "";
            }
            String text = a.getValue().toString();
            return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
        }
    }

    /**
     * A function as written.
     *
     * @param where {@code file:line: function name}, for messages
     * @param body  its body, tokenized
     */
    public record ParsedFunction(String where, Code body) {
    }

    /**
     * What the sources hold.
     *
     * @param rules     every rule, by file and in source order
     * @param functions every function
     */
    public record Parsed(List<ParsedRule> rules, List<ParsedFunction> functions) {
    }

    private DrlSources() {
    }

    /**
     * @param sources the knowledge base's files by path (only {@code .drl} files are read)
     * @param display how to show a path in a message
     * @return their rules and functions
     * @throws KnowledgeBaseException if a file does not parse (the compiler reports it first)
     */
    public static Parsed parse(Map<String, byte[]> sources, Function<String, String> display) {
        List<ParsedRule> rules = new ArrayList<>();
        List<ParsedFunction> functions = new ArrayList<>();
        for (Map.Entry<String, byte[]> source : sources.entrySet()) {
            if (source.getKey().endsWith(".drl")) {
                PackageDescr p = descr(source.getKey(), new String(source.getValue(), StandardCharsets.UTF_8), display);
                List<String> imports = p.getImports().stream().map(ImportDescr::getTarget).toList();
                String packageName = p.getName() == null ? "" : p.getName();
                for (RuleDescr r : p.getRules().stream().filter(RuleDescr::isRule).toList()) {
                    rules.add(new ParsedRule(source.getKey(), packageName, imports, r,
                            Code.of(String.valueOf(r.getConsequence() == null ? "" : r.getConsequence()))));
                }
                for (FunctionDescr f : p.getFunctions()) {
                    functions.add(new ParsedFunction(display.apply(source.getKey()) + ":" + f.getLine() + ": function "
                            + f.getName(), Code.of(f.getBody())));
                }
            }
        }
        return new Parsed(List.copyOf(rules), List.copyOf(functions));
    }

    /** One file's package descriptor. */
    static PackageDescr descr(String path, String text, Function<String, String> display) {
        DrlParser parser = new DrlParser();
        try {
            PackageDescr p = parser.parse(false, text);
            if (!parser.hasErrors() && p != null) {
                return p;
            }
        } catch (DroolsParserException e) {
            throw new KnowledgeBaseException(display.apply(path) + ": cannot be parsed: " + e.getMessage(), e);
        }
        throw new KnowledgeBaseException(display.apply(path) + ": cannot be parsed: " + parser.getErrors());
    }

    /**
     * Java source as tokens (comments dropped, each string and character literal one token), with
     * the method and constructor calls in it: enough to tell what a consequence inserts and derives
     * without reading a word inside a string or a comment as code.
     */
    public static final class Code {
        /**
         * A token.
         *
         * @param kind {@code w} a word (identifier or keyword), {@code s} a string literal (text
         *             without quotes), {@code c} a character literal, {@code n} a number, {@code p}
         *             a punctuation character
         * @param text its text
         */
        public record Token(char kind, String text) {
            boolean is(String punctuationOrWord) {
                return kind != 's' && kind != 'c' && text.equals(punctuationOrWord);
            }
        }

        /**
         * A call.
         *
         * @param target      the dotted names before the method ("" if none; "…" for an expression),
         *                    or the package of a constructed type
         * @param name        the method's or the constructed type's simple name
         * @param constructor {@code new name(…)}
         * @param arguments   the arguments, each its tokens
         */
        public record Call(String target, String name, boolean constructor, List<List<Token>> arguments) {
            /** @return {@code target.name} or {@code name} */
            public String qualified() {
                return target.isEmpty() ? name : target + "." + name;
            }
        }

        private final List<Token> tokens;
        private final List<Call> calls = new ArrayList<>();

        private Code(List<Token> tokens) {
            this.tokens = tokens;
            for (int i = 1; i < tokens.size(); i++) {
                int nameAt = i - 1;
                int depth = 0;
                for (; nameAt > 0 && (depth > 0 || tokens.get(nameAt).is(">")); nameAt--) {
                    depth += tokens.get(nameAt).is(">") ? 1 : tokens.get(nameAt).is("<") ? -1 : 0; // new T<…>(
                }
                if (tokens.get(i).is("(") && depth == 0 && tokens.get(nameAt).kind() == 'w') {
                    call(nameAt, i);
                }
            }
        }

        /**
         * @param java Java source
         * @return its tokens and calls
         */
        public static Code of(String java) {
            List<Token> tokens = new ArrayList<>();
            int n = java.length();
            int i = 0;
            while (i < n) {
                char ch = java.charAt(i);
                int start = i;
                if (Character.isWhitespace(ch)) {
                    i++;
                } else if (java.startsWith("//", i)) {
                    i = java.indexOf('\n', i) < 0 ? n : java.indexOf('\n', i);
                } else if (java.startsWith("/*", i)) {
                    i = java.indexOf("*/", i + 2) < 0 ? n : java.indexOf("*/", i + 2) + 2;
                } else if (ch == '"' || ch == '\'') {
                    StringBuilder text = new StringBuilder();
                    for (i++; i < n && java.charAt(i) != ch && java.charAt(i) != '\n'; i++) {
                        if (java.charAt(i) == '\\' && i + 1 < n) {
                            text.append(java.charAt(i));
                            i++;
                        }
                        text.append(java.charAt(i));
                    }
                    i++;
                    tokens.add(new Token(ch == '"' ? 's' : 'c', text.toString()));
                } else if (Character.isJavaIdentifierStart(ch) || Character.isDigit(ch)) {
                    while (i < n && Character.isJavaIdentifierPart(java.charAt(i))) {
                        i++;
                    }
                    tokens.add(new Token(Character.isDigit(ch) ? 'n' : 'w', java.substring(start, i)));
                } else {
                    i++;
                    tokens.add(new Token('p', String.valueOf(ch)));
                }
            }
            return new Code(List.copyOf(tokens));
        }

        /** @return every call, in source order */
        public List<Call> calls() {
            return List.copyOf(calls);
        }

        /** @return its tokens */
        public List<Token> tokens() {
            return tokens;
        }

        /** @return the string literals, in source order */
        public List<String> strings() {
            return tokens.stream().filter(t -> t.kind() == 's').map(Token::text).toList();
        }

        /** The call of the word at {@code nameAt} whose argument list opens at {@code open}. */
        private void call(int nameAt, int open) {
            String name = tokens.get(nameAt).text();
            List<String> target = new ArrayList<>();
            int j = nameAt;
            while (j >= 2 && tokens.get(j - 1).is(".") && tokens.get(j - 2).kind() == 'w') {
                target.add(0, tokens.get(j - 2).text());
                j -= 2;
            }
            boolean expression = j >= 1 && tokens.get(j - 1).is(".");
            boolean constructor = j >= 1 && tokens.get(j - 1).is("new");
            calls.add(new Call(expression ? "…" : String.join(".", target), name, constructor, arguments(open)));
        }

        /** The arguments of the list opened at {@code open}, split at its top-level commas. */
        private List<List<Token>> arguments(int open) {
            List<List<Token>> result = new ArrayList<>();
            List<Token> current = new ArrayList<>();
            int depth = 0;
            for (int i = open + 1; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.is("(") || t.is("[") || t.is("{")) {
                    depth++;
                } else if ((t.is(")") || t.is("]") || t.is("}")) && depth-- == 0) {
                    break;
                } else if (t.is(",") && depth == 0) {
                    result.add(List.copyOf(current));
                    current.clear();
                    continue;
                }
                current.add(t);
            }
            if (!current.isEmpty() || !result.isEmpty()) {
                result.add(List.copyOf(current));
            }
            return List.copyOf(result);
        }

        /**
         * The fact types an inserted argument names: {@code new T(…)} gives T, {@code T.m(…)} gives
         * the owner T and method m, as {@code {name, method}}; null if it is neither.
         */
        static String[] insertedType(List<Token> argument) {
            int i = argument.size() > 0 && argument.get(0).is("new") ? 1 : 0;
            List<String> names = new ArrayList<>();
            while (i < argument.size() && argument.get(i).kind() == 'w') {
                names.add(argument.get(i).text());
                if (i + 1 < argument.size() && argument.get(i + 1).is(".")) {
                    i += 2;
                } else {
                    i++;
                    break;
                }
            }
            if (names.isEmpty() || i >= argument.size() || !(argument.get(i).is("(") || argument.get(i).is("<"))) {
                return null;
            }
            if (argument.get(0).is("new")) {
                return new String[] {String.join(".", names), null};
            }
            return names.size() < 2 ? null
                    : new String[] {String.join(".", names.subList(0, names.size() - 1)), names.get(names.size() - 1)};
        }

        /** The text of tokens, for messages ({@code $f}, {@code List.of("x")}). */
        static String text(List<Token> tokens) {
            StringBuilder s = new StringBuilder();
            for (Token t : tokens) {
                if (!s.isEmpty() && t.kind() == 'w' && Character.isJavaIdentifierPart(s.charAt(s.length() - 1))) {
                    s.append(' ');
                }
                s.append(t.kind() == 's' ? "\"" + t.text() + "\"" : t.kind() == 'c' ? "'" + t.text() + "'" : t.text());
            }
            return s.toString();
        }
    }
}
