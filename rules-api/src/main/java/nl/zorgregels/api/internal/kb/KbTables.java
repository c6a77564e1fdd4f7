package nl.zorgregels.api.internal.kb;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.RuleInfo;
import nl.zorgregels.model.AlkColumn;
import nl.zorgregels.kb.fact.AlkOptionInfo;
import nl.zorgregels.kb.fact.CentreOpening;
import nl.zorgregels.kb.fact.InterimAllocation;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.LocalizedText;

/**
 * The knowledge tables of a knowledge base: reviewed lists an author edits as rows, not rules. Each
 * row becomes a knowledge fact of every session (see {@link SessionPool}); the rules that use them
 * (stepping, allocation) stay in the {@code .drl} files. The tables are part of the checksum.
 *
 * <ul>
 * <li>{@code alk-options.csv} (ALK-T): {@code id,column,ageGroups,cardOrder,asksExertion,passage}, then the texts
 *     {@code nameNl,nameEn,referralNl,referralEn,reimbursementNl,reimbursementEn} (required) and
 *     {@code youthReferralNl,youthReferralEn,youthReimbursementNl,youthReimbursementEn} (ALK-Y; both
 *     languages or neither: empty, the adult text is used; a youth text that says what the adult one
 *     says is refused, say it once; an option not offered to children has none). {@code ageGroups}: the
 *     age groups offered the option, separated by spaces ({@code ADULT CHILD}). One {@link AlkOptionInfo} per row, its source the ALK-T
 *     requirement's seed and the row's passage, and its {@link AlkOptionTexts}.</li>
 * <li>{@code centre-openings.csv} (PC-R1, PC-R2): {@code requirement,centre,ageGroup,openFrom}, one
 *     {@link CentreOpening} per row, citing its requirement's passage; an empty {@code openFrom} is
 *     open on every date.</li>
 * <li>{@code interim-allocation.csv} (PC-R4): {@code requirement,region,offered}, one {@link InterimAllocation}
 *     per row, citing its requirement's passage.</li>
 * </ul>
 *
 * <p>The format is a strict subset of CSV: UTF-8; lines starting with {@code #} are comments; the
 * first other line is the header, which must name exactly the table's columns in order; a field may
 * be quoted with {@code "} (a quote inside written twice); no field spans lines. Every value is
 * checked against the model: an enumerated value that is not one of the model's constants, a date
 * that is not {@code yyyy-mm-dd}, a duplicate key or a blank required field is refused with the
 * file and line, listing the allowed values. Not API.
 */
public final class KbTables {
    public static final String ALK_OPTIONS = "alk-options.csv";
    public static final String CENTRE_OPENINGS = "centre-openings.csv";
    public static final String INTERIM_ALLOCATION = "interim-allocation.csv";
    /** The tables a knowledge base must have, each exactly once. */
    public static final List<String> FILES = List.of(ALK_OPTIONS, CENTRE_OPENINGS, INTERIM_ALLOCATION);

    private static final Pattern OPTION_ID = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final List<String> OPTION_COLUMNS = List.of("id", "column", "ageGroups", "cardOrder", "asksExertion", "passage",
            "nameNl", "nameEn", "referralNl", "referralEn", "reimbursementNl", "reimbursementEn",
            "youthReferralNl", "youthReferralEn", "youthReimbursementNl", "youthReimbursementEn");

    /** The facts of all tables, in table and row order. */
    public final List<Object> facts;
    /** One entry per row, as the trace and the proof name it (file:line, requirement id). */
    public final List<RuleInfo> rows;
    public final List<AlkOptionInfo> options;
    /** The texts of each option of {@link #options}, by option id. */
    public final Map<String, AlkOptionTexts> optionTexts;
    public final List<CentreOpening> openings;
    public final List<InterimAllocation> interim;

    private KbTables(List<AlkOptionInfo> options, Map<String, AlkOptionTexts> optionTexts,
                     List<CentreOpening> openings, List<InterimAllocation> interim, List<RuleInfo> rows) {
        this.options = List.copyOf(options);
        this.optionTexts = Map.copyOf(optionTexts);
        this.openings = List.copyOf(openings);
        this.interim = List.copyOf(interim);
        List<Object> all = new ArrayList<>();
        all.addAll(options);
        all.addAll(openings);
        all.addAll(interim);
        this.facts = List.copyOf(all);
        this.rows = List.copyOf(rows);
    }

    /**
     * Reads and checks the tables among the sources.
     *
     * @param paths        the path of each table file (by {@link #FILES} name) among the sources
     * @param contents     the sources by path
     * @param requirements the requirements (row requirement ids and the ALK-T seed)
     * @param display      how to show a path in a message
     * @throws KnowledgeBaseException listing every problem with file and line
     */
    public static KbTables read(Map<String, String> paths, Map<String, byte[]> contents, List<Requirement> requirements,
                         Function<String, String> display) {
        List<String> problems = new ArrayList<>();
        Map<String, Requirement> byId = new HashMap<>();
        requirements.forEach(r -> byId.put(r.id(), r));
        List<RuleInfo> rows = new ArrayList<>();

        List<AlkOptionInfo> options = new ArrayList<>();
        String optionsPath = paths.get(ALK_OPTIONS);
        // the table's rows are the options of the register's requirement of kind "options" (part ALK)
        List<Requirement> optionRequirements = Requirements.ofKind(requirements, Requirement.Kind.OPTIONS, "ALK");
        Requirement alkT = optionRequirements.size() == 1 ? optionRequirements.get(0) : null;
        if (alkT == null) {
            problems.add(display.apply(optionsPath) + ": the options table belongs to the requirement of kind options"
                    + " (part ALK), of which " + Requirements.FILE + " lists " + optionRequirements.size()
                    + "; list exactly one");
        }
        Set<String> optionIds = new HashSet<>();
        Set<Integer> orders = new HashSet<>();
        Map<String, AlkOptionTexts> optionTexts = new HashMap<>();
        for (Row row : rows(contents.get(optionsPath), display.apply(optionsPath), OPTION_COLUMNS, problems)) {
            int before = problems.size();
            String id = row.required("id", problems);
            if (id != null && !OPTION_ID.matcher(id).matches()) {
                problems.add(row.where + ": id \"" + id + "\" must be upper case letters, digits and _ (e.g. BASIS_GGZ)");
            } else if (id != null && !optionIds.add(id)) {
                problems.add(row.where + ": option " + id + " is listed twice");
            }
            AlkColumn column = row.constant("column", AlkColumn.class, problems);
            Set<AgeGroup> ageGroups = ageGroups(row, problems);
            Integer order = null;
            String orderText = row.required("cardOrder", problems);
            if (orderText != null) {
                try {
                    order = Integer.parseInt(orderText);
                    if (order < 1) {
                        throw new NumberFormatException();
                    }
                    if (!orders.add(order)) {
                        problems.add(row.where + ": cardOrder " + order + " is given to two options");
                    }
                } catch (NumberFormatException e) {
                    problems.add(row.where + ": cardOrder must be a whole number from 1 but was \"" + orderText + "\"");
                }
            }
            Boolean asksExertion = null;
            String exertionText = row.required("asksExertion", problems);
            if ("true".equals(exertionText) || "false".equals(exertionText)) {
                asksExertion = Boolean.valueOf(exertionText);
            } else if (exertionText != null) {
                problems.add(row.where + ": asksExertion must be true or false but was \"" + exertionText + "\"");
            }
            String passage = row.required("passage", problems);
            LocalizedText name = row.text("name", problems);
            LocalizedText referral = row.text("referral", problems);
            LocalizedText reimbursement = row.text("reimbursement", problems);
            LocalizedText youthReferral = row.youthText("youthReferral", referral, problems);
            LocalizedText youthReimbursement = row.youthText("youthReimbursement", reimbursement, problems);
            if (ageGroups != null && !ageGroups.contains(AgeGroup.CHILD) && (youthReferral != null || youthReimbursement != null)) {
                problems.add(row.where + ": the option is not offered to children (ageGroups " + row.values().get("ageGroups")
                        + ") but has a youth text; leave youthReferral and youthReimbursement empty");
            }
            if (problems.size() == before && alkT != null) {
                String source = alkT.seed() + " — " + passage;
                options.add(new AlkOptionInfo(id, column, ageGroups, order, asksExertion, source));
                optionTexts.put(id, new AlkOptionTexts(name, referral, reimbursement, youthReferral, youthReimbursement));
                rows.add(new RuleInfo(ALK_OPTIONS + " option " + id, alkT.id(), source, optionsPath, row.line,
                        List.of(), List.of()));
            }
        }
        if (options.isEmpty() && problems.isEmpty()) {
            problems.add(display.apply(optionsPath) + ": lists no option");
        }

        List<CentreOpening> openings = new ArrayList<>();
        String openingsPath = paths.get(CENTRE_OPENINGS);
        Set<String> openingKeys = new HashSet<>();
        for (Row row : rows(contents.get(openingsPath), display.apply(openingsPath),
                List.of("requirement", "centre", "ageGroup", "openFrom"), problems)) {
            int before = problems.size();
            String requirement = row.required("requirement", problems);
            Requirement r = requirement == null ? null : byId.get(requirement);
            if (requirement != null && r == null) {
                problems.add(row.where + ": requirement \"" + requirement + "\" is not in " + Requirements.FILE);
            }
            Centre centre = row.constant("centre", Centre.class, problems);
            AgeGroup group = row.constant("ageGroup", AgeGroup.class, problems);
            LocalDate from = row.date("openFrom", problems);
            if (centre != null && group != null && !openingKeys.add(centre + "/" + group)) {
                problems.add(row.where + ": " + centre + " is listed twice for " + group);
            }
            if (problems.size() == before) {
                openings.add(new CentreOpening(centre, group, from));
                rows.add(new RuleInfo(CENTRE_OPENINGS + " " + centre + " " + group, requirement,
                        r.source(), openingsPath, row.line, List.of(), List.of()));
            }
        }

        List<InterimAllocation> interim = new ArrayList<>();
        String interimPath = paths.get(INTERIM_ALLOCATION);
        Set<Centre> regions = new HashSet<>();
        for (Row row : rows(contents.get(interimPath), display.apply(interimPath), List.of("requirement", "region", "offered"),
                problems)) {
            int before = problems.size();
            String requirement = row.required("requirement", problems);
            Requirement r = requirement == null ? null : byId.get(requirement);
            if (requirement != null && r == null) {
                problems.add(row.where + ": requirement \"" + requirement + "\" is not in " + Requirements.FILE);
            }
            Centre region = row.constant("region", Centre.class, problems);
            Centre offered = row.constant("offered", Centre.class, problems);
            if (region != null && !regions.add(region)) {
                problems.add(row.where + ": region " + region + " is listed twice");
            }
            if (region != null && region == offered) {
                problems.add(row.where + ": region " + region + " is allocated to itself");
            }
            if (problems.size() == before) {
                interim.add(new InterimAllocation(region, offered));
                rows.add(new RuleInfo(INTERIM_ALLOCATION + " " + region + " to " + offered, requirement, r.source(),
                        interimPath, row.line, List.of(), List.of()));
            }
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeBaseException(problems.size() + " problem(s) in the knowledge tables:\n  "
                    + String.join("\n  ", problems));
        }
        return new KbTables(options, optionTexts, openings, interim, rows);
    }

    /** The age groups of an option row: one or more of the model's, separated by single spaces, none twice. */
    private static Set<AgeGroup> ageGroups(Row row, List<String> problems) {
        String v = row.required("ageGroups", problems);
        if (v == null) {
            return null;
        }
        Set<AgeGroup> groups = java.util.EnumSet.noneOf(AgeGroup.class);
        String allowed = Arrays.stream(AgeGroup.values()).map(Enum::name).collect(Collectors.joining(", "));
        for (String name : v.split(" ", -1)) {
            AgeGroup group = Arrays.stream(AgeGroup.values()).filter(g -> g.name().equals(name)).findFirst().orElse(null);
            if (group == null) {
                problems.add(row.where + ": ageGroups \"" + v + "\" must be one or more of " + allowed
                        + ", separated by a space (e.g. ADULT CHILD), but has \"" + name + "\"");
                return null;
            }
            if (!groups.add(group)) {
                problems.add(row.where + ": ageGroups \"" + v + "\" names " + group + " twice");
                return null;
            }
        }
        return groups;
    }

    /** One data row, its values by column name. */
    record Row(String where, int line, Map<String, String> values) {
        String required(String column, List<String> problems) {
            String v = values.get(column);
            if (v == null || v.isBlank()) {
                problems.add(where + ": " + column + " is empty");
                return null;
            }
            if (!v.equals(v.strip())) {
                problems.add(where + ": " + column + " \"" + v + "\" has spaces around it");
                return null;
            }
            return v;
        }

        /** A required text in both languages: columns {@code <column>Nl} and {@code <column>En}. */
        LocalizedText text(String column, List<String> problems) {
            String nl = required(column + "Nl", problems);
            String en = required(column + "En", problems);
            return nl == null || en == null ? null : new LocalizedText(nl, en);
        }

        /**
         * A youth text (ALK-Y): both languages, or neither (null: the adult text is used); one that
         * says what the adult text says in both languages is refused (say it once).
         */
        LocalizedText youthText(String column, LocalizedText adult, List<String> problems) {
            String nl = values.get(column + "Nl");
            String en = values.get(column + "En");
            if ((nl == null || nl.isEmpty()) && (en == null || en.isEmpty())) {
                return null;
            }
            if (nl == null || nl.isEmpty() || en == null || en.isEmpty()) {
                problems.add(where + ": " + column + " is given in " + (nl == null || nl.isEmpty() ? "English" : "Dutch")
                        + " only; give it in both languages, or leave both empty (the adult text is then used)");
                return null;
            }
            LocalizedText youth = text(column, problems);
            if (youth != null && youth.equals(adult)) {
                problems.add(where + ": " + column + " says what the adult text says; leave both languages empty"
                        + " (the adult text is then used)");
                return null;
            }
            return youth;
        }

        <E extends Enum<E>> E constant(String column, Class<E> type, List<String> problems) {
            String v = required(column, problems);
            if (v == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + column + " \"" + v + "\" is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
                return null;
            }
        }

        LocalDate date(String column, List<String> problems) {
            String v = values.get(column);
            if (v == null || v.isEmpty()) {
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                problems.add(where + ": " + column + " \"" + v + "\" is not a date yyyy-mm-dd (or empty: open on every date)");
                return null;
            }
        }
    }

    /** The data rows of a table; problems of form (header, quoting, field count) are added with file:line. */
    static List<Row> rows(byte[] bytes, String name, List<String> header, List<String> problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(name + ": not valid UTF-8; save the file as UTF-8");
            return List.of();
        }
        String[] lines = text.split("\r\n|\n", -1);
        List<Row> rows = new ArrayList<>();
        boolean headerSeen = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = name + ":" + (i + 1);
            List<String> fields = fields(line, where, problems);
            if (fields == null) {
                continue;
            }
            if (!headerSeen) {
                headerSeen = true;
                if (!fields.equals(header)) {
                    List<String> unknown = fields.stream().filter(f -> !header.contains(f)).toList();
                    List<String> absent = header.stream().filter(h -> !fields.contains(h)).toList();
                    problems.add(where + ": the header must be " + String.join(",", header) + " but is " + line
                            + (unknown.isEmpty() ? "" : "; unknown column(s): " + String.join(", ", unknown))
                            + (absent.isEmpty() ? "" : "; missing column(s): " + String.join(", ", absent)));
                    return List.of();
                }
                continue;
            }
            if (fields.size() != header.size()) {
                problems.add(where + ": " + fields.size() + " field(s) where the header has " + header.size()
                        + " (" + String.join(",", header) + "); quote a field that holds a comma");
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), fields.get(c));
            }
            rows.add(new Row(where, i + 1, values));
        }
        if (!headerSeen) {
            problems.add(name + ": no header line (" + String.join(",", header) + ")");
        }
        return rows;
    }

    /** The fields of one line; null (and a problem) if a quote is not closed or stray. */
    private static List<String> fields(String line, String where, List<String> problems) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            StringBuilder field = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        problems.add(where + ": a quoted field is not closed (a field cannot span lines)");
                        return null;
                    }
                    char ch = line.charAt(i);
                    if (ch == '"' && i + 1 < n && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else if (ch == '"') {
                        i++;
                        break;
                    } else {
                        field.append(ch);
                        i++;
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    problems.add(where + ": text after a closing quote at column " + (i + 1));
                    return null;
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    if (line.charAt(i) == '"') {
                        problems.add(where + ": a quote inside an unquoted field at column " + (i + 1)
                                + "; quote the whole field and write the quote twice");
                        return null;
                    }
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
