package nl.zorgregels.api.internal.kb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Makes a rule compiler's error readable for a guideline author: with the file, line and column
 * even where the executable-model compiler gives only the file (an unknown fact type, method or
 * field: located at its first use in the file, and said so), the absolute line of an error inside
 * a rule's consequence (the compiler counts from the consequence's start), every place a
 * duplicated rule name is defined, and without the compiler's internal stack traces.
 */
public final class CompileErrors {
    /** Errors that name the unknown thing but give no line: what to search for, as a whole word. */
    private static final List<Pattern> UNKNOWN = List.of(
            Pattern.compile("Unable to find class: ([\\w.$]+)"),
            Pattern.compile("Method (\\w+) on class \\S+ with arguments .* is missing"),
            Pattern.compile("Unknown (?:function|method|field|variable|type)[: ]+([\\w.$]+)"),
            Pattern.compile("[Cc]annot (?:find|resolve) (?:symbol|method|field|variable|type)[: ]+([\\w.$]+)"));
    /** An expression the compiler could not read: searched for as written. */
    private static final Pattern UNPARSED_EXPRESSION = Pattern.compile("Unable to parse left part of expression: (.+)");
    private static final Pattern CONSEQUENCE = Pattern.compile("^Unable to parse consequence caused by: \\(line (\\d+),col (\\d+)\\)");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate rule name: (.+)$");
    /** The Java compiler's first line on generated code: the symbol it cannot resolve, and the type it looked in. */
    private static final Pattern GENERATED = Pattern.compile("^(?:The (?:method|field|constructor) )?([A-Za-z_$][\\w$]*)"
            + "(?:\\([^)]*\\))? (?:cannot be resolved|is undefined)(?:.* for the type ([\\w$]+))?");
    private static final Pattern STACK_TRACE = Pattern.compile("(?s)\\s*Problem stacktrace\\s*:.*$");

    private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "this", "instanceof", "new", "in",
            "not", "matches", "memberOf", "contains", "soundslike", "str", "after", "before");

    private final Map<String, byte[]> sources;
    private final Function<String, String> display;

    /**
     * @param sources the knowledge base's files by path, as compiled
     * @param display how to show a source path (the full path for a directory)
     */
    public CompileErrors(Map<String, byte[]> sources, Function<String, String> display) {
        this.sources = sources;
        this.display = display;
    }

    /**
     * @param path   the source path the compiler names, empty if none
     * @param line   the line it gives, 0 if none
     * @param column the column it gives, negative if none
     * @param text   its message
     * @return {@code file:line:column: message}, as precise as the sources allow
     */
    public String describe(String path, int line, int column, String text) {
        String message = STACK_TRACE.matcher(text).replaceFirst("").strip();
        String source = text(path);
        String note = "";
        if (source != null) {
            Matcher consequence = CONSEQUENCE.matcher(message);
            Matcher duplicate = DUPLICATE.matcher(message);
            if (line > 0 && consequence.find()) {
                int then = thenLine(path, source, line);
                if (then > 0) {
                    line = then + Integer.parseInt(consequence.group(1)) - 1;
                    column = Math.max(0, Integer.parseInt(consequence.group(2)) - 1);
                }
            } else if (duplicate.find()) {
                List<String> places = ruleLocations(duplicate.group(1).strip());
                if (places.size() > 1) {
                    note = " (defined at " + String.join(" and ", places) + ")";
                }
            } else if (line <= 0) {
                int[] at = firstUse(source, message);
                if (at != null) {
                    line = at[0];
                    column = at[1];
                    note = " (located where \"" + message.substring(at[2], at[3]) + "\" first appears in the file)";
                }
            }
        }
        String field = source == null || line <= 0 || !message.toLowerCase(java.util.Locale.ROOT).contains("expression")
                ? null : unknownField(path, source, line);
        if (field != null) {
            message = field;
            note = "";
        }
        String where = path.isEmpty() ? "" : display.apply(path);
        return where + (line > 0 ? ":" + line + ":" + Math.max(column, 0) : "") + (where.isEmpty() ? "" : ": ")
                + message + note;
    }

    /**
     * @param text the Java compiler's message on code the executable model generated from a
     *             function or a consequence
     * @return {@code file:line: rule "name": message} at the first use of the symbol it names in a
     *         consequence or function, with the fields of the type it names; null if not found
     */
    public String describeGenerated(String text) {
        String first = text.strip().lines().findFirst().orElse("");
        Matcher m = GENERATED.matcher(first);
        if (!m.find()) {
            return null;
        }
        String symbol = m.group(1);
        for (Map.Entry<String, byte[]> e : sources.entrySet()) {
            if (!e.getKey().endsWith(".drl")) {
                continue;
            }
            String source = new String(e.getValue(), StandardCharsets.UTF_8);
            PackageDescr file;
            try {
                file = DrlSources.descr(e.getKey(), source, display);
            } catch (RuntimeException parseError) {
                continue;
            }
            List<String> imports = file.getImports().stream().map(ImportDescr::getTarget).toList();
            Class<?> type = m.group(2) == null ? null : RuleOrderCheck.resolve(m.group(2), imports,
                    file.getName() == null ? "" : file.getName());
            String fields = type == null || !type.isRecord() ? "" : "; the fields of " + type.getSimpleName() + " are: "
                    + fields(type);
            for (FunctionDescr f : file.getFunctions()) {
                int line = uses(f.getBody(), source, f.getLine(), symbol);
                if (line > 0) {
                    return display.apply(e.getKey()) + ":" + line + ": function " + f.getName() + ": " + first + fields
                            + ". Correct it there";
                }
            }
            for (RuleDescr r : file.getRules()) {
                int line = uses(String.valueOf(r.getConsequence()), source, r.getConsequenceLine(), symbol);
                if (line > 0) {
                    return display.apply(e.getKey()) + ":" + line + ": rule \"" + r.getName() + "\" (its consequence): "
                            + first + fields + ". Correct it there";
                }
            }
        }
        return null;
    }

    /** The line of the first use of {@code symbol} as a word in code starting at {@code from}, or 0 if it has none. */
    private static int uses(String code, String source, int from, String symbol) {
        if (code == null || DrlSources.Code.of(code).tokens().stream().noneMatch(t -> t.kind() == 'w' && t.text().equals(symbol))) {
            return 0;
        }
        String[] lines = source.split("\n", -1);
        Pattern word = Pattern.compile("(?<![\\w$])" + Pattern.quote(symbol) + "(?![\\w$])");
        for (int i = Math.max(0, from - 1); i < lines.length; i++) {
            if (word.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * For an expression error on a line: the pattern written there whose constraints name a field
     * its fact type does not have, said for an author; null if there is none.
     */
    private String unknownField(String path, String source, int line) {
        PackageDescr file;
        try {
            file = DrlSources.descr(path, source, display);
        } catch (RuntimeException e) {
            return null; // a syntax error: the parser's message says it
        }
        List<String> imports = file.getImports().stream().map(ImportDescr::getTarget).toList();
        for (RuleDescr rule : file.getRules()) {
            List<PatternDescr> patterns = new ArrayList<>();
            patterns(rule.getLhs(), patterns);
            for (PatternDescr p : patterns) {
                Class<?> type = p.getLine() <= line && line <= Math.max(p.getEndLine(), p.getLine())
                        ? RuleOrderCheck.resolve(p.getObjectType(), imports, file.getName() == null ? "" : file.getName())
                        : null;
                if (type == null || !type.isRecord()) {
                    continue;
                }
                Set<String> fields = new HashSet<>();
                for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
                    fields.add(c.getName());
                }
                for (BaseDescr constraint : p.getDescrs()) {
                    List<DrlSources.Code.Token> tokens = DrlSources.Code.of(constraint.getText()).tokens();
                    for (int i = 0; i < tokens.size(); i++) {
                        DrlSources.Code.Token t = tokens.get(i);
                        boolean named = t.kind() == 'w' && Character.isLowerCase(t.text().charAt(0))
                                && !KEYWORDS.contains(t.text()) && !fields.contains(t.text());
                        boolean member = i > 0 && tokens.get(i - 1).is(".");
                        boolean callOrBinding = i + 1 < tokens.size() && (tokens.get(i + 1).is("(") || tokens.get(i + 1).is(":"));
                        if (named && !member && !callOrBinding) {
                            return "rule \"" + rule.getName() + "\": " + type.getSimpleName() + " has no field `" + t.text()
                                    + "`; the fields it has are: " + fields(type) + ". Correct the name; a new input"
                                    + " fact is a new field of " + type.getName() + " (see rules-kb/README.md,"
                                    + " \"How to read a refusal\")";
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Every pattern of a condition, nested ones (not, exists, forall, accumulate, collect) included. */
    private static void patterns(BaseDescr e, List<PatternDescr> into) {
        if (e instanceof PatternDescr p) {
            into.add(p);
            if (p.getSource() instanceof AccumulateDescr a) {
                patterns(a.getInput(), into);
            } else if (p.getSource() instanceof CollectDescr c) {
                patterns(c.getInputPattern(), into);
            }
        } else if (e instanceof ConditionalElementDescr group) {
            group.getDescrs().forEach(child -> patterns((BaseDescr) child, into));
        }
    }

    /**
     * @param type a fact type
     * @return its fields (record components, else bean properties), for a message: {@code a, b, c}
     */
    static String fields(Class<?> type) {
        List<String> names = new ArrayList<>();
        if (type.isRecord()) {
            for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
                names.add(c.getName());
            }
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private String text(String path) {
        byte[] bytes = path.isEmpty() ? null : sources.get(path);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The line of the {@code then} of the rule starting at {@code ruleLine}, or 0. */
    private int thenLine(String path, String source, int ruleLine) {
        try {
            return DrlSources.descr(path, source, display).getRules().stream().filter(r -> r.getLine() == ruleLine)
                    .mapToInt(RuleDescr::getConsequenceLine).findFirst().orElse(0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * Where the thing an error names first appears: {line, column, start and end of the name in
     * the message}, or null.
     */
    private static int[] firstUse(String source, String message) {
        for (Pattern p : UNKNOWN) {
            Matcher m = p.matcher(message);
            if (m.find()) {
                String name = m.group(1);
                String simple = name.substring(name.lastIndexOf('.') + 1);
                Matcher use = Pattern.compile("(?<![\\w$])" + Pattern.quote(simple) + "(?![\\w$])").matcher(source);
                if (use.find()) {
                    int[] lc = lineColumn(source, use.start());
                    return new int[] {lc[0], lc[1], m.start(1), m.end(1)};
                }
            }
        }
        Matcher m = UNPARSED_EXPRESSION.matcher(message);
        if (m.find()) {
            int at = source.indexOf(m.group(1).strip());
            if (at >= 0) {
                int[] lc = lineColumn(source, at);
                return new int[] {lc[0], lc[1], m.start(1), m.end(1)};
            }
        }
        return null;
    }

    /** Every {@code file:line} where a rule of this name is defined, in path order. */
    private List<String> ruleLocations(String name) {
        List<String> places = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : sources.entrySet()) {
            if (e.getKey().endsWith(".drl")) {
                try {
                    DrlSources.descr(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8), display).getRules()
                            .stream().filter(r -> r.getName().equals(name))
                            .forEach(r -> places.add(display.apply(e.getKey()) + ":" + r.getLine()));
                } catch (RuntimeException unparsed) {
                    // the parser's own error says where
                }
            }
        }
        return places;
    }

    /** {line (from 1), column (from 0)} of an offset. */
    private static int[] lineColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart};
    }
}
