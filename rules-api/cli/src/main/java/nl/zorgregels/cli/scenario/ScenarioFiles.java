package nl.zorgregels.cli.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.zorgregels.cli.ScenarioReader;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.AlkSeverity;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Outcome;

/**
 * Reads scenario files (format: {@code scenarios/README.md} of rules-tests): a folder of
 * {@code .yaml} files, each a {@code given} case and scenarios that vary it and state the decision
 * they expect. Strict: an unknown or misspelt key, a value of the wrong type, a duplicate key, or an
 * id the knowledge base does not know ({@link ScenarioVocabulary}) is an error naming the file and
 * the key path, so that an author's typo fails instead of silently checking nothing. Used by
 * {@code check-kb} and by the scenario suite of rules-tests, so both read a file alike.
 */
public final class ScenarioFiles {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private static final Set<String> FILE_KEYS = Set.of("title", "given", "scenarios");
    private static final Set<String> SCENARIO_KEYS = Set.of("name", "with", "expect", "sameAs");
    private static final Set<String> EXPECT_KEYS =
            Set.of("postCovid", "alk", "safety", "safetyContains", "report", "letter");
    private static final Set<String> OUTPUT_KEYS = Set.of("contains", "notContains");
    private static final Set<String> LETTER_KEYS = Set.of("nl", "en", "exit");
    /** The exit codes {@code expect.letter.exit} may name: written, or refused while the data is in doubt. */
    private static final Set<Integer> LETTER_EXITS = Set.of(0, LetterExpectation.REFUSED);
    private static final Set<String> POST_COVID_KEYS =
            Set.of("absent", "outcome", "ageGroup", "criteria", "otherCriteria", "missingFacts", "notes", "centre", "next");
    private static final Set<String> NEXT_KEYS =
            Set.of("reassessFrom", "questions", "warnings", "toMeetContains", "noteContains");
    private static final Set<String> ALK_NEXT_KEYS =
            Set.of("reassessFrom", "questions", "toMeetContains", "noteContains", "severityMessageContains");
    private static final Set<String> CRITERION_KEYS = Set.of("status", "missingFacts", "messageContains");
    private static final Set<String> ALK_KEYS = Set.of("absent", "outcome", "severity", "criteria", "missingFacts",
            "options", "primaryOptions", "optionCount", "warnings", "notes", "optionNotes", "optionTextContains",
            "optionTextExcludes", "sameOptionNotesAs", "otherOptionNotesThan", "next");
    private static final Set<String> LANGUAGE_KEYS = Set.of("nl", "en");
    private static final Set<String> CENTRE_KEYS =
            Set.of("status", "centres", "ruleId", "availableFrom", "missingFacts", "notes", "messageContains");

    private ScenarioFiles() {
    }

    /**
     * @param root a scenario folder
     * @return every {@code .yaml}/{@code .yml} file below it, sorted by its path below the folder
     * @throws UncheckedIOException if the folder cannot be read
     */
    public static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml")
                            || p.getFileName().toString().endsWith(".yml"))
                    .sorted((a, b) -> relative(root, a).compareTo(relative(root, b)))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param root the scenario folder
     * @param file a file below it
     * @return the file's path below the folder, '/'-separated
     */
    public static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * @param root       the scenario folder
     * @param file       a scenario file below it
     * @param vocabulary the ids the scenarios may name
     * @return the file's scenarios, inputs merged
     * @throws ScenarioFormatException if the file is malformed
     * @throws UncheckedIOException    if it cannot be read
     */
    public static ScenarioFile load(Path root, Path file, ScenarioVocabulary vocabulary) {
        String name = relative(root, file);
        JsonNode doc;
        try {
            doc = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ScenarioFormatException(name, "", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reader(name, vocabulary).file(doc);
    }

    /**
     * {@code over} deep-merged onto a copy of {@code base}: objects merge key by key, a null value
     * removes the key, anything else (scalars, lists) replaces.
     *
     * @param base a file's {@code given}
     * @param over a scenario's {@code with}
     * @return the scenario's input; neither argument is changed
     */
    public static ObjectNode merge(ObjectNode base, ObjectNode over) {
        // the same code as the trace command's, so both build every scenario's input alike
        return ScenarioReader.merge(base, over);
    }

    /** Reads one parsed file, keeping the file name for error messages. */
    private static final class Reader {
        private final String file;
        private final ScenarioVocabulary vocabulary;

        Reader(String file, ScenarioVocabulary vocabulary) {
            this.file = file;
            this.vocabulary = vocabulary;
        }

        ScenarioFile file(JsonNode doc) {
            if (doc == null || doc.isMissingNode() || doc.isNull()) {
                throw error("", "the file is empty; expected keys title, given, scenarios");
            }
            ObjectNode top = object(doc, "");
            keys(top, "", FILE_KEYS, List.of("title", "given", "scenarios"));
            String title = text(top.get("title"), "title");
            ObjectNode given = object(top.get("given"), "given");
            JsonNode list = top.get("scenarios");
            if (!list.isArray() || list.isEmpty()) {
                throw error("scenarios", "must be a non-empty list of scenarios");
            }
            List<Scenario> scenarios = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Scenario s = scenario(list.get(i), "scenarios[" + i + "]", given);
                if (!names.add(s.name())) {
                    throw error("scenarios[" + i + "].name", "duplicate scenario name " + s.name());
                }
                scenarios.add(s);
            }
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario s = scenarios.get(i);
                reference(names, s, s.sameAs(), "scenarios[" + i + "].sameAs");
                if (s.alk() != null) {
                    reference(names, s, s.alk().sameOptionNotesAs(),
                            "scenarios[" + i + "].expect.alk.sameOptionNotesAs");
                    reference(names, s, s.alk().otherOptionNotesThan(),
                            "scenarios[" + i + "].expect.alk.otherOptionNotesThan");
                }
            }
            return new ScenarioFile(file, title, scenarios);
        }

        private void reference(Set<String> names, Scenario s, String other, String path) {
            if (other != null && (!names.contains(other) || other.equals(s.name()))) {
                throw error(path, "must name another scenario of this file but was " + other);
            }
        }

        private Scenario scenario(JsonNode node, String path, ObjectNode given) {
            ObjectNode s = object(node, path);
            keys(s, path, SCENARIO_KEYS, List.of("name", "expect"));
            String name = text(s.get("name"), path + ".name");
            if (!NAME.matcher(name).matches()) {
                throw error(path + ".name", "must be lower-case words joined by '-' "
                        + "(e.g. adult-bell-70-not-eligible) but was " + name);
            }
            ObjectNode input = s.has("with") ? merge(given, object(s.get("with"), path + ".with")) : given.deepCopy();
            String sameAs = s.has("sameAs") ? text(s.get("sameAs"), path + ".sameAs") : null;
            ObjectNode expect = object(s.get("expect"), path + ".expect");
            keys(expect, path + ".expect", EXPECT_KEYS, List.of());
            if (expect.isEmpty()) {
                throw error(path + ".expect", "must name at least one of "
                        + String.join(", ", new TreeSet<>(EXPECT_KEYS)));
            }
            Expectation postCovid = expect.has("postCovid")
                    ? postCovid(expect.get("postCovid"), path + ".expect.postCovid") : null;
            AlkExpectation alk = expect.has("alk") ? alk(expect.get("alk"), path + ".expect.alk") : null;
            List<String> safety = null;
            if (expect.has("safety")) {
                safety = safetyItems(expect.get("safety"), path + ".expect.safety");
                if (new LinkedHashSet<>(safety).size() != safety.size()) {
                    throw error(path + ".expect.safety", "lists an item twice: " + safety);
                }
            }
            Map<String, AlkExpectation.Texts> safetyContains =
                    safetyContains(expect.get("safetyContains"), path + ".expect.safetyContains", safety);
            Map<String, OutputExpectation> report = expect.has("report")
                    ? outputs(object(expect.get("report"), path + ".expect.report"), path + ".expect.report",
                    LANGUAGE_KEYS) : Map.of();
            LetterExpectation letter = expect.has("letter") ? letter(expect.get("letter"), path + ".expect.letter") : null;
            return new Scenario(file, name, input, postCovid, alk, sameAs, safety, safetyContains, report, letter);
        }

        private List<String> safetyItems(JsonNode node, String path) {
            List<String> ids = strings(node, path);
            for (int i = 0; i < ids.size(); i++) {
                if (!vocabulary.safetyItems().contains(ids.get(i))) {
                    throw error(path + "[" + i + "]", "unknown id " + ids.get(i) + "; allowed here: "
                            + vocabulary.safetyItems());
                }
            }
            return ids;
        }

        /**
         * {@code expect.safetyContains}: per item id, texts its message contains in both languages (a
         * list) or per language ({@code {nl: [...], en: [...]}}); an id the {@code safety} list of the
         * same scenario leaves out is a contradiction.
         */
        private Map<String, AlkExpectation.Texts> safetyContains(JsonNode node, String path, List<String> safety) {
            if (node == null) {
                return Map.of();
            }
            Map<String, AlkExpectation.Texts> result = new LinkedHashMap<>();
            object(node, path).fields().forEachRemaining(e -> {
                String iPath = path + "." + e.getKey();
                if (!vocabulary.safetyItems().contains(e.getKey())) {
                    throw error(iPath, "unknown safety item id; known: " + vocabulary.safetyItems());
                }
                if (safety != null && !safety.contains(e.getKey())) {
                    throw error(iPath, "names an item that expect.safety " + safety + " leaves out");
                }
                result.put(e.getKey(), texts(e.getValue(), iPath));
            });
            return Collections.unmodifiableMap(result);
        }

        /** Texts for both languages (a list) or per language ({@code {nl: [...], en: [...]}}). */
        private AlkExpectation.Texts texts(JsonNode v, String path) {
            if (v != null && v.isArray()) {
                List<String> texts = strings(v, path);
                return new AlkExpectation.Texts(texts, texts);
            }
            ObjectNode byLanguage = object(v, path);
            keys(byLanguage, path, LANGUAGE_KEYS, List.of());
            if (byLanguage.isEmpty()) {
                throw error(path, "name texts for nl, en or both");
            }
            return new AlkExpectation.Texts(
                    byLanguage.has("nl") ? strings(byLanguage.get("nl"), path + ".nl") : List.of(),
                    byLanguage.has("en") ? strings(byLanguage.get("en"), path + ".en") : List.of());
        }

        /** Per language: {@code contains} and {@code notContains} (at least one of the two). */
        private Map<String, OutputExpectation> outputs(ObjectNode node, String path, Set<String> allowed) {
            keys(node, path, allowed, List.of());
            Map<String, OutputExpectation> result = new LinkedHashMap<>();
            for (String lang : List.of("nl", "en")) {
                if (!node.has(lang)) {
                    continue;
                }
                String lPath = path + "." + lang;
                ObjectNode o = object(node.get(lang), lPath);
                keys(o, lPath, OUTPUT_KEYS, List.of());
                if (o.isEmpty()) {
                    throw error(lPath, "name contains, notContains or both");
                }
                result.put(lang, new OutputExpectation(
                        o.has("contains") ? strings(o.get("contains"), lPath + ".contains") : List.of(),
                        o.has("notContains") ? strings(o.get("notContains"), lPath + ".notContains") : List.of()));
            }
            if (result.isEmpty() && allowed.equals(LANGUAGE_KEYS)) {
                throw error(path, "name nl, en or both");
            }
            return Collections.unmodifiableMap(result);
        }

        /** {@code expect.letter}: {@code exit} (0 or 3, default 0) and per language what the output contains. */
        private LetterExpectation letter(JsonNode node, String path) {
            ObjectNode l = object(node, path);
            if (l.isEmpty()) {
                throw error(path, "name nl, en, exit or several of them");
            }
            int exit = 0;
            if (l.has("exit")) {
                JsonNode e = l.get("exit");
                if (!e.isInt() || !LETTER_EXITS.contains(e.intValue())) {
                    throw error(path + ".exit", "must be 0 (the letter is written) or 3 (refused while the data is "
                            + "in doubt) but was " + describe(e));
                }
                exit = e.intValue();
            }
            return new LetterExpectation(exit, outputs(l, path, LETTER_KEYS));
        }

        private AlkExpectation alk(JsonNode node, String path) {
            if (node.isNull()) {
                return AlkExpectation.noAdvice();
            }
            ObjectNode a = object(node, path);
            if (a.has("absent")) {
                if (!a.get("absent").isBoolean() || !a.get("absent").booleanValue() || a.size() != 1) {
                    throw error(path + ".absent", "write `absent: true` alone (or `alk: null`) to expect "
                            + "no ALK advice");
                }
                return AlkExpectation.noAdvice();
            }
            keys(a, path, ALK_KEYS, List.of("outcome"));
            AlkOutcome outcome = enumValue(AlkOutcome.class, a.get("outcome"), path + ".outcome");
            Optional<AlkSeverity> severity = null;
            if (a.has("severity")) {
                severity = a.get("severity").isNull() ? Optional.empty()
                        : Optional.of(enumValue(AlkSeverity.class, a.get("severity"), path + ".severity"));
                if (severity.isPresent() == (outcome == AlkOutcome.NOT_APPLICABLE)) {
                    throw error(path + ".severity", outcome == AlkOutcome.NOT_APPLICABLE
                            ? "a NOT_APPLICABLE advice has no severity (CONTRACT.md §3); write `severity: null`"
                            : "only a NOT_APPLICABLE advice has no severity; a " + outcome
                            + " advice has MILD, MODERATE, SEVERE or UNKNOWN");
                }
            }
            Map<String, Expectation.CriterionExpectation> criteria = new LinkedHashMap<>();
            if (a.has("criteria")) {
                ObjectNode c = object(a.get("criteria"), path + ".criteria");
                c.fields().forEachRemaining(e -> {
                    String cPath = path + ".criteria." + e.getKey();
                    knownCriterion(e.getKey(), cPath);
                    criteria.put(e.getKey(), criterion(e.getValue(), cPath));
                });
            }
            List<String> options = a.has("options") ? optionIds(a.get("options"), path + ".options") : null;
            List<String> primary = a.has("primaryOptions")
                    ? optionIds(a.get("primaryOptions"), path + ".primaryOptions") : null;
            Integer count = null;
            if (a.has("optionCount")) {
                JsonNode n = a.get("optionCount");
                if (!n.isInt() || n.intValue() < 0) {
                    throw error(path + ".optionCount", "must be a whole number, 0 or more, but was " + describe(n));
                }
                count = n.intValue();
            }
            boolean listsOptions = (options != null && !options.isEmpty()) || (primary != null && !primary.isEmpty())
                    || (count != null && count > 0);
            boolean unknownSeverity = severity != null && severity.equals(Optional.of(AlkSeverity.UNKNOWN));
            if (listsOptions && (outcome != AlkOutcome.APPLICABLE || unknownSeverity)) {
                throw error(path, "only an APPLICABLE advice with a known severity lists options (CONTRACT.md §3), "
                        + "but options are expected with outcome " + outcome
                        + (unknownSeverity ? " and severity UNKNOWN" : ""));
            }
            if (options != null && count != null && options.size() != count) {
                throw error(path + ".optionCount", "is " + count + " but options lists " + options.size());
            }
            if (options != null && primary != null
                    && !options.stream().filter(primary::contains).toList().equals(primary)) {
                throw error(path + ".primaryOptions", "must be the options of `options` marked primary, in the same "
                        + "order, but " + primary + " is not a subsequence of " + options);
            }
            List<String> warnings = a.has("warnings") ? known(a.get("warnings"), path + ".warnings") : null;
            List<String> notes = a.has("notes") ? known(a.get("notes"), path + ".notes") : null;
            Map<String, List<String>> optionNotes = new LinkedHashMap<>();
            if (a.has("optionNotes")) {
                ObjectNode o = object(a.get("optionNotes"), path + ".optionNotes");
                o.fields().forEachRemaining(e -> {
                    String oPath = path + ".optionNotes." + e.getKey();
                    knownOption(e.getKey(), oPath);
                    optionNotes.put(e.getKey(), known(e.getValue(), oPath));
                });
            }
            return new AlkExpectation(false, outcome, severity, Collections.unmodifiableMap(criteria),
                    a.has("missingFacts") ? strings(a.get("missingFacts"), path + ".missingFacts") : null,
                    options, primary, count, warnings, notes, Collections.unmodifiableMap(optionNotes),
                    optionTexts(a.get("optionTextContains"), path + ".optionTextContains"),
                    optionTexts(a.get("optionTextExcludes"), path + ".optionTextExcludes"),
                    a.has("sameOptionNotesAs") ? text(a.get("sameOptionNotesAs"), path + ".sameOptionNotesAs") : null,
                    a.has("otherOptionNotesThan") ? text(a.get("otherOptionNotesThan"), path + ".otherOptionNotesThan")
                            : null,
                    a.has("next") ? next(a.get("next"), path + ".next", ALK_NEXT_KEYS) : null);
        }

        private List<String> optionIds(JsonNode node, String path) {
            List<String> ids = strings(node, path);
            for (int i = 0; i < ids.size(); i++) {
                knownOption(ids.get(i), path + "[" + i + "]");
            }
            if (new LinkedHashSet<>(ids).size() != ids.size()) {
                throw error(path, "lists an option twice: " + ids);
            }
            return ids;
        }

        private void knownOption(String id, String path) {
            if (!vocabulary.options().contains(id)) {
                throw error(path, "unknown option id " + id + "; known (the knowledge base's options table): "
                        + String.join(", ", vocabulary.options()));
            }
        }

        private void knownCriterion(String id, String path) {
            if (!vocabulary.criteria().contains(id)) {
                throw error(path, "unknown criterion id; known: " + vocabulary.criteria());
            }
        }

        /** A list of note or warning ids, each one the knowledge base knows. */
        private List<String> known(JsonNode node, String path) {
            List<String> ids = strings(node, path);
            for (int i = 0; i < ids.size(); i++) {
                knownNote(ids.get(i), path + "[" + i + "]");
            }
            return ids;
        }

        private void knownNote(String id, String path) {
            if (!vocabulary.requirements().contains(id)) {
                throw error(path, "unknown id " + id + "; not a requirement of the knowledge base (requirements.json): "
                        + vocabulary.requirements());
            }
        }

        private Map<String, AlkExpectation.Texts> optionTexts(JsonNode node, String path) {
            if (node == null) {
                return Map.of();
            }
            Map<String, AlkExpectation.Texts> result = new LinkedHashMap<>();
            object(node, path).fields().forEachRemaining(e -> {
                String oPath = path + "." + e.getKey();
                knownOption(e.getKey(), oPath);
                result.put(e.getKey(), texts(e.getValue(), oPath));
            });
            return Collections.unmodifiableMap(result);
        }

        private Expectation postCovid(JsonNode node, String path) {
            if (node.isNull()) {
                return Expectation.noDecision();
            }
            ObjectNode pc = object(node, path);
            if (pc.has("absent")) {
                if (!pc.get("absent").isBoolean() || !pc.get("absent").booleanValue() || pc.size() != 1) {
                    throw error(path + ".absent", "write `absent: true` alone (or `postCovid: null`) to expect "
                            + "no post-COVID decision");
                }
                return Expectation.noDecision();
            }
            keys(pc, path, POST_COVID_KEYS, List.of("outcome"));
            Outcome outcome = enumValue(Outcome.class, pc.get("outcome"), path + ".outcome");
            AgeGroup ageGroup = pc.has("ageGroup") ? enumValue(AgeGroup.class, pc.get("ageGroup"), path + ".ageGroup")
                    : null;
            Map<String, Expectation.CriterionExpectation> criteria = new LinkedHashMap<>();
            if (pc.has("criteria")) {
                ObjectNode c = object(pc.get("criteria"), path + ".criteria");
                c.fields().forEachRemaining(e -> {
                    String cPath = path + ".criteria." + e.getKey();
                    knownCriterion(e.getKey(), cPath);
                    criteria.put(e.getKey(), criterion(e.getValue(), cPath));
                });
            }
            CriterionStatus others = pc.has("otherCriteria")
                    ? enumValue(CriterionStatus.class, pc.get("otherCriteria"), path + ".otherCriteria") : null;
            List<String> missing = pc.has("missingFacts") ? strings(pc.get("missingFacts"), path + ".missingFacts") : null;
            List<String> notes = pc.has("notes") ? known(pc.get("notes"), path + ".notes") : null;
            Expectation.CentreExpectation centre = pc.has("centre") ? centre(pc.get("centre"), path + ".centre") : null;
            NextExpectation next = pc.has("next") ? next(pc.get("next"), path + ".next", NEXT_KEYS) : null;
            return new Expectation(false, outcome, ageGroup, Collections.unmodifiableMap(criteria),
                    others, missing, notes, centre, next);
        }

        /** {@code next}: what to do next (CONTRACT.md §9). */
        private NextExpectation next(JsonNode node, String path, Set<String> allowed) {
            ObjectNode n = object(node, path);
            keys(n, path, allowed, List.of());
            Optional<LocalDate> reassessFrom = null;
            if (n.has("reassessFrom")) {
                if (n.get("reassessFrom").isNull()) {
                    reassessFrom = Optional.empty();
                } else {
                    String text = text(n.get("reassessFrom"), path + ".reassessFrom");
                    try {
                        reassessFrom = Optional.of(LocalDate.parse(text));
                    } catch (DateTimeParseException e) {
                        throw error(path + ".reassessFrom", "must be a date like \"2027-01-10\" or null but was " + text);
                    }
                }
            }
            return new NextExpectation(reassessFrom,
                    n.has("questions") ? strings(n.get("questions"), path + ".questions") : null,
                    n.has("warnings") ? known(n.get("warnings"), path + ".warnings") : null,
                    textsById(n.get("toMeetContains"), path + ".toMeetContains"),
                    textsById(n.get("noteContains"), path + ".noteContains"),
                    n.has("severityMessageContains")
                            ? strings(n.get("severityMessageContains"), path + ".severityMessageContains") : null);
        }

        private Map<String, List<String>> textsById(JsonNode node, String path) {
            if (node == null) {
                return Map.of();
            }
            Map<String, List<String>> byId = new LinkedHashMap<>();
            object(node, path).fields().forEachRemaining(e -> byId.put(e.getKey(), strings(e.getValue(), path + "." + e.getKey())));
            return Collections.unmodifiableMap(byId);
        }

        private Expectation.CentreExpectation centre(JsonNode node, String path) {
            if (node.isNull()) {
                return Expectation.CentreExpectation.none();
            }
            ObjectNode c = object(node, path);
            if (c.has("absent")) {
                if (!c.get("absent").isBoolean() || !c.get("absent").booleanValue() || c.size() != 1) {
                    throw error(path + ".absent", "write `absent: true` alone (or `centre: null`) to expect "
                            + "no centre part");
                }
                return Expectation.CentreExpectation.none();
            }
            keys(c, path, CENTRE_KEYS, List.of("status"));
            CentreStatus status = enumValue(CentreStatus.class, c.get("status"), path + ".status");
            List<Centre> centres = null;
            if (c.has("centres")) {
                JsonNode list = c.get("centres");
                if (!list.isArray()) {
                    throw error(path + ".centres", "must be a list (use [] for an empty one) but was "
                            + describe(list));
                }
                List<Centre> result = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    result.add(enumValue(Centre.class, list.get(i), path + ".centres[" + i + "]"));
                }
                centres = List.copyOf(result);
                if (!centres.isEmpty() && status != CentreStatus.OFFERED) {
                    throw error(path + ".centres", "only an OFFERED centre part lists centres, but status is "
                            + status);
                }
            }
            LocalDate availableFrom = null;
            if (c.has("availableFrom")) {
                String text = text(c.get("availableFrom"), path + ".availableFrom");
                try {
                    availableFrom = LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw error(path + ".availableFrom", "must be a date like \"2025-05-01\" but was " + text);
                }
                if (status != CentreStatus.NONE_YET) {
                    throw error(path + ".availableFrom", "only a NONE_YET centre part has availableFrom, but "
                            + "status is " + status);
                }
            }
            return new Expectation.CentreExpectation(false, status, centres,
                    c.has("ruleId") ? text(c.get("ruleId"), path + ".ruleId") : null,
                    availableFrom,
                    c.has("missingFacts") ? strings(c.get("missingFacts"), path + ".missingFacts") : null,
                    c.has("notes") ? known(c.get("notes"), path + ".notes") : null,
                    c.has("messageContains") ? strings(c.get("messageContains"), path + ".messageContains")
                            : List.of());
        }

        private Expectation.CriterionExpectation criterion(JsonNode node, String path) {
            if (node.isTextual()) {
                return new Expectation.CriterionExpectation(enumValue(CriterionStatus.class, node, path), null,
                        List.of());
            }
            ObjectNode c = object(node, path);
            keys(c, path, CRITERION_KEYS, List.of("status"));
            return new Expectation.CriterionExpectation(
                    enumValue(CriterionStatus.class, c.get("status"), path + ".status"),
                    c.has("missingFacts") ? strings(c.get("missingFacts"), path + ".missingFacts") : null,
                    c.has("messageContains") ? strings(c.get("messageContains"), path + ".messageContains")
                            : List.of());
        }

        private void keys(ObjectNode node, String path, Set<String> allowed, List<String> required) {
            node.fieldNames().forEachRemaining(k -> {
                if (!allowed.contains(k)) {
                    throw error(path.isEmpty() ? k : path + "." + k,
                            "unknown key; allowed here: " + String.join(", ", allowed.stream().sorted().toList()));
                }
            });
            for (String k : required) {
                if (!node.has(k)) {
                    throw error(path, "missing required key " + k);
                }
            }
        }

        private ObjectNode object(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                throw error(path, "must be a mapping (key: value) but was " + describe(node));
            }
            return (ObjectNode) node;
        }

        private String text(JsonNode node, String path) {
            if (node == null || !node.isTextual() || node.textValue().isBlank()) {
                throw error(path, "must be a non-blank text but was " + describe(node));
            }
            return node.textValue();
        }

        private List<String> strings(JsonNode node, String path) {
            if (node == null || !node.isArray()) {
                throw error(path, "must be a list (use [] for an empty one) but was " + describe(node));
            }
            List<String> result = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                result.add(text(node.get(i), path + "[" + i + "]"));
            }
            return List.copyOf(result);
        }

        private <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String path) {
            String value = node == null || !node.isTextual() ? null : node.textValue();
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(value)) {
                    return e;
                }
            }
            throw error(path, "must be one of " + Arrays.toString(type.getEnumConstants()) + " but was "
                    + describe(node));
        }

        private static String describe(JsonNode node) {
            if (node == null || node.isMissingNode()) {
                return "absent";
            }
            return node.isNull() ? "null" : node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
        }

        private ScenarioFormatException error(String path, String problem) {
            return new ScenarioFormatException(file, path, problem);
        }
    }
}
