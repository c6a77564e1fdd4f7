package nl.zorgregels.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.MessageOrigin;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.RuleInfo;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.kb.fact.DecisionPart;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkAdvice;
import nl.zorgregels.model.AlkOption;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.CentreOffer;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.CriterionResult;
import nl.zorgregels.model.Decision;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.KnowledgeBaseInfo;
import nl.zorgregels.model.LocalizedText;
import nl.zorgregels.model.Note;
import nl.zorgregels.model.PostCovidDecision;
import nl.zorgregels.model.PostCovidFacts;

/**
 * The {@code trace} command: for each requirement of the knowledge base, its title and source, the
 * rules that implement it and the scenarios that cover each of its sides.
 *
 * <pre>
 * zorgregels trace [ID...] [--scenarios DIR] [--format text|json] [--kb DIR]
 * </pre>
 *
 * <p>A scenario covers a side of a requirement when the decision the knowledge base makes for the
 * scenario's input shows that side, as the requirement's {@link Requirement.Kind} defines it (a
 * criterion's status, the centre's rule and status, the ALK severity, …); what the scenario file
 * expects is not consulted, so the trace shows what the scenarios really exercise. A constraint
 * has no sides: it is covered by the scenario files whose title names it.
 *
 * <p>Used by the command line ({@link Main}) and by the build's traceability test; not part of the
 * embedding API.
 */
public final class Trace {
    /** The variant of an option note's text that says when the option is indicated (side WHEN). */
    private static final String WHEN = ".when";
    /** The scenario folder used when {@code --scenarios} is not given, relative to the working directory. */
    public static final String DEFAULT_SCENARIOS = "rules-tests/src/test/resources/scenarios";

    private static final int EXAMPLES = 3;

    private Trace() {
    }

    /**
     * One scenario's input as the trace reads it.
     *
     * @param file      the scenario file, below the scenario folder, '/'-separated
     * @param name      the scenario's name
     * @param inputJson its input ({@code given} with {@code with} laid over it) as JSON
     */
    public record ScenarioInput(String file, String name, String inputJson) {
        /** @return {@code file / name} */
        public String displayName() {
            return file + " / " + name;
        }
    }

    /**
     * What implements and covers one requirement.
     *
     * @param requirement the requirement
     * @param rules       the rules with its {@code @id}, and those attaching it as a note, by file and line
     * @param namedBy     the scenario files whose title names its id
     * @param scenarios   per side of its kind, in the kind's order, the scenarios showing that side
     */
    public record RequirementTrace(Requirement requirement, List<RuleInfo> rules, List<String> namedBy,
                                   Map<String, List<String>> scenarios) {

        /**
         * Copies the collections.
         *
         * @param requirement the requirement
         * @param rules the rules with its {@code @id}, and those attaching it as a note, by file and line
         * @param namedBy the scenario files whose title names its id
         * @param scenarios per side of its kind, in the kind's order, the scenarios showing that side
         */
        public RequirementTrace {
            rules = List.copyOf(rules);
            namedBy = List.copyOf(namedBy);
            Map<String, List<String>> copy = new LinkedHashMap<>();
            scenarios.forEach((side, list) -> copy.put(side, List.copyOf(list)));
            scenarios = java.util.Collections.unmodifiableMap(copy);
        }

        /** @return whether it has no rule although its kind is implemented by rules (all but a constraint) */
        public boolean lacksRules() {
            return requirement.kind() != Requirement.Kind.CONSTRAINT && rules.isEmpty();
        }

        /** @return the sides it must cover ({@link Requirement#cover()}) that no scenario shows */
        public List<String> uncoveredSides() {
            return requirement.cover().stream().filter(side -> scenarios.getOrDefault(side, List.of()).isEmpty()).toList();
        }
    }

    /**
     * The whole trace.
     *
     * @param knowledgeBase     the knowledge base traced
     * @param scenarioDirectory the scenario folder read; null if none was found (scenarios not traced)
     * @param files             the scenario files read
     * @param scenarioCount     the scenarios read
     * @param invalidScenarios  scenarios whose input the JSON binding refuses, with the reason
     * @param requirements      per requirement, in the order of the requirements list
     */
    public record Report(KnowledgeBaseInfo knowledgeBase, String scenarioDirectory, int files, int scenarioCount,
                         List<String> invalidScenarios, List<RequirementTrace> requirements) {

        /**
         * Copies the lists.
         *
         * @param knowledgeBase the knowledge base traced
         * @param scenarioDirectory the scenario folder read; null if none was found (scenarios not traced)
         * @param files the scenario files read
         * @param scenarioCount the scenarios read
         * @param invalidScenarios scenarios whose input the JSON binding refuses, with the reason
         * @param requirements per requirement, in the order of the requirements list
         */
        public Report {
            invalidScenarios = List.copyOf(invalidScenarios);
            requirements = List.copyOf(requirements);
        }

        /** @return every gap: a requirement without a rule, a side without a scenario, a constraint no file names */
        public List<String> gaps() {
            List<String> gaps = new ArrayList<>();
            for (RequirementTrace t : requirements) {
                String id = t.requirement().id();
                if (t.lacksRules()) {
                    gaps.add(id + ": no rule");
                }
                if (scenarioDirectory == null) {
                    continue;
                }
                for (String side : t.uncoveredSides()) {
                    gaps.add(id + " " + side + ": no scenario");
                }
                if (t.requirement().kind() == Requirement.Kind.CONSTRAINT && t.namedBy().isEmpty()) {
                    gaps.add(id + ": no scenario file names it in its title");
                }
            }
            for (String invalid : invalidScenarios) {
                gaps.add("invalid scenario input: " + invalid);
            }
            return gaps;
        }
    }

    /**
     * Reads the scenario inputs of a folder, as the trace does.
     *
     * @param dir the scenario folder
     * @return every scenario of every {@code .yaml} file below it, files by path, scenarios in file order
     * @throws InvalidInputException if a file is not valid YAML or lacks title, given or a scenario name
     */
    public static List<ScenarioInput> readScenarios(Path dir) {
        return ScenarioReader.read(dir).stream().flatMap(f -> f.scenarios().stream()).toList();
    }

    /**
     * Traces every requirement of an engine's knowledge base.
     *
     * @param engine      the engine; its knowledge base is traced and it decides the scenarios
     * @param scenarioDir the scenario folder, or null to trace the rules only
     * @return the trace
     * @throws InvalidInputException if a scenario file is malformed
     */
    public static Report trace(ZorgregelsEngine engine, Path scenarioDir) {
        List<Requirement> requirements = engine.requirements();
        Map<String, Map<String, List<String>>> covered = new LinkedHashMap<>();
        for (Requirement r : requirements) {
            Map<String, List<String>> sides = new LinkedHashMap<>();
            r.kind().sides().forEach(side -> sides.put(side, new ArrayList<>()));
            covered.put(r.id(), sides);
        }
        List<ScenarioReader.File> files = scenarioDir == null ? List.of() : ScenarioReader.read(scenarioDir);
        List<String> invalid = new ArrayList<>();
        int count = 0;
        for (ScenarioReader.File file : files) {
            for (ScenarioInput s : file.scenarios()) {
                count++;
                Assessment assessment;
                try {
                    assessment = DecisionJson.readAssessment(s.inputJson());
                } catch (InvalidInputException e) {
                    invalid.add(s.displayName() + ": " + e.field() + ": " + e.rule());
                    continue;
                }
                Decision decision = engine.evaluate(assessment);
                Supplier<AgeGroup> ageGroup = () -> ageGroup(engine, assessment, decision);
                for (Requirement r : requirements) {
                    for (String side : sides(r, assessment, decision, ageGroup, engine::messageOrigin)) {
                        covered.get(r.id()).get(side).add(s.displayName());
                    }
                }
            }
        }
        List<RequirementTrace> traces = new ArrayList<>(requirements.size());
        for (Requirement r : requirements) {
            List<RuleInfo> rules = engine.rules().stream()
                    .filter(rule -> rule.id().equals(r.id()) || rule.noteIds().contains(r.id())).toList();
            Pattern named = Pattern.compile("(?<![A-Za-z0-9-])" + Pattern.quote(r.id()) + "(?![A-Za-z0-9])");
            List<String> namedBy = files.stream().filter(f -> named.matcher(f.title()).find())
                    .map(ScenarioReader.File::file).toList();
            traces.add(new RequirementTrace(r, rules, namedBy, covered.get(r.id())));
        }
        return new Report(engine.knowledgeBase(), scenarioDir == null ? null : scenarioDir.toString(), files.size(),
                count, invalid, traces);
    }

    /**
     * The sides of a requirement a decision shows (see {@link Requirement.Kind}). The part looked in
     * is the requirement's {@code part}: {@code POST_COVID} the post-COVID decision, {@code ALK} the
     * ALK advice. What the rules found is read from the decision, never worked out again here.
     *
     * @param origin which message of the knowledge base a text is (see {@link ZorgregelsEngine#messageOrigin})
     */
    static Set<String> sides(Requirement r, Assessment input, Decision decision, Supplier<AgeGroup> ageGroup,
                             BiFunction<String, LocalizedText, Optional<MessageOrigin>> origin) {
        Set<String> sides = new LinkedHashSet<>();
        String id = r.id();
        PostCovidDecision pc = r.part().equals(DecisionPart.POST_COVID.name()) ? decision.postCovid() : null;
        AlkAdvice alk = r.part().equals(DecisionPart.ALK.name()) ? decision.alk() : null;
        CentreOffer centre = pc == null ? null : pc.centre();
        switch (r.kind()) {
            case CRITERION -> {
                List<CriterionResult> criteria = pc != null ? pc.criteria() : alk != null ? alk.criteria() : List.of();
                criteria.stream().filter(c -> c.id().equals(id)).forEach(c -> sides.add(c.status().name()));
            }
            case AGE_GROUP -> {
                if (pc != null) {
                    sides.add(pc.ageGroup().name());
                }
            }
            case OUTCOME -> {
                if (pc != null) {
                    sides.add(pc.outcome().name());
                } else if (alk != null) {
                    sides.add(alk.outcome().name());
                }
            }
            case NOTE -> {
                if (pc != null || alk != null) {
                    sides.add(notes(pc, alk).stream().anyMatch(n -> n.id().equals(id)) ? "SHOWN" : "NOT_SHOWN");
                }
            }
            case CENTRE -> {
                if (centre != null && id.equals(centre.ruleId())) {
                    sides.add(centre.status().name());
                }
            }
            case ADULT_CENTRE_OPENING -> {
                if (centre != null && pc.ageGroup() == AgeGroup.ADULT && centre.status() != CentreStatus.UNKNOWN
                        && input.patient().umcRegion() != null && input.postCovid().currentCentre() == null) {
                    sides.add(centre.centres().equals(List.of(input.patient().umcRegion())) ? "OPEN" : "NOT_YET_OPEN");
                }
            }
            case CENTRE_NOTE -> {
                if (centre != null && centre.status() == CentreStatus.OFFERED) {
                    sides.add(centre.notes().stream().anyMatch(n -> n.id().equals(id)) ? "SHOWN" : "NOT_SHOWN");
                }
            }
            case SEVERITY -> {
                if (alk != null && alk.severity() != null) {
                    sides.add(alk.severity().name());
                }
            }
            case OPTIONS -> {
                if (alk != null && !alk.options().isEmpty()) {
                    sides.add(alk.severity().name());
                }
            }
            case YOUTH -> {
                if (alk != null && !alk.options().isEmpty()) {
                    sides.add(ageGroup.get() == AgeGroup.CHILD ? "YOUTH" : "ADULT");
                }
            }
            case OPTION_INDICATION -> {
                if (alk != null) {
                    // the text the rules chose: its .when variant says when the option is indicated
                    alk.options().stream().flatMap(o -> o.notes().stream()).filter(n -> n.id().equals(id))
                            .map(n -> origin.apply(id, n.message()).map(MessageOrigin::key).orElse(""))
                            .forEach(key -> sides.add(key.equals(id + WHEN) ? "WHEN" : "INDICATED"));
                }
            }
            case SAFETY, DATA_DOUBT -> sides.add(decision.safety().stream().anyMatch(n -> n.id().equals(id))
                    ? "SHOWN" : "NOT_SHOWN");
            case CONSTRAINT -> {
                // no sides: covered by the scenario files whose title names it
            }
        }
        return sides;
    }

    /** Every note and warning of a decision's parts (centre and option notes included). */
    private static List<Note> notes(PostCovidDecision pc, AlkAdvice alk) {
        List<Note> notes = new ArrayList<>();
        if (pc != null) {
            notes.addAll(pc.warnings());
            notes.addAll(pc.notes());
            if (pc.centre() != null) {
                notes.addAll(pc.centre().notes());
            }
        }
        if (alk != null) {
            notes.addAll(alk.warnings());
            notes.addAll(alk.notes());
            for (AlkOption o : alk.options()) {
                notes.addAll(o.notes());
            }
        }
        return notes;
    }

    /**
     * The patient's age group as the knowledge base decides it: the post-COVID decision's, or,
     * for a case without post-COVID facts, that of the same patient with empty post-COVID facts.
     */
    private static AgeGroup ageGroup(ZorgregelsEngine engine, Assessment input, Decision decision) {
        if (decision.postCovid() != null) {
            return decision.postCovid().ageGroup();
        }
        return engine.evaluate(new Assessment(input.assessmentDate(), input.patient(), PostCovidFacts.builder().build(),
                null)).postCovid().ageGroup();
    }

    // ---- the command ----------------------------------------------------------------------------

    /**
     * @param args the command line
     * @return whether its command (the first argument that is not an option or an option's value) is {@code trace}
     */
    static boolean isCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--format", "--lang", "--kb", "--scenarios", "--threads" -> i++;
                default -> {
                    if (!args[i].startsWith("-")) {
                        return args[i].equals("trace");
                    }
                }
            }
        }
        return false;
    }

    /**
     * Runs {@code trace}: prints the report on {@code out}.
     *
     * @param args the whole command line ({@code trace} among it)
     * @param out  where the report goes
     * @param err  where notes go (no scenario folder found)
     * @return {@link Main#OK}
     * @throws UsageException on bad usage, an unknown requirement id or a missing {@code --scenarios} folder
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String format = "text";
        String kb = null;
        String scenarios = null;
        List<String> ids = new ArrayList<>();
        boolean command = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help", "help" -> {
                    out.print(Main.USAGE);
                    return Main.OK;
                }
                case "--format" -> {
                    format = Args.value(args, ++i, a);
                    if (!format.equals("text") && !format.equals("json")) {
                        throw new UsageException("--format must be one of text, json but was " + format);
                    }
                }
                case "--kb" -> kb = Args.value(args, ++i, a);
                case "--scenarios" -> scenarios = Args.value(args, ++i, a);
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option for trace: " + a);
                    } else if (!command && a.equals("trace")) {
                        command = true;
                    } else {
                        ids.add(a);
                    }
                }
            }
        }
        Path dir = scenarios == null ? Path.of(DEFAULT_SCENARIOS) : Path.of(scenarios);
        if (scenarios != null && !Files.isDirectory(dir)) {
            throw new UsageException("--scenarios " + scenarios + ": not a directory");
        }
        ZorgregelsEngine engine = kb == null ? ZorgregelsEngine.packaged() : ZorgregelsEngine.fromDirectory(Path.of(kb));
        if (scenarios == null && !Files.isDirectory(dir)) {
            err.println("zorgregels: no scenario folder found (" + DEFAULT_SCENARIOS + " does not exist in "
                    + Path.of("").toAbsolutePath() + "); tracing rules only. Use --scenarios DIR.");
            dir = null;
        }
        Set<String> known = new LinkedHashSet<>();
        engine.requirements().forEach(r -> known.add(r.id()));
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new UsageException("no requirement " + id + " in the knowledge base; known: " + String.join(", ", known));
            }
        }
        Report report = trace(engine, dir);
        if (!ids.isEmpty()) {
            report = new Report(report.knowledgeBase(), report.scenarioDirectory(), report.files(), report.scenarioCount(),
                    report.invalidScenarios(), report.requirements().stream()
                    .filter(t -> ids.contains(t.requirement().id())).toList());
        }
        out.print(format.equals("json") ? json(report) : text(report));
        return Main.OK;
    }

    /** @return the report for a person */
    static String text(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("Zorgregels — requirements, rules and scenarios\n");
        out.append("Knowledge base ").append(report.knowledgeBase().version()).append(" (")
                .append(report.knowledgeBase().checksum()).append(")\n");
        out.append(report.scenarioDirectory() == null ? "Scenarios: none read (no scenario folder)\n"
                : "Scenarios: " + report.scenarioDirectory() + " (" + report.files() + " files, "
                + report.scenarioCount() + " scenarios)\n");
        for (RequirementTrace t : report.requirements()) {
            Requirement r = t.requirement();
            out.append('\n').append(r.id()).append("  ").append(r.title()).append('\n');
            out.append("  ").append(r.kind().label()).append(r.spec().isEmpty() ? "" : ", CONTRACT.md " + r.spec()).append('\n');
            out.append("  source: ").append(r.source()).append('\n');
            if (t.rules().isEmpty()) {
                out.append(t.lacksRules() ? "  rules: none  <- GAP\n" : "  rules: none (a constraint on all rules)\n");
            } else {
                out.append("  rules (").append(t.rules().size()).append("):\n");
                for (RuleInfo rule : t.rules()) {
                    out.append("    ").append(rule.location()).append("  ").append(rule.name())
                            .append(rule.id().equals(r.id()) ? "" : "  (attaches " + r.id() + ")").append('\n');
                }
            }
            if (report.scenarioDirectory() == null) {
                continue;
            }
            out.append("  scenario files naming it: ")
                    .append(t.namedBy().isEmpty() ? "none" : String.join(", ", t.namedBy())).append('\n');
            if (r.kind() == Requirement.Kind.CONSTRAINT && t.namedBy().isEmpty()) {
                out.append("    <- GAP: a constraint is covered by the scenario files that name it\n");
            }
            int width = r.kind().sides().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, List<String>> side : t.scenarios().entrySet()) {
                boolean required = r.cover().contains(side.getKey());
                List<String> list = side.getValue();
                if (!required && list.isEmpty()) {
                    continue;
                }
                out.append("  ").append(String.format("%-" + width + "s", side.getKey())).append("  ");
                if (list.isEmpty()) {
                    out.append("no scenario  <- GAP\n");
                    continue;
                }
                out.append(String.format("%3d", list.size())).append(list.size() == 1 ? " scenario:  " : " scenarios: ")
                        .append(String.join(", ", examples(list, t.namedBy())))
                        .append(list.size() > EXAMPLES ? ", …" : "")
                        .append(required ? "" : "  (not required)").append('\n');
            }
        }
        out.append('\n');
        List<String> gaps = report.gaps();
        out.append(report.requirements().size()).append(" requirement(s); ")
                .append(gaps.isEmpty() ? "no gaps" : gaps.size() + " gap(s):").append('\n');
        for (String gap : gaps) {
            out.append("  ").append(gap).append('\n');
        }
        return out.toString();
    }

    /** A few scenarios of a side, those of the files naming the requirement first. */
    private static List<String> examples(List<String> scenarios, List<String> namedBy) {
        List<String> first = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String s : scenarios) {
            (namedBy.stream().anyMatch(f -> s.startsWith(f + " / ")) ? first : rest).add(s);
        }
        first.addAll(rest);
        return first.subList(0, Math.min(EXAMPLES, first.size()));
    }

    /** @return the report as JSON: every scenario of every side */
    static String json(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> kb = new LinkedHashMap<>();
        kb.put("version", report.knowledgeBase().version());
        kb.put("checksum", report.knowledgeBase().checksum());
        root.put("knowledgeBase", kb);
        Map<String, Object> scenarios = new LinkedHashMap<>();
        scenarios.put("directory", report.scenarioDirectory());
        scenarios.put("files", report.files());
        scenarios.put("scenarios", report.scenarioCount());
        scenarios.put("invalid", report.invalidScenarios());
        root.put("scenarios", scenarios);
        List<Object> requirements = new ArrayList<>();
        for (RequirementTrace t : report.requirements()) {
            Requirement r = t.requirement();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("title", r.title());
            m.put("spec", r.spec());
            m.put("kind", r.kind().label());
            m.put("seed", r.seed());
            m.put("passage", r.passage());
            m.put("source", r.source());
            List<Object> rules = new ArrayList<>();
            for (RuleInfo rule : t.rules()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("name", rule.name());
                rm.put("id", rule.id());
                rm.put("source", rule.source());
                rm.put("file", rule.file());
                rm.put("line", rule.line());
                rm.put("messageKeys", rule.messageKeys());
                rm.put("noteIds", rule.noteIds());
                rules.add(rm);
            }
            m.put("rules", rules);
            m.put("cover", r.cover());
            if (report.scenarioDirectory() != null) {
                m.put("namedBy", t.namedBy());
                m.put("scenarios", t.scenarios());
                m.put("uncovered", t.uncoveredSides());
            }
            m.put("lacksRules", t.lacksRules());
            requirements.add(m);
        }
        root.put("requirements", requirements);
        root.put("gaps", report.gaps());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
