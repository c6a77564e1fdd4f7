package nl.zorgregels.api.internal.kb;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.InvalidInputException;
import nl.zorgregels.model.OtherPais;

/**
 * The kinds of other PAIS a knowledge base knows: the table {@code other-pais.csv}
 * ({@code code,requirement,passage}, read as {@link KbTables} reads its tables). A code must be of the
 * form of {@link OtherPais#of}, listed once, its requirement in {@code requirements.json}, and named
 * in both message bundles ({@code value.<code>}); each refusal names the file and line. When deciding,
 * {@link #check(Assessment)} refuses a kind the table does not list, naming the input field and the
 * codes allowed. Immutable. Not API.
 */
public final class OtherPaisTable {
    public static final String FILE = "other-pais.csv";
    private static final List<String> HEADER = List.of("code", "requirement", "passage");
    /** The input fields that hold kinds of other PAIS, found in the model (a list of {@link OtherPais}). */
    private static final List<Field> FIELDS = fields();

    /** A field of the input: its section accessor, its accessor in the section, its path. */
    private record Field(RecordComponent section, RecordComponent component, String path) {
    }

    /** The kinds, in table order. */
    public final List<OtherPais> kinds;
    private final String allowed;

    private OtherPaisTable(List<OtherPais> kinds) {
        this.kinds = List.copyOf(kinds);
        this.allowed = String.join(", ", kinds.stream().map(OtherPais::code).toList());
    }

    /**
     * Reads and checks the table.
     *
     * @param path         the table's path among the sources
     * @param bytes        its content
     * @param requirements the requirements
     * @param messages     the bundles, which must name every kind
     * @param display      how to show a path in a message
     * @return the table
     * @throws KnowledgeBaseException listing every problem with file and line
     */
    static OtherPaisTable read(String path, byte[] bytes, List<Requirement> requirements, Messages messages,
                               Function<String, String> display) {
        List<String> problems = new ArrayList<>();
        Map<String, Requirement> byId = new HashMap<>();
        requirements.forEach(r -> byId.put(r.id(), r));
        List<OtherPais> kinds = new ArrayList<>();
        String name = display.apply(path);
        for (KbTables.Row row : KbTables.rows(bytes, name, HEADER, problems)) {
            int before = problems.size();
            String code = row.required("code", problems);
            OtherPais kind = null;
            if (code != null) {
                try {
                    kind = OtherPais.of(code);
                } catch (InvalidInputException e) {
                    problems.add(row.where() + ": code \"" + code + "\" must be upper-case letters, digits and _,"
                            + " starting with a letter (e.g. DENGUE)");
                }
            }
            if (kind != null && kinds.contains(kind)) {
                problems.add(row.where() + ": kind " + code + " is listed twice");
            }
            String requirement = row.required("requirement", problems);
            if (requirement != null && !byId.containsKey(requirement)) {
                problems.add(row.where() + ": requirement \"" + requirement + "\" is not in " + Requirements.FILE);
            }
            row.required("passage", problems); // where the source names the kind: for the reader of the table
            if (kind != null && !messages.missingIn("value." + code).isEmpty()) {
                problems.add(row.where() + ": kind " + code + " has no name in messages_"
                        + String.join(".properties and messages_", messages.missingIn("value." + code))
                        + ".properties; add value." + code + "=<its name> there (the name the GP and the patient read)");
            }
            if (problems.size() == before) {
                kinds.add(kind);
            }
        }
        if (kinds.isEmpty() && problems.isEmpty()) {
            problems.add(name + ": lists no kind of other PAIS");
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeBaseException(problems.size() + " problem(s) in the table of kinds of other PAIS:\n  "
                    + String.join("\n  ", problems));
        }
        return new OtherPaisTable(kinds);
    }

    /**
     * Refuses a kind of other PAIS the table does not list.
     *
     * @param assessment the input
     * @throws InvalidInputException naming the field (e.g. {@code postCovid.otherPais[1]}) and the codes allowed
     */
    public void check(Assessment assessment) {
        for (Field f : FIELDS) {
            Object section = value(f.section(), assessment);
            Object list = section == null ? null : value(f.component(), section);
            if (!(list instanceof List<?> values)) {
                continue;
            }
            for (int i = 0; i < values.size(); i++) {
                if (!kinds.contains(values.get(i))) {
                    throw new InvalidInputException(f.path() + "[" + i + "]", "must be one of " + allowed
                            + " (the kinds of other PAIS in the knowledge base's " + FILE + ") but was \""
                            + values.get(i) + "\"; a new kind is added there as a row");
                }
            }
        }
    }

    private static Object value(RecordComponent c, Object of) {
        try {
            return c.getAccessor().invoke(of);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    private static List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (RecordComponent section : Assessment.class.getRecordComponents()) {
            if (!section.getType().isRecord()) {
                continue;
            }
            for (RecordComponent c : section.getType().getRecordComponents()) {
                if (c.getType() == List.class && c.getGenericType() instanceof ParameterizedType p
                        && p.getActualTypeArguments()[0] == OtherPais.class) {
                    fields.add(new Field(section, c, section.getName() + "." + c.getName()));
                }
            }
        }
        return List.copyOf(fields);
    }
}
