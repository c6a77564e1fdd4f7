package nl.zorgregels.api.internal.kb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.internal.kb.IntakeFacts;
import nl.zorgregels.api.internal.kb.IntakeFacts.Fact;
import nl.zorgregels.api.internal.kb.IntakeFacts.Kind;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.OtherPais;

/**
 * Which codes of a patient's record give which input fact: the table {@code codes.csv}
 * ({@code element,system,code,fact,value,opensSection,requirement,note}, read as {@link KbTables}
 * reads its tables), and a deployer's tables of the same form merged with it. The FHIR reader knows
 * how to read each {@link Element}; the rows say which code gives which fact and value. Every row is
 * checked against the input model (the fact exists, the value fits its kind and the element) and
 * the requirements; a row that maps a code a row of another table already maps to another value is
 * refused, naming both. Each refusal names the file and line. Immutable. Not API.
 */
public final class CodeTable {
    public static final String FILE = "codes.csv";
    private static final List<String> HEADER = List.of("element", "system", "code", "fact", "value", "opensSection",
            "requirement", "note");
    /** A code system or naming system URI: a scheme, a colon, no white space. */
    private static final Pattern SYSTEM = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");
    private static final Pattern STATUS = Pattern.compile("[a-z][a-z-]*");
    private static volatile CodeTable packaged;

    /** Where in a FHIR record a row's code is read. */
    public enum Element {
        /** An active, not refuted Condition's code. */
        CONDITION_CODE("Condition.code"),
        /** An Observation's code (final, amended, corrected). */
        OBSERVATION_CODE("Observation.code"),
        /** A Procedure's code. */
        PROCEDURE_CODE("Procedure.code"),
        /** An identifier of the patient's general practitioner. */
        GENERAL_PRACTITIONER_IDENTIFIER("Patient.generalPractitioner.identifier"),
        /** An identifier of the payor of an active Coverage of the patient. */
        COVERAGE_PAYOR_IDENTIFIER("Coverage.payor.identifier");

        /** As the table writes it. */
        public final String column;

        Element(String column) {
            this.column = column;
        }

        /** @return whether rows of the element name an identifier system (code empty) rather than a coding */
        public boolean identifier() {
            return this == GENERAL_PRACTITIONER_IDENTIFIER || this == COVERAGE_PAYOR_IDENTIFIER;
        }
    }

    /** How a row's value is read. */
    public enum ValueKind {
        /** The row's value itself: {@code true}, {@code false}, or a constant of the fact. */
        LITERAL,
        /** The Condition's onset date. */
        ONSET,
        /** The Observation's {@code valueInteger}, the latest on or before the assessment date. */
        VALUE_INTEGER,
        /** The Procedure's status, mapped to a constant of the fact. */
        STATUS
    }

    /**
     * One row.
     *
     * @param element      where the code is read
     * @param system       the code or naming system
     * @param code         the code; empty for an identifier element
     * @param fact         the input path given
     * @param kind         how the value is read
     * @param value        for {@link ValueKind#LITERAL}: the value; else the column as written
     * @param statuses     for {@link ValueKind#STATUS}: FHIR status to constant, the earlier winning; else empty
     * @param opensSection whether the resource makes the record speak of the fact's section
     * @param where        file:line
     */
    public record Mapping(Element element, String system, String code, String fact, ValueKind kind, String value,
                          Map<String, String> statuses, boolean opensSection, String where) {
        /** @return the section of the fact ({@code postCovid}) */
        public String section() {
            return fact.substring(0, fact.indexOf('.'));
        }
    }

    /** The rows, the knowledge base's first, in file order. */
    public final List<Mapping> mappings;

    private CodeTable(List<Mapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    /**
     * Reads and checks a table.
     *
     * @param name         the file as a message names it
     * @param bytes        its content
     * @param requirements the requirements its rows may cite
     * @return the table
     * @throws KnowledgeBaseException listing every problem with file and line
     */
    public static CodeTable read(String name, byte[] bytes, List<Requirement> requirements) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = requirements.stream().map(Requirement::id).collect(Collectors.toSet());
        List<Mapping> rows = new ArrayList<>();
        for (KbTables.Row row : KbTables.rows(bytes, name, HEADER, problems)) {
            Mapping m = mapping(row, ids, problems);
            if (m != null) {
                rows.add(m);
            }
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add(name + ": maps no code; give at least one row");
        }
        CodeTable table = new CodeTable(List.of());
        for (Mapping m : rows) {
            table = table.add(m, problems);
        }
        refuse(problems);
        return table;
    }

    /**
     * This table with another's rows added (a deployer's table after the knowledge base's).
     *
     * @param other the other table
     * @return the merged table; a row repeating one of this table exactly is taken once
     * @throws KnowledgeBaseException if a row maps a code this table maps to another value, naming both rows
     */
    public CodeTable merge(CodeTable other) {
        List<String> problems = new ArrayList<>();
        CodeTable merged = this;
        for (Mapping m : other.mappings) {
            merged = merged.add(m, problems);
        }
        refuse(problems);
        return merged;
    }

    /** This table with one row added, or itself with a problem if the row conflicts with one already in it. */
    private CodeTable add(Mapping m, List<String> problems) {
        for (Mapping old : mappings) {
            boolean sameCode = old.element() == m.element() && old.system().equals(m.system()) && old.code().equals(m.code());
            if (sameCode && old.fact().equals(m.fact())) {
                if (old.kind() == m.kind() && old.value().equals(m.value()) && old.opensSection() == m.opensSection()
                        && !old.where().substring(0, old.where().lastIndexOf(':'))
                        .equals(m.where().substring(0, m.where().lastIndexOf(':')))) {
                    return this; // another table says the same: once
                }
                problems.add(m.where() + ": " + describe(m) + " is already mapped by " + old.where()
                        + (old.value().equals(m.value()) ? "" : " to " + old.value() + ", not " + m.value())
                        + "; one code gives one value of a fact: keep one row");
                return this;
            }
            if (old.element() == m.element() && old.fact().equals(m.fact()) && m.kind() == ValueKind.STATUS
                    && !old.statuses().equals(m.statuses())) {
                problems.add(m.where() + ": " + m.fact() + " is read from a Procedure's status as " + old.statuses()
                        + " at " + old.where() + ", not as " + m.statuses() + "; give every code of a fact the same statuses");
                return this;
            }
        }
        List<Mapping> all = new ArrayList<>(mappings);
        all.add(m);
        return new CodeTable(all);
    }

    private static String describe(Mapping m) {
        return m.element().column + " " + m.system() + (m.code().isEmpty() ? "" : "|" + m.code()) + " for " + m.fact();
    }

    private static Mapping mapping(KbTables.Row row, Set<String> ids, List<String> problems) {
        int before = problems.size();
        String where = row.where();
        String elementText = row.required("element", problems);
        Element element = null;
        if (elementText != null) {
            element = Arrays.stream(Element.values()).filter(e -> e.column.equals(elementText)).findFirst().orElse(null);
            if (element == null) {
                problems.add(where + ": element \"" + elementText + "\" is not one of "
                        + Arrays.stream(Element.values()).map(e -> e.column).collect(Collectors.joining(", ")));
            }
        }
        String system = row.required("system", problems);
        if (system != null && !SYSTEM.matcher(system).matches()) {
            problems.add(where + ": system \"" + system + "\" must be a code system or naming system URI"
                    + " (e.g. http://snomed.info/sct), without spaces");
        }
        String code = row.values().get("code");
        if (element != null && element.identifier()) {
            if (!code.isEmpty()) {
                problems.add(where + ": code must be empty for " + element.column + " (any identifier of the system"
                        + " counts) but is \"" + code + "\"");
            }
        } else if (element != null) {
            code = row.required("code", problems);
        }
        String factPath = row.required("fact", problems);
        Fact fact = factPath == null ? null : IntakeFacts.byPath().get(factPath);
        if (factPath != null && fact == null) {
            problems.add(where + ": fact \"" + factPath + "\" is not an input fact; the facts are "
                    + String.join(", ", IntakeFacts.byPath().keySet()));
        }
        String value = row.required("value", problems);
        ValueKind kind = null;
        Map<String, String> statuses = Map.of();
        if (element != null && fact != null && value != null) {
            kind = kind(value);
            String problem = switch (kind) {
                case LITERAL -> literal(element, fact, value);
                case ONSET -> element == Element.CONDITION_CODE && fact.kind() == Kind.DATE ? null
                        : "value onset gives a date fact from a Condition.code row";
                case VALUE_INTEGER -> element == Element.OBSERVATION_CODE && fact.kind() == Kind.INTEGER ? null
                        : "value valueInteger gives a whole-number fact from an Observation.code row";
                case STATUS -> null;
            };
            if (kind == ValueKind.STATUS) {
                statuses = statuses(value, fact, where, problems);
                problem = fact.kind() == Kind.CODING ? null : "a status value gives a fact of constants (" + factPath
                        + " is not one)";
            }
            if (problem != null) {
                problems.add(where + ": " + problem + "; " + allowed(element));
            }
        }
        String opens = row.required("opensSection", problems);
        if (opens != null && !opens.equals("true") && !opens.equals("false")) {
            problems.add(where + ": opensSection must be true or false but was \"" + opens + "\"");
        } else if ("true".equals(opens) && element != null && element != Element.CONDITION_CODE) {
            problems.add(where + ": opensSection true is for Condition.code rows only (a diagnosis makes the record"
                    + " speak of a section); write false");
        }
        String requirement = row.required("requirement", problems);
        if (requirement != null) {
            for (String id : requirement.split(" ", -1)) {
                if (!ids.contains(id)) {
                    problems.add(where + ": requirement \"" + id + "\" is not in " + Requirements.FILE
                            + " (several are separated by one space)");
                }
            }
        }
        if (problems.size() != before) {
            return null;
        }
        return new Mapping(element, system, code, factPath, kind, value, statuses, opens.equals("true"), where);
    }

    private static ValueKind kind(String value) {
        if (value.equals("onset")) {
            return ValueKind.ONSET;
        }
        if (value.equals("valueInteger")) {
            return ValueKind.VALUE_INTEGER;
        }
        if (value.startsWith("status ") || value.equals("status")) {
            return ValueKind.STATUS;
        }
        return ValueKind.LITERAL;
    }

    /** Null if a literal value fits the element and the fact, else what is wrong. */
    private static String literal(Element element, Fact fact, String value) {
        if (element == Element.OBSERVATION_CODE || element == Element.PROCEDURE_CODE) {
            return "a literal value is not read from " + element.column;
        }
        if (element.identifier() && !(fact.kind() == Kind.BOOLEAN && value.equals("true"))) {
            return "an identifier row gives the value true to a boolean fact";
        }
        return switch (fact.kind()) {
            case BOOLEAN -> value.equals("true") || value.equals("false") ? null
                    : "value \"" + value + "\" must be true or false (" + fact.path() + " is a boolean)";
            case CODING -> fact.codes().contains(value) ? null
                    : "value \"" + value + "\" is not one of " + String.join(", ", fact.codes());
            case CODINGS -> {
                try {
                    OtherPais.of(value);
                    yield fact.openCodes() || fact.codes().contains(value) ? null
                            : "value \"" + value + "\" is not one of " + String.join(", ", fact.codes());
                } catch (InvalidInputException e) {
                    yield "value \"" + value + "\": " + e.rule();
                }
            }
            case DATE, INTEGER -> "value \"" + value + "\": a " + fact.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " fact is read from the resource (onset, valueInteger), not given as a literal";
        };
    }

    private static String allowed(Element element) {
        return "allowed for " + element.column + ": " + switch (element) {
            case CONDITION_CODE -> "true, false or a constant of the fact, or onset (a date fact)";
            case OBSERVATION_CODE -> "valueInteger (a whole-number fact)";
            case PROCEDURE_CODE -> "status S=C ... (a fact of constants)";
            case GENERAL_PRACTITIONER_IDENTIFIER, COVERAGE_PAYOR_IDENTIFIER -> "true (a boolean fact)";
        };
    }

    /** {@code status completed=COMPLETED in-progress=IN_PROGRESS}: status to constant, in order. */
    private static Map<String, String> statuses(String value, Fact fact, String where, List<String> problems) {
        Map<String, String> map = new LinkedHashMap<>();
        String[] pairs = value.split(" ", -1);
        for (int i = 1; i < pairs.length; i++) {
            String[] pair = pairs[i].split("=", -1);
            if (pair.length != 2 || !STATUS.matcher(pair[0]).matches()) {
                problems.add(where + ": value \"" + value + "\": \"" + pairs[i] + "\" must be status=CONSTANT"
                        + " (e.g. completed=COMPLETED), pairs separated by one space");
            } else if (map.containsKey(pair[0])) {
                problems.add(where + ": value \"" + value + "\" names status " + pair[0] + " twice");
            } else if (fact.kind() == Kind.CODING && !fact.codes().contains(pair[1])) {
                problems.add(where + ": value \"" + value + "\": " + pair[1] + " is not one of "
                        + String.join(", ", fact.codes()));
            } else {
                map.put(pair[0], pair[1]);
            }
        }
        if (pairs.length < 2) {
            problems.add(where + ": value \"" + value + "\" names no status; write status S=C ... (e.g. status"
                    + " completed=COMPLETED)");
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static void refuse(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new KnowledgeBaseException(problems.size() + " problem(s) in the code table(s):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** @return the rows of an element, in table order */
    public List<Mapping> of(Element element) {
        return mappings.stream().filter(m -> m.element() == element).toList();
    }

    /**
     * The table of the knowledge base packaged in the rules-kb jar on the class path, checked against its
     * requirements; read once.
     *
     * @return the table
     * @throws KnowledgeBaseException if it is missing or a row is refused
     */
    public static CodeTable packaged() {
        CodeTable t = packaged;
        if (t == null) {
            String codes = packagedSource(FILE);
            t = read(codes, KnowledgeBase.readBytes(CodeTable.class.getClassLoader(),
                    KnowledgeBase.SOURCES_ROOT + "kb-sources/" + codes), packagedRequirements());
            packaged = t;
        }
        return t;
    }

    /**
     * The table of a knowledge base directory (laid out like {@code rules-kb/src/main/resources}).
     *
     * @param dir the directory
     * @return its table, checked against its requirements
     * @throws KnowledgeBaseException if the directory holds no table or one is refused
     */
    public static CodeTable fromDirectory(Path dir) {
        Path codes = single(dir, FILE);
        Path requirements = single(dir, Requirements.FILE);
        return read(codes.toString(), bytes(codes), Requirements.parse(bytes(requirements), requirements.toString()));
    }

    /**
     * A deployer's table, checked against the given requirements, to be {@linkplain #merge merged}.
     *
     * @param file         the file
     * @param requirements the requirements its rows may cite
     * @return the table
     * @throws KnowledgeBaseException if it cannot be read or a row is refused
     */
    public static CodeTable file(Path file, List<Requirement> requirements) {
        return read(file.toString(), bytes(file), requirements);
    }

    /** @return the packaged knowledge base's requirements (what a deployer's rows may cite) */
    public static List<Requirement> packagedRequirements() {
        String path = packagedSource(Requirements.FILE);
        return Requirements.parse(KnowledgeBase.readBytes(CodeTable.class.getClassLoader(),
                KnowledgeBase.SOURCES_ROOT + "kb-sources/" + path), path);
    }

    /** The path of a file among the packaged knowledge base's sources (its list, kb-sources.txt). */
    private static String packagedSource(String name) {
        return KnowledgeBase.readText(CodeTable.class.getClassLoader(), KnowledgeBase.SOURCES_ROOT + "kb-sources.txt")
                .lines().map(String::strip).filter(s -> s.equals(name) || s.endsWith("/" + name)).findFirst()
                .orElseThrow(() -> new KnowledgeBaseException("the packaged knowledge base has no " + name
                        + "; rebuild rules-kb"));
    }

    /** @param dir a knowledge base directory @return its requirements */
    public static List<Requirement> requirements(Path dir) {
        Path file = single(dir, Requirements.FILE);
        return Requirements.parse(bytes(file), file.toString());
    }

    private static Path single(Path dir, String name) {
        if (!Files.isDirectory(dir)) {
            throw new KnowledgeBaseException(dir + ": not a directory");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> found = files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().equals(name)).toList();
            if (found.size() != 1) {
                throw new KnowledgeBaseException(dir + ": holds " + found.size() + " files named " + name
                        + "; a knowledge base has exactly one");
            }
            return found.get(0);
        } catch (IOException e) {
            throw new KnowledgeBaseException(dir + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KnowledgeBaseException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
