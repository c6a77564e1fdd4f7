package nl.zorgregels.api.internal.kb;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.RuleInfo;
import nl.zorgregels.kb.fact.Parameter;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * The parameters table {@code parameters.csv}: the thresholds, durations and dates of the guideline,
 * each stated once, which the rules read as {@link Parameter} facts and the message bundles as
 * {@code {param:name}}. Columns {@code name,value,unit,validFrom,requirement,domain}; the strict CSV
 * subset of {@link KbTables}. Several rows of one name with different {@code validFrom} are dated
 * values: on a date the row with the latest {@code validFrom} on or before it applies (empty: the
 * earliest); each row's {@link Parameter#validUntil()} is the next row's {@code validFrom}.
 *
 * <p>Refused with the file and line: an unknown unit, a value that does not parse for its unit, a
 * duplicate (name, validFrom), one name with two units, a requirement {@code requirements.json} does
 * not list, a domain that cannot be read, and a parameter a rule reads ({@code Parameter(name ==
 * "x", …)} in a {@code .drl}) that the table lacks. A value off its domain (a Bell threshold of 65 on
 * a scale in steps of 10) is a warning, not a refusal. Immutable. Not API.
 */
public final class KbParameters {
    public static final String FILE = "parameters.csv";
    private static final List<String> COLUMNS = List.of("name", "value", "unit", "validFrom", "requirement", "domain");
    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern DOMAIN = Pattern.compile("(-?\\d+)\\.\\.(-?\\d+)(?: step (\\d+))?");
    /** The units and what a value of each is. */
    private static final Map<String, String> UNITS = new LinkedHashMap<>();

    static {
        UNITS.put("years", "a whole number of years");
        UNITS.put("months", "a whole number of months");
        UNITS.put("bell", "a Bell CFIDS score, a whole number");
        UNITS.put("date", "a date yyyy-mm-dd");
    }

    /** A parameter read by a rule: {@code name == "x"} in a {@code Parameter(…)} pattern. */
    private static final Pattern READ = Pattern.compile("(?<![A-Za-z0-9_$.])name\\s*==\\s*\"([^\"]*)\"");

    /** The rows, as facts of every session, in file order. */
    public final List<Parameter> facts;
    /** One entry per row (file:line, requirement id), as the trace and the proof name table rows. */
    public final List<RuleInfo> rows;
    /** A value off its domain, with file and line: check-kb shows them, the knowledge base is still used. */
    public final List<String> warnings;
    private final Map<String, List<Parameter>> byName;

    private KbParameters(List<Parameter> facts, List<RuleInfo> rows, List<String> warnings) {
        this.facts = List.copyOf(facts);
        this.rows = List.copyOf(rows);
        this.warnings = List.copyOf(warnings);
        Map<String, List<Parameter>> m = new TreeMap<>();
        facts.forEach(p -> m.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p));
        m.replaceAll((k, v) -> List.copyOf(v));
        this.byName = java.util.Collections.unmodifiableMap(m);
    }

    /** @return the names of the parameters, sorted */
    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * @param name a parameter name
     * @param on   a date
     * @return the row of that name in force on the date; empty if the table has no such parameter
     */
    public Optional<Parameter> inForce(String name, LocalDate on) {
        return byName.getOrDefault(name, List.of()).stream().filter(p -> p.appliesOn(on)).findFirst();
    }

    /**
     * @param name a parameter name
     * @return its rows, earliest first; empty if the table has no such parameter
     */
    public List<Parameter> rows(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /**
     * Reads and checks the table.
     *
     * @param path         its path among the sources
     * @param bytes        its bytes
     * @param requirements the requirements (each row's requirement must be one)
     * @param display      how to show a path in a message
     * @throws KnowledgeBaseException listing every problem with file and line
     */
    public static KbParameters read(String path, byte[] bytes, List<Requirement> requirements,
                                    Function<String, String> display) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        requirements.forEach(r -> ids.add(r.id()));
        Map<String, Requirement> byId = new HashMap<>();
        requirements.forEach(r -> byId.put(r.id(), r));
        String name0 = display.apply(path);
        List<Parameter> read = new ArrayList<>();
        List<KbTables.Row> readRows = new ArrayList<>();
        Map<String, String> units = new HashMap<>();
        Map<String, String> firstLine = new HashMap<>();
        for (KbTables.Row row : KbTables.rows(bytes, name0, COLUMNS, problems)) {
            int before = problems.size();
            String name = row.required("name", problems);
            if (name != null && !NAME.matcher(name).matches()) {
                problems.add(row.where() + ": name \"" + name + "\" must be a letter a-z, then letters and digits"
                        + " (e.g. adultMaximumBellScore)");
            }
            String unit = row.required("unit", problems);
            if (unit != null && !UNITS.containsKey(unit)) {
                problems.add(row.where() + ": unit \"" + unit + "\" is not one of " + String.join(", ", UNITS.keySet()));
                unit = null;
            }
            if (name != null && unit != null) {
                String other = units.putIfAbsent(name, unit);
                if (other != null && !other.equals(unit)) {
                    problems.add(row.where() + ": " + name + " is in " + unit + " here but in " + other + " at "
                            + firstLine.get(name) + "; every row of a parameter has the same unit");
                }
                firstLine.putIfAbsent(name, row.where());
            }
            LocalDate validFrom = null;
            String from = row.values().getOrDefault("validFrom", "");
            if (!from.isEmpty()) {
                try {
                    validFrom = LocalDate.parse(from);
                } catch (DateTimeParseException e) {
                    problems.add(row.where() + ": validFrom \"" + from + "\" is not a date yyyy-mm-dd (or empty: from any date)");
                }
            }
            String requirement = row.required("requirement", problems);
            if (requirement != null && !ids.contains(requirement)) {
                problems.add(row.where() + ": requirement \"" + requirement + "\" is not in " + Requirements.FILE
                        + "; name the requirement whose passage states the value");
            }
            String value = row.required("value", problems);
            Integer number = null;
            Period period = null;
            LocalDate date = null;
            if (value != null && unit != null) {
                if (unit.equals("date")) {
                    try {
                        date = LocalDate.parse(value);
                    } catch (DateTimeParseException e) {
                        problems.add(row.where() + ": value \"" + value + "\" is not " + UNITS.get(unit));
                    }
                } else {
                    try {
                        number = Integer.parseInt(value);
                        if (!unit.equals("bell") && number < 0) {
                            throw new NumberFormatException();
                        }
                        period = unit.equals("years") ? Period.ofYears(number)
                                : unit.equals("months") ? Period.ofMonths(number) : null;
                    } catch (NumberFormatException e) {
                        problems.add(row.where() + ": value \"" + value + "\" is not " + UNITS.get(unit)
                                + (unit.equals("bell") ? "" : " from 0"));
                        number = null;
                    }
                }
            }
            String domain = row.values().getOrDefault("domain", "");
            if (!domain.isEmpty()) {
                Matcher d = DOMAIN.matcher(domain);
                if (!d.matches() || unit != null && unit.equals("date")) {
                    problems.add(row.where() + ": domain \"" + domain + "\" is not MIN..MAX or MIN..MAX step N"
                            + " (whole numbers, e.g. 0..100 step 10), or empty; a date has no domain");
                } else if (number != null) {
                    long min = Long.parseLong(d.group(1));
                    long max = Long.parseLong(d.group(2));
                    long step = d.group(3) == null ? 1 : Long.parseLong(d.group(3));
                    if (number < min || number > max || step > 0 && (number - min) % step != 0) {
                        warnings.add(row.where() + ": " + name + " " + number + " is off its domain " + domain
                                + " (" + UNITS.get(unit) + "); no " + unit + " value can equal it, so check the value"
                                + " (or the domain, if the scale changed)");
                    }
                }
            }
            if (problems.size() == before) {
                read.add(new Parameter(name, unit, validFrom, null, number, period, date));
                readRows.add(row);
            }
        }
        // duplicates and each row's validUntil: the next validFrom of the same name
        Map<String, List<Integer>> indexes = new LinkedHashMap<>();
        for (int i = 0; i < read.size(); i++) {
            indexes.computeIfAbsent(read.get(i).name(), k -> new ArrayList<>()).add(i);
        }
        List<Parameter> facts = new ArrayList<>(read);
        for (List<Integer> of : indexes.values()) {
            List<Integer> sorted = new ArrayList<>(of);
            sorted.sort(Comparator.comparing(i -> read.get(i).validFrom(),
                    Comparator.nullsFirst(Comparator.naturalOrder())));
            for (int k = 0; k < sorted.size(); k++) {
                Parameter p = read.get(sorted.get(k));
                if (k > 0 && java.util.Objects.equals(read.get(sorted.get(k - 1)).validFrom(), p.validFrom())) {
                    problems.add(readRows.get(sorted.get(k)).where() + ": " + p.name() + " is listed twice with validFrom "
                            + (p.validFrom() == null ? "empty" : p.validFrom()) + " (also at "
                            + readRows.get(sorted.get(k - 1)).where() + "); give each row of a parameter its own"
                            + " validFrom, or delete one");
                }
                LocalDate until = k + 1 < sorted.size() ? read.get(sorted.get(k + 1)).validFrom() : null;
                facts.set(sorted.get(k), new Parameter(p.name(), p.unit(), p.validFrom(), until, p.number(),
                        p.period(), p.date()));
            }
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeBaseException(problems.size() + " problem(s) in the parameters table:\n  "
                    + String.join("\n  ", problems));
        }
        List<RuleInfo> rows = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            Parameter p = facts.get(i);
            KbTables.Row row = readRows.get(i);
            String requirement = row.values().get("requirement");
            rows.add(new RuleInfo(FILE + " " + p.name() + (p.validFrom() == null ? "" : " from " + p.validFrom()),
                    requirement, byId.get(requirement).source(), path, row.line(), List.of(), List.of()));
        }
        return new KbParameters(facts, rows, warnings);
    }

    /**
     * Refuses a parameter the rules read that the table lacks: each {@code Parameter(name == "x", …)}
     * pattern of the {@code .drl} sources, found on the Drools parser's descriptors.
     *
     * @param sources the knowledge base's sources by path
     * @param display how to show a path in a message
     * @throws KnowledgeBaseException naming each such rule's file and line and the parameter
     */
    public void checkRead(Map<String, byte[]> sources, Function<String, String> display) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, byte[]> source : new TreeMap<>(sources).entrySet()) {
            if (!source.getKey().endsWith(".drl")) {
                continue;
            }
            PackageDescr pkg;
            try {
                DrlParser parser = new DrlParser();
                pkg = parser.parse(false, new String(source.getValue(), StandardCharsets.UTF_8));
                if (pkg == null || parser.hasErrors()) {
                    continue; // the compiler reports it, with file and line
                }
            } catch (DroolsParserException e) {
                continue;
            }
            for (RuleDescr rule : pkg.getRules()) {
                List<PatternDescr> patterns = new ArrayList<>();
                patterns(rule.getLhs(), patterns);
                for (PatternDescr pattern : patterns) {
                    if (!pattern.getObjectType().equals("Parameter")
                            && !pattern.getObjectType().endsWith(".Parameter")) {
                        continue;
                    }
                    for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                        Matcher m = READ.matcher(constraint.getText() == null ? String.valueOf(constraint)
                                : constraint.getText());
                        while (m.find()) {
                            if (!byName.containsKey(m.group(1))) {
                                problems.add(display.apply(source.getKey()) + ":" + pattern.getLine() + ": rule \""
                                        + rule.getName() + "\" reads the parameter " + m.group(1) + ", which " + FILE
                                        + " does not list; add a row for it there (name,value,unit,validFrom,requirement,"
                                        + "domain) or correct the name (the table has " + String.join(", ", names()) + ")");
                            }
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeBaseException(problems.size() + " problem(s) with the parameters the rules read:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static void patterns(BaseDescr descr, List<PatternDescr> out) {
        if (descr instanceof PatternDescr p) {
            out.add(p);
            if (p.getSource() != null) {
                patterns(p.getSource(), out);
            }
        } else if (descr instanceof ConditionalElementDescr ce) {
            for (BaseDescr d : ce.getDescrs()) {
                patterns(d, out);
            }
        }
        if (descr instanceof org.drools.drl.ast.descr.AccumulateDescr a && a.getInput() != null) {
            patterns(a.getInput(), out);
        }
    }
}
