package nl.zorgregels.api.internal.kb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.RuleInfo;
import nl.zorgregels.kb.fact.RuleMeta;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The knowledge-base check: what every rule must carry and how rules may share a requirement id.
 * A knowledge base failing it is never used (packaged, {@code --kb DIR} and {@code check-kb DIR}
 * alike); every problem is listed with the file, line and rule.
 *
 * <ol>
 * <li>Every rule has {@code @id} (requirement id), listed in {@code requirements.json}. Its
 *     source is its requirement's seed and passage; a rule that cites more or other text says so
 *     with {@code @source} (seed file and passage), and an {@code @source} that only repeats the
 *     requirement's passage is refused (say each thing once). Every rule of the sources is in the
 *     compiled knowledge base (a file declaring another package would silently drop out).</li>
 * <li><b>Shared ids.</b> Several rules may carry one {@code @id} (one rule per criterion and status,
 *     knowledge rules such as centre openings or ALK options), but
 *     (a) all rules of one {@code @id} live in one {@code .drl} file, and
 *     (b) no two of them derive the same message key. A rule copied with its old {@code @id} left
 *     in breaks one of the two: moved to another file it breaks (a); left beside the original it
 *     derives the original's key and breaks (b). Two rules that rightly give the same status of
 *     one criterion (PC-A5: COMPLETED and NOT_POSSIBLE_DUE_TO_SEVERITY) each name their own
 *     {@code @message}.</li>
 * <li><b>Message keys.</b> The key of what a rule derives must be in both bundles. It is known
 *     from the consequence, by the factory it calls (the status is in the factory's name):
 *     {@code Finding.met/notMet/unknown} derive {@code <id>.MET/NOT_MET/UNKNOWN},
 *     {@code CentreFinding.offered/noneYet/unknown} derive {@code <id>.OFFERED/NONE_YET/UNKNOWN},
 *     {@code NoteFinding.of} and {@code AlkOptionNote.of} derive {@code <id>}; a rule's
 *     {@code @message} replaces that key. The note ids of a centre offer (the third argument of
 *     {@code CentreFinding.offered}, written {@code List.of("PC-R7")}) are requirement ids and
 *     message keys. The options and their texts (name, referral, reimbursement; adult and youth)
 *     are the rows of {@code alk-options.csv} ({@link KbTables} checks them): a rule that creates
 *     {@code new AlkOptionInfo("ID", …)} for an id the table does not list is refused (it would
 *     have no texts), and the text variant of {@code new AlkOptionAdvice(…, "variant")} must be
 *     {@code adult} or {@code youth}. So that no key is guessed, a consequence may not
 *     construct these facts with {@code new Finding(…)} (use the factories), option ids and
 *     variants are string literals, and no function derives them.</li>
 * <li><b>What to do next (SPEC §9).</b> A {@code Finding.notMet} or {@code Finding.unknown} with
 *     message key K needs K{@code .toMeet} (what would make it met, from the same facts); an input
 *     path written as a string in a consequence ({@code "postCovid.bellScore"}, a fact that can be
 *     missing) needs its question {@code question.<path>}.</li>
 * <li><b>The order of the rules</b> ({@link RuleOrderCheck}): a rule that concludes with a plain
 *     insert from the absence of a derived fact is gated by a fact derived only once that fact is
 *     complete (CriteriaDecided).</li>
 * </ol>
 */
public final class RuleMetadata {
    /** The suffix of the key of a NOT_MET or UNKNOWN result's "what would make it met" text (SPEC §9). */
    public static final String TO_MEET_SUFFIX = ".toMeet";
    /** The prefix of the key of the question for a missing input path (SPEC §9). */
    public static final String QUESTION_PREFIX = "question.";
    /** An input path written as a string in a consequence: a fact that can be missing. */
    private static final Pattern INPUT_PATH = Pattern.compile("\"((?:patient|postCovid|alk)\\.[A-Za-z]+)\"");

    private static final String NOT_AN_IDENTIFIER = "(?<![A-Za-z0-9_$])";
    private static final Pattern FACTORY = Pattern.compile(NOT_AN_IDENTIFIER
            + "(Finding|CentreFinding|NoteFinding|AlkOptionNote|SafetyFinding)\\s*\\.\\s*(met|notMet|unknown|offered|noneYet|of|showing)\\s*\\(");
    private static final Pattern CONSTRUCTED = Pattern.compile(NOT_AN_IDENTIFIER
            + "new\\s+(?:[a-z][\\w]*\\s*\\.\\s*)*(Finding|CentreFinding|NoteFinding|AlkOptionNote|SafetyFinding)\\s*\\(");
    private static final Pattern OFFERED = Pattern.compile(NOT_AN_IDENTIFIER + "CentreFinding\\s*\\.\\s*offered\\s*\\(");
    private static final Pattern NOTE_IDS = Pattern.compile(
            "List\\s*\\.\\s*of\\s*\\(\\s*(\"[^\"]*\"(?:\\s*,\\s*\"[^\"]*\")*)?\\s*\\)");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern OPTION_INFO = Pattern.compile(NOT_AN_IDENTIFIER + "new\\s+AlkOptionInfo\\s*\\(");
    private static final Pattern OPTION_ADVICE = Pattern.compile(NOT_AN_IDENTIFIER + "new\\s+AlkOptionAdvice\\s*\\(");
    private static final Pattern FIRST_STRING_ARGUMENT = Pattern.compile("^\\s*\"([^\"]+)\"\\s*(,|$)");
    private static final Pattern LAST_STRING_ARGUMENT = Pattern.compile("(^|,)\\s*\"([^\"]+)\"\\s*$");

    private RuleMetadata() {
    }

    /**
     * Checks the rules of a compiled knowledge base against its sources.
     *
     * @param kieBase      the compiled rules (authoritative for the metadata)
     * @param messages     the bundles
     * @param sources      the knowledge base's source files by path ({@code .drl} files are read)
     * @param requirements the requirements list
     * @param display      how to show a source path in a message (the full path for a directory)
     * @return every rule, by file and line
     * @throws KnowledgeBaseException listing every problem
     */
    public static List<RuleInfo> check(KieBase kieBase, Messages messages, Map<String, byte[]> sources,
                                List<Requirement> requirements, Function<String, String> display) {
        return check(kieBase, messages, sources, requirements, Map.of(), display);
    }

    /**
     * As {@link #check(KieBase, Messages, Map, List, Function)}, with the options of the options table.
     *
     * @param tableOptions option ids of {@code alk-options.csv}, each with where it is (file:line); a rule
     *                     may create only these options
     */
    public static List<RuleInfo> check(KieBase kieBase, Messages messages, Map<String, byte[]> sources,
                                List<Requirement> requirements, Map<String, String> tableOptions,
                                Function<String, String> display) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        Map<String, Requirement> requirementById = new HashMap<>();
        requirements.forEach(r -> {
            ids.add(r.id());
            requirementById.put(r.id(), r);
        });

        Map<String, Rule> compiled = new LinkedHashMap<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule rule : p.getRules()) {
                compiled.put(p.getName() + "/" + rule.getName(), rule);
            }
        }
        List<Located> rules = new ArrayList<>();
        for (Map.Entry<String, byte[]> source : sources.entrySet()) {
            if (!source.getKey().endsWith(".drl")) {
                continue;
            }
            String file = source.getKey();
            DrlScanner.Scan scan = DrlScanner.scan(new String(source.getValue(), StandardCharsets.UTF_8));
            for (DrlScanner.ScannedFunction f : scan.functions()) {
                if (derivesMessages(f.body())) {
                    problems.add(display.apply(file) + ":" + f.line() + ": function " + f.name()
                            + " derives a Finding, CentreFinding, NoteFinding or AlkOptionNote; derive them in a"
                            + " rule's consequence, so the check knows the rule's message key");
                }
            }
            for (DrlScanner.ScannedRule s : scan.rules()) {
                Rule rule = compiled.remove(s.packageName() + "/" + s.name());
                String where = display.apply(file) + ":" + s.line() + ": rule \"" + s.name() + "\"";
                if (rule == null) {
                    problems.add(where + " is not in the compiled knowledge base: its file declares package "
                            + (s.packageName().isEmpty() ? "none" : s.packageName())
                            + ", and only the packages META-INF/kmodule.xml names are loaded");
                    continue;
                }
                rules.add(new Located(rule, file, s, where));
                Matcher info = OPTION_INFO.matcher(s.consequence());
                while (info.find()) {
                    Matcher id = FIRST_STRING_ARGUMENT.matcher(arguments(s.consequence(), info.end()));
                    if (!id.find()) {
                        problems.add(where + " creates an AlkOptionInfo without a literal option id as its first"
                                + " argument; write the id as a string, so the check can find its texts");
                    } else if (!tableOptions.containsKey(id.group(1))) {
                        problems.add(where + " creates option " + id.group(1) + ", which is not a row of "
                                + KbTables.ALK_OPTIONS + " (" + String.join(", ", new TreeSet<>(tableOptions.keySet()))
                                + "); the options and their texts are the rows of that table");
                    }
                }
                Matcher advice = OPTION_ADVICE.matcher(s.consequence());
                while (advice.find()) {
                    Matcher variant = LAST_STRING_ARGUMENT.matcher(arguments(s.consequence(), advice.end()));
                    if (variant.find()) {
                        if (!AlkOptionTexts.VARIANTS.contains(variant.group(2))) {
                            problems.add(where + " creates an AlkOptionAdvice with text variant \"" + variant.group(2)
                                    + "\", which is not one of " + AlkOptionTexts.VARIANTS + " (the texts of "
                                    + KbTables.ALK_OPTIONS + ")");
                        }
                    } else {
                        problems.add(where + " creates an AlkOptionAdvice without a literal text variant as its"
                                + " last argument (\"adult\", \"youth\"); write it as a string");
                    }
                }
            }
        }
        Map<String, String> functionBodies = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> source : sources.entrySet()) {
            if (source.getKey().endsWith(".drl")) {
                for (DrlScanner.ScannedFunction f : DrlScanner.scan(new String(source.getValue(), StandardCharsets.UTF_8))
                        .functions()) {
                    functionBodies.put(display.apply(source.getKey()) + ":" + f.line() + ": function " + f.name(), f.body());
                }
            }
        }
        List<RuleOrderCheck.Checked> ordered = new ArrayList<>(rules.size());
        for (Located r : rules) {
            ordered.add(new RuleOrderCheck.Checked(r.rule, r.where, r.scanned.consequence()));
        }
        problems.addAll(RuleOrderCheck.check(ordered, functionBodies));
        for (String missed : compiled.keySet()) {
            problems.add("rule \"" + missed.substring(missed.indexOf('/') + 1)
                    + "\" is compiled but could not be found in the .drl sources");
        }

        List<RuleInfo> infos = new ArrayList<>();
        Map<String, Located> firstOfId = new HashMap<>();
        Map<String, Located> firstOfKey = new HashMap<>();
        for (Located r : rules) {
            String id = RuleMeta.value(r.rule, "id");
            String source = RuleMeta.value(r.rule, "source");
            String message = RuleMeta.value(r.rule, "message");
            if (id == null || id.isBlank()) {
                problems.add(r.where + " has no @id");
            }
            if (source != null && source.isBlank()) {
                problems.add(r.where + " has an empty @source; leave it out to cite its requirement's passage");
            }
            if (message != null) {
                missing(messages, message, r.where + " names @message(\"" + message + "\")", problems);
            }
            if (id == null || id.isBlank()) {
                continue;
            }
            if (!ids.contains(id)) {
                problems.add(r.where + " has @id(\"" + id + "\"), which is not a requirement in "
                        + Requirements.FILE + "; add it there or correct the @id");
            } else if (source != null && source.equals(requirementById.get(id).source())) {
                problems.add(r.where + " has an @source that repeats the passage of requirement " + id + " in "
                        + Requirements.FILE + "; delete it (a rule without @source cites its requirement's passage)");
            }
            if (source == null && requirementById.containsKey(id)) {
                source = requirementById.get(id).source();
            }
            String consequence = r.scanned.consequence();
            if (CONSTRUCTED.matcher(consequence).find()) {
                problems.add(r.where + " constructs a Finding, CentreFinding, NoteFinding or AlkOptionNote with"
                        + " new; use their factories (Finding.met, …), so the check knows its message key");
            }
            Set<String> keys = new TreeSet<>();
            Matcher factory = FACTORY.matcher(consequence);
            while (factory.find()) {
                String status = status(factory.group(1), factory.group(2));
                if (status == null) {
                    continue; // e.g. Finding.of: not a factory that derives a message
                }
                String key = message != null ? message : status.isEmpty() ? id : id + "." + status;
                if (keys.add(key) && message == null) {
                    missing(messages, key, r.where + " derives " + factory.group(1) + "." + factory.group(2)
                            + "(…) with the default message key " + key + " (its @id" + (status.isEmpty() ? ")"
                            : " and status; or name another with @message)"), problems);
                }
                if (factory.group(1).equals("Finding") && (status.equals("NOT_MET") || status.equals("UNKNOWN"))) {
                    missing(messages, key + TO_MEET_SUFFIX, r.where + " derives a " + status + " result with message key "
                            + key + ", which needs the text of what would make it met, " + key + TO_MEET_SUFFIX + ",",
                            problems);
                }
            }
            Matcher path = INPUT_PATH.matcher(consequence);
            while (path.find()) {
                missing(messages, QUESTION_PREFIX + path.group(1), r.where + " names the input path " + path.group(1)
                        + " (a fact that can be missing), which needs its question " + QUESTION_PREFIX + path.group(1) + ",",
                        problems);
            }
            List<String> noteIds = new ArrayList<>();
            Matcher offer = OFFERED.matcher(consequence);
            while (offer.find()) {
                List<String> args = split(arguments(consequence, offer.end()));
                Matcher list = args.size() < 3 ? null : NOTE_IDS.matcher(args.get(2).strip());
                if (list == null || !list.matches()) {
                    problems.add(r.where + " calls CentreFinding.offered without its note ids written as"
                            + " List.of(\"…\") (or List.of()) as the third argument; write them so");
                    continue;
                }
                Matcher note = STRING.matcher(list.group(1) == null ? "" : list.group(1));
                while (note.find()) {
                    String noteId = note.group(1);
                    noteIds.add(noteId);
                    if (!ids.contains(noteId)) {
                        problems.add(r.where + " attaches note \"" + noteId + "\", which is not a requirement in "
                                + Requirements.FILE);
                    }
                    missing(messages, noteId, r.where + " attaches note " + noteId + ", the message key of its text,",
                            problems);
                }
            }
            Located first = firstOfId.putIfAbsent(id, r);
            if (first != null && !first.file.equals(r.file)) {
                problems.add(r.where + " has @id(\"" + id + "\") like rule \"" + first.rule.getName() + "\" ("
                        + display.apply(first.file) + ":" + first.scanned.line() + "), in another file: all rules"
                        + " of one requirement live in one .drl file (a copy with the old @id left in?)");
            }
            for (String key : keys) {
                Located same = firstOfKey.putIfAbsent(id + "\u0000" + key, r);
                if (same != null) {
                    problems.add(r.where + " and rule \"" + same.rule.getName() + "\" ("
                            + display.apply(same.file) + ":" + same.scanned.line() + ") share @id(\"" + id
                            + "\") and both derive message key " + key + " (a copy with the old @id left in?);"
                            + " rules of one requirement must differ in status or @message");
                }
            }
            infos.add(new RuleInfo(r.rule.getName(), id, source == null ? "" : source, r.file, r.scanned.line(),
                    List.copyOf(keys), noteIds));
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeBaseException(problems.size() + " problem(s) in the rules' metadata:\n  "
                    + String.join("\n  ", problems));
        }
        infos.sort(Comparator.comparing(RuleInfo::file).thenComparingInt(RuleInfo::line));
        return List.copyOf(infos);
    }

    /** The status in a factory's name ("" for a note, whose key is the id); null if it derives no message. */
    private static String status(String type, String method) {
        return switch (type + "." + method) {
            case "Finding.met" -> "MET";
            case "Finding.notMet" -> "NOT_MET";
            case "Finding.unknown", "CentreFinding.unknown" -> "UNKNOWN";
            case "CentreFinding.offered" -> "OFFERED";
            case "CentreFinding.noneYet" -> "NONE_YET";
            case "NoteFinding.of", "AlkOptionNote.of", "SafetyFinding.of" -> "";
            default -> null;
        };
    }

    private static void missing(Messages messages, String key, String what, List<String> problems) {
        for (String language : messages.missingIn(key)) {
            problems.add(what + " but messages_" + language + ".properties has no such key");
        }
    }

    /** Whether code derives a finding, offer or note (by a factory or a constructor). */
    private static boolean derivesMessages(String code) {
        if (CONSTRUCTED.matcher(code).find()) {
            return true;
        }
        Matcher m = FACTORY.matcher(code);
        while (m.find()) {
            if (status(m.group(1), m.group(2)) != null) {
                return true;
            }
        }
        return false;
    }

    /** Splits an argument list at its top-level commas (parentheses and strings respected). */
    private static List<String> split(String arguments) {
        List<String> result = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char ch = arguments.charAt(i);
            if (ch == '"') {
                int end = arguments.indexOf('"', i + 1);
                i = end < 0 ? arguments.length() : end;
            } else if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if (ch == ')' || ch == ']' || ch == '}') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                result.add(arguments.substring(start, i));
                start = i + 1;
            }
        }
        result.add(arguments.substring(start));
        return result;
    }

    /** The text between the parenthesis opened just before {@code from} and its match (strings respected). */
    static String arguments(String code, int from) {
        int depth = 1;
        for (int i = from; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch == '"') {
                int end = code.indexOf('"', i + 1);
                i = end < 0 ? code.length() : end;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return code.substring(from, i);
            }
        }
        return code.substring(from);
    }

    /** A compiled rule with the place it was found. */
    private record Located(Rule rule, String file, DrlScanner.ScannedRule scanned, String where) {
    }
}
