package nl.zorgregels.api.internal.kb;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.RuleInfo;
import nl.zorgregels.api.internal.kb.DrlSources.Code;
import nl.zorgregels.api.internal.kb.DrlSources.ParsedRule;
import nl.zorgregels.model.Assessment;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The knowledge-base check: what every rule must carry and how rules may share a requirement id,
 * read from the rules' descriptors and the tokens of their consequences ({@link DrlSources}).
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
 *     {@code CentreFinding.offered}, written as a list of ids) are requirement ids and
 *     message keys. The options and their texts (name, referral, reimbursement; adult and youth)
 *     are the rows of {@code alk-options.csv} ({@link KbTables} checks them): a rule that creates
 *     {@code new AlkOptionInfo("ID", …)} for an id the table does not list is refused (it would
 *     have no texts), and the text variant of {@code new AlkOptionAdvice(…, "variant")} must be
 *     {@code adult} or {@code youth}. So that no key is guessed, a consequence may not
 *     construct these facts with {@code new Finding(…)} (use the factories), option ids and
 *     variants are string literals, and no function derives them.</li>
 * <li><b>What to do next (CONTRACT.md §9).</b> A {@code Finding.notMet} or {@code Finding.unknown} with
 *     message key K needs K{@code .toMeet} (what would make it met, from the same facts); an input
 *     path written as a string in a consequence ({@code "postCovid.bellScore"}, a fact that can be
 *     missing) needs its question {@code question.<path>}.</li>
 * <li><b>The order of the rules</b> ({@link RuleOrderCheck}): a rule that concludes with a plain
 *     insert from the absence of a derived fact is gated by a fact derived only once that fact is
 *     complete (CriteriaDecided).</li>
 * </ol>
 */
public final class RuleMetadata {
    /** The suffix of the key of a NOT_MET or UNKNOWN result's "what would make it met" text (CONTRACT.md §9). */
    public static final String TO_MEET_SUFFIX = ".toMeet";
    /** The prefix of the key of the question for a missing input path (CONTRACT.md §9). */
    public static final String QUESTION_PREFIX = "question.";
    /** The fact types whose factories and constructors derive a message. */
    private static final Set<String> DERIVED = Set.of("Finding", "CentreFinding", "NoteFinding", "AlkOptionNote",
            "SafetyFinding");

    private RuleMetadata() {
    }

    /**
     * The types of the case facts the engine inserts: the assessment and its parts (its record
     * components that are records).
     *
     * @return them, the assessment first
     */
    public static List<Class<?>> caseTypes() {
        List<Class<?>> types = new ArrayList<>(List.of(Assessment.class));
        for (RecordComponent c : Assessment.class.getRecordComponents()) {
            if (c.getType().isRecord()) {
                types.add(c.getType());
            }
        }
        return List.copyOf(types);
    }

    /**
     * Checks the rules of a compiled knowledge base against its sources.
     *
     * @param kieBase      the compiled rules (every rule of the sources must be in it)
     * @param messages     the bundles
     * @param sources      the knowledge base's source files by path ({@code .drl} files are read)
     * @param requirements the requirements list
     * @param tableOptions option ids of {@code alk-options.csv}, each with where it is (file:line); a rule
     *                     may create only these options
     * @param inputTypes   the types of the facts the engine inserts before the rules fire
     * @param display      how to show a source path in a message (the full path for a directory)
     * @return every rule, by file and line
     * @throws KnowledgeBaseException listing every problem
     */
    public static List<RuleInfo> check(KieBase kieBase, Messages messages, Map<String, byte[]> sources,
                                       List<Requirement> requirements, Map<String, String> tableOptions,
                                       Collection<Class<?>> inputTypes, Function<String, String> display) {
        List<String> problems = new ArrayList<>();
        Map<String, Requirement> requirementById = new HashMap<>();
        requirements.forEach(r -> requirementById.put(r.id(), r));
        Set<String> compiled = new LinkedHashSet<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule rule : p.getRules()) {
                compiled.add(p.getName() + "/" + rule.getName());
            }
        }
        DrlSources.Parsed parsed = DrlSources.parse(sources, display);
        parsed.functions().stream().filter(f -> f.body().calls().stream().anyMatch(RuleMetadata::derives))
                .forEach(f -> problems.add(f.where() + " derives a Finding, CentreFinding, NoteFinding or AlkOptionNote;"
                        + " derive them in a rule's consequence, so the check knows the rule's message key"));
        List<RuleOrderCheck.Checked> rules = new ArrayList<>();
        for (ParsedRule s : parsed.rules()) {
            String where = display.apply(s.file()) + ":" + s.line() + ": rule \"" + s.name() + "\"";
            if (!compiled.remove(s.packageName() + "/" + s.name())) {
                problems.add(where + " is not in the compiled knowledge base: its file declares package "
                        + (s.packageName().isEmpty() ? "none" : s.packageName())
                        + ", and only the packages META-INF/kmodule.xml names are loaded");
            } else {
                rules.add(new RuleOrderCheck.Checked(s, where));
            }
        }
        problems.addAll(RuleOrderCheck.check(rules, parsed.functions(), inputTypes));
        for (String missed : compiled) {
            problems.add("rule \"" + missed.substring(missed.indexOf('/') + 1)
                    + "\" is compiled but could not be found in the .drl sources");
        }
        Map<String, Class<?>> inputParts = new HashMap<>();
        for (RecordComponent part : Assessment.class.getRecordComponents()) {
            if (part.getType().isRecord()) {
                inputParts.put(part.getName(), part.getType());
            }
        }
        List<RuleInfo> infos = new ArrayList<>();
        Map<String, RuleOrderCheck.Checked> firstOfId = new HashMap<>();
        Map<String, RuleOrderCheck.Checked> firstOfKey = new HashMap<>();
        for (RuleOrderCheck.Checked checked : rules) {
            ParsedRule r = checked.rule();
            String where = checked.where();
            options(r, where, tableOptions, problems);
            String id = r.annotation("id");
            String source = r.annotation("source");
            String message = r.annotation("message");
            if (id == null || id.isBlank()) {
                problems.add(where + " has no @id; add @id(\"…\") with its requirement's id from " + Requirements.FILE);
            }
            if (source != null && source.isBlank()) {
                problems.add(where + " has an empty @source; leave it out to cite its requirement's passage");
            }
            if (message != null) {
                missing(messages, message, where + " names @message(\"" + message + "\")", problems);
            }
            if (id == null || id.isBlank()) {
                continue;
            }
            Requirement requirement = requirementById.get(id);
            if (requirement == null) {
                problems.add(where + " has @id(\"" + id + "\"), which is not a requirement in "
                        + Requirements.FILE + "; add it there or correct the @id");
            } else if (source != null && source.equals(requirement.source())) {
                problems.add(where + " has an @source that repeats the passage of requirement " + id + " in "
                        + Requirements.FILE + "; delete it (a rule without @source cites its requirement's passage)");
            }
            if (source == null && requirement != null) {
                source = requirement.source();
            }
            Set<String> keys = new TreeSet<>();
            List<String> noteIds = new ArrayList<>();
            boolean decided = false;
            for (Code.Call call : r.consequence().calls()) {
                if (call.constructor() && DERIVED.contains(call.name())) {
                    problems.add(where + " constructs a Finding, CentreFinding, NoteFinding or AlkOptionNote with"
                            + " new; use their factories (Finding.met, …), so the check knows its message key");
                }
                String status = call.constructor() ? null : status(factory(call));
                if (status == null) {
                    continue; // e.g. Finding.inputs: not a factory that derives a message
                }
                if (status.equals(DECIDED)) {
                    decided = true;
                    decideKeys(id, message, r.annotation("messages"), where, messages, keys, problems);
                    continue;
                }
                String key = message != null ? message : status.isEmpty() ? id : id + "." + status;
                if (keys.add(key) && message == null) {
                    missing(messages, key, where + " derives " + factory(call) + "(…) with the default message key "
                            + key + " (its @id" + (status.isEmpty() ? ")" : " and status; or name another with @message)"),
                            problems);
                }
                if (factory(call).startsWith("Finding.") && (status.equals("NOT_MET") || status.equals("UNKNOWN"))) {
                    missing(messages, key + TO_MEET_SUFFIX, where + " derives a " + status + " result with message key "
                            + key + ", which needs the text of what would make it met, " + key + TO_MEET_SUFFIX + ",",
                            problems);
                }
                if (status.equals("OFFERED")) {
                    noteIds(call, where, problems).forEach(noteId -> {
                        noteIds.add(noteId);
                        if (!requirementById.containsKey(noteId)) {
                            problems.add(where + " attaches note \"" + noteId + "\", which is not a requirement in "
                                    + Requirements.FILE);
                        }
                        missing(messages, noteId, where + " attaches note " + noteId + ", the message key of its text,",
                                problems);
                    });
                }
            }
            if (!decided && r.annotation("messages") != null) {
                problems.add(where + " has @messages but derives no Finding.decide(…) result; @messages lists the"
                        + " keys a Finding.decide rule may derive (use @message for another rule's one key)");
            }
            for (String path : r.consequence().strings()) {
                inputPath(path, inputParts, where, messages, problems);
            }
            RuleOrderCheck.Checked first = firstOfId.putIfAbsent(id, checked);
            if (first != null && !first.rule().file().equals(r.file())) {
                problems.add(where + " has @id(\"" + id + "\") like rule \"" + first.rule().name() + "\" ("
                        + display.apply(first.rule().file()) + ":" + first.rule().line() + "), in another file: all rules"
                        + " of one requirement live in one .drl file (a copy with the old @id left in?)");
            }
            Map<RuleOrderCheck.Checked, List<String>> shared = new java.util.LinkedHashMap<>();
            for (String key : keys) {
                RuleOrderCheck.Checked same = firstOfKey.putIfAbsent(id + "\u0000" + key, checked);
                if (same != null) {
                    shared.computeIfAbsent(same, k -> new ArrayList<>()).add(key);
                }
            }
            shared.forEach((same, sharedKeys) -> problems.add(where + " and rule \"" + same.rule().name() + "\" ("
                    + display.apply(same.rule().file()) + ":" + same.rule().line() + ") share @id(\"" + id
                    + "\") and both derive message key" + (sharedKeys.size() == 1 ? " " : "s ")
                    + String.join(", ", sharedKeys) + " (a copy with the old @id left in?);"
                    + " rules of one requirement must differ in status or @message"));
            infos.add(new RuleInfo(r.name(), id, source == null ? "" : source, r.file(), r.line(),
                    List.copyOf(keys), noteIds));
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeBaseException(problems.size() + " problem(s) in the rules' metadata:\n  "
                    + String.join("\n  ", problems));
        }
        infos.sort(Comparator.comparing(RuleInfo::file).thenComparingInt(RuleInfo::line));
        return List.copyOf(infos);
    }

    /**
     * A string {@code part.field} naming an input path (a fact that can be missing) needs its
     * question, and must name a field of that part.
     */
    private static void inputPath(String path, Map<String, Class<?>> parts, String where, Messages messages,
                                  List<String> problems) {
        int dot = path.indexOf('.');
        Class<?> part = dot < 0 ? null : parts.get(path.substring(0, dot));
        String field = dot < 0 ? "" : path.substring(dot + 1);
        if (part == null || field.isEmpty() || !field.chars().allMatch(Character::isLetter)) {
            return; // not an input path
        }
        if (Arrays.stream(part.getRecordComponents()).noneMatch(c -> c.getName().equals(field))) {
            problems.add(where + " names the input path " + path + ", but " + part.getSimpleName() + " has no field "
                    + field + "; its fields are " + CompileErrors.fields(part) + " (see rules-kb/README.md,"
                    + " \"Input facts\")");
            return;
        }
        missing(messages, QUESTION_PREFIX + path, where + " names the input path " + path + " (a fact that can be"
                + " missing), which needs its question " + QUESTION_PREFIX + path + ",", problems);
    }

    /** The options a consequence creates must be rows of the options table, their text variants known ones. */
    private static void options(ParsedRule r, String where, Map<String, String> tableOptions, List<String> problems) {
        for (Code.Call call : r.consequence().calls()) {
            if (!call.constructor() || call.arguments().isEmpty()) {
                continue;
            }
            if (call.name().equals("AlkOptionInfo")) {
                String id = literal(call.arguments().get(0));
                if (id == null) {
                    problems.add(where + " creates an AlkOptionInfo without a literal option id as its first"
                            + " argument; write the id as a string, so the check can find its texts");
                } else if (!tableOptions.containsKey(id)) {
                    problems.add(where + " creates option " + id + ", which is not a row of "
                            + KbTables.ALK_OPTIONS + " (" + String.join(", ", new TreeSet<>(tableOptions.keySet()))
                            + "); the options and their texts are the rows of that table");
                }
            } else if (call.name().equals("AlkOptionAdvice")) {
                String variant = literal(call.arguments().get(call.arguments().size() - 1));
                if (variant == null) {
                    problems.add(where + " creates an AlkOptionAdvice without a literal text variant as its"
                            + " last argument (\"adult\", \"youth\"); write it as a string");
                } else if (!AlkOptionTexts.VARIANTS.contains(variant)) {
                    problems.add(where + " creates an AlkOptionAdvice with text variant \"" + variant
                            + "\", which is not one of " + AlkOptionTexts.VARIANTS + " (the texts of "
                            + KbTables.ALK_OPTIONS + ")");
                }
            }
        }
    }

    /** The note ids of a centre offer: its third argument, {@code List.of("…", …)}. */
    private static List<String> noteIds(Code.Call offer, String where, List<String> problems) {
        List<Code.Token> list = offer.arguments().size() < 3 ? List.of() : offer.arguments().get(2);
        List<String> ids = new ArrayList<>();
        boolean written = list.size() >= 5 && Code.text(list.subList(0, 4)).equals("List.of(")
                && list.get(list.size() - 1).is(")");
        for (int i = 4; written && i < list.size() - 1; i++) {
            Code.Token t = list.get(i);
            boolean comma = (i - 4) % 2 == 1;
            if (comma ? !t.is(",") : t.kind() != 's') {
                written = false;
            } else if (!comma) {
                ids.add(t.text());
            }
        }
        if (!written) {
            problems.add(where + " calls CentreFinding.offered without its note ids written as"
                    + " List.of(\"…\") (or List.of()) as the third argument; write them so");
            return List.of();
        }
        return ids;
    }

    /** The text of an argument that is one string literal, else null. */
    private static String literal(List<Code.Token> argument) {
        return argument.size() == 1 && argument.get(0).kind() == 's' && !argument.get(0).text().isEmpty()
                ? argument.get(0).text() : null;
    }

    /**
     * The keys a {@code Finding.decide} rule may derive: {@code <id>.} + each entry of its
     * {@code @messages} (default MET, NOT_MET, UNKNOWN), each in both bundles, a NOT_MET or UNKNOWN
     * one with its {@code .toMeet}. Which entry a result takes is known only when the rule fires;
     * {@code Finding.decide} refuses one its rule does not list, and the proof fires every status.
     */
    private static void decideKeys(String id, String message, String annotation, String where, Messages messages,
                                   Set<String> keys, List<String> problems) {
        if (message != null) {
            problems.add(where + " has @message(\"" + message + "\") and derives Finding.decide(…), whose keys"
                    + " are <id>.<STATUS>[.<variant>]; list them with @messages(\"MET, NOT_MET.variant, …\") instead");
        }
        for (String entry : nl.zorgregels.kb.fact.RuleMeta.messages(annotation)) {
            String status = entry.contains(".") ? entry.substring(0, entry.indexOf('.')) : entry;
            if (!Set.of("MET", "NOT_MET", "UNKNOWN").contains(status)) {
                problems.add(where + " lists \"" + entry + "\" in @messages; each entry is a status (MET, NOT_MET,"
                        + " UNKNOWN), optionally followed by .<variant>, as in @messages(\"MET, NOT_MET.duration\")");
                continue;
            }
            String key = id + "." + entry;
            if (keys.add(key)) {
                missing(messages, key, where + " may derive message key " + key + " (its @id and "
                        + (annotation == null ? "a status" : "@messages entry " + entry) + ")", problems);
                if (!status.equals("MET")) {
                    missing(messages, key + TO_MEET_SUFFIX, where + " may derive a " + status + " result with message"
                            + " key " + key + ", which needs the text of what would make it met, " + key
                            + TO_MEET_SUFFIX + ",", problems);
                }
            }
        }
    }

    /** The marker {@link #status} gives {@code Finding.decide}, whose status is known when the rule fires. */
    private static final String DECIDED = "*";

    /** The status in a factory's name ("" for a note, whose key is the id); null if it derives no message. */
    private static String status(String factory) {
        return switch (factory) {
            case "Finding.decide" -> DECIDED;
            case "Finding.met" -> "MET";
            case "Finding.notMet" -> "NOT_MET";
            case "Finding.unknown", "CentreFinding.unknown" -> "UNKNOWN";
            case "CentreFinding.offered" -> "OFFERED";
            case "CentreFinding.noneYet" -> "NONE_YET";
            case "NoteFinding.of", "AlkOptionNote.of", "SafetyFinding.of" -> "";
            default -> null;
        };
    }

    /** {@code Type.method} of a call, the type without its package. */
    private static String factory(Code.Call call) {
        return call.target().substring(call.target().lastIndexOf('.') + 1) + "." + call.name();
    }

    /** Whether a call derives a finding, offer or note (by a factory or a constructor). */
    private static boolean derives(Code.Call call) {
        return call.constructor() ? DERIVED.contains(call.name()) : status(factory(call)) != null;
    }

    private static void missing(Messages messages, String key, String what, List<String> problems) {
        for (String language : messages.missingIn(key)) {
            problems.add(what + " but messages_" + language + ".properties has no such key");
        }
    }
}
