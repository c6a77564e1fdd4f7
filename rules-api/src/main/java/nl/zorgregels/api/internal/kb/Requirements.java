package nl.zorgregels.api.internal.kb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.kb.fact.DecisionPart;
import nl.zorgregels.model.AgeGroup;

/**
 * Reads {@code requirements.json}, the list of requirement ids a knowledge base implements (see
 * rules-kb/README.md, "Requirements and traceability"). Strict: an unknown field, a duplicate id or key, an
 * unknown kind or side is an error naming the requirement; nothing is defaulted.
 *
 * <p>Its {@code decisions} list says, per part of a decision and age group, which criteria a
 * decision must give exactly one result for (CONTRACT.md §1 "Fail closed"); see {@link #decisions}. The
 * lists of one part pair their criteria by position: the adult criterion at a place and the child
 * criterion at the same place say the same thing for the two age groups (the note on the 18th
 * birthday compares them).
 *
 * <p>Each requirement also says what the engine does with it, so that no Java names one: its
 * {@code part} (required unless its kind is safety, data-doubt or constraint), a {@code role}
 * ({@link Requirement.Role}: which note is a warning, which note is the age transition, which
 * safety item announces the 18th birthday, which centre rule keeps the current centre) and, for a
 * constraint, {@code withoutEffect}, the input fact that must never change the outcome.
 */
public final class Requirements {
    /** The file name, anywhere below the knowledge base's root. */
    public static final String FILE = "requirements.json";

    private static final Pattern ID = Pattern.compile("[A-Z]+(-[A-Z0-9]+)+");
    private static final Set<String> TOP_KEYS = Set.of("about", "decisions", "requirements");
    private static final Set<String> KEYS = Set.of("id", "title", "spec", "kind", "cover", "seed", "passage",
            "part", "role", "withoutEffect");
    /** The kinds that concern the whole decision, not one part: they take no {@code part}. */
    private static final Set<Requirement.Kind> WHOLE = Set.of(Requirement.Kind.SAFETY, Requirement.Kind.DATA_DOUBT,
            Requirement.Kind.CONSTRAINT);
    /** The kind each role goes with. */
    private static final Map<Requirement.Role, Requirement.Kind> ROLE_KIND = Map.of(
            Requirement.Role.WARNING, Requirement.Kind.NOTE, Requirement.Role.AGE_TRANSITION, Requirement.Kind.NOTE,
            Requirement.Role.AGE_NOTICE, Requirement.Kind.SAFETY, Requirement.Role.CONTINUITY, Requirement.Kind.CENTRE);
    private static final Pattern FACT_PATH = Pattern.compile("[a-z][A-Za-z]*\\.[a-z][A-Za-z0-9]*");
    private static final List<String> REQUIRED = List.of("id", "title", "kind", "cover", "seed", "passage");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private Requirements() {
    }

    /**
     * @param bytes the file's bytes (UTF-8)
     * @param where the file as the author knows it, for messages
     * @return the requirements in file order
     * @throws KnowledgeBaseException listing every problem, naming the file and the requirement
     */
    public static List<Requirement> parse(byte[] bytes, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new KnowledgeBaseException(where + (e.getLocation() == null ? ""
                    : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new KnowledgeBaseException(where + ": cannot be read: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        List<Requirement> result = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new KnowledgeBaseException(where + ": must be a JSON object with a \"requirements\" list");
        }
        unknownKeys(root, TOP_KEYS, "", problems);
        JsonNode list = root.get("requirements");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add("\"requirements\" must be a non-empty list");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Requirement r = requirement(list.get(i), "requirements[" + i + "]", problems);
                if (r != null && !ids.add(r.id())) {
                    problems.add("requirements[" + i + "] (" + r.id() + "): duplicate id " + r.id());
                } else if (r != null) {
                    result.add(r);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeBaseException(problems.size() + " problem(s) in " + where + ":\n  "
                    + String.join("\n  ", problems));
        }
        return List.copyOf(result);
    }

    /**
     * The criteria each part and age group of a decision must have exactly one result for: the
     * {@code decisions} list, {@code [{"part": "POST_COVID", "ageGroup": "ADULT", "criteria": [...]}, ...]}.
     * Every part and age group is listed exactly once; each criterion is a requirement of kind
     * criterion, and every such requirement is expected somewhere.
     *
     * @param bytes        the file's bytes
     * @param where        the file as the author knows it
     * @param requirements the requirements the same file lists
     * @return the criteria by part and age group, each list in file order
     * @throws KnowledgeBaseException listing every problem
     */
    public static Map<DecisionPart, Map<AgeGroup, List<String>>> decisions(byte[] bytes, String where,
                                                                  List<Requirement> requirements) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new KnowledgeBaseException(where + ": cannot be read: " + e.getMessage(), e);
        }
        Map<String, Requirement> byId = new java.util.HashMap<>();
        requirements.forEach(r -> byId.put(r.id(), r));
        List<String> problems = new ArrayList<>();
        Map<DecisionPart, Map<AgeGroup, List<String>>> result = new EnumMap<>(DecisionPart.class);
        JsonNode list = root.get("decisions");
        Set<String> expectedSomewhere = new HashSet<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add("\"decisions\" must list, per part and age group, the criteria a decision must decide"
                    + " ({\"part\": \"<PART>\", \"ageGroup\": \"ADULT\", \"criteria\": [\"<criterion id>\", ...]})");
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode d = list.get(i);
                String at = "decisions[" + i + "]";
                if (!d.isObject()) {
                    problems.add(at + ": must be an object with part, ageGroup and criteria");
                    continue;
                }
                unknownKeys(d, Set.of("part", "ageGroup", "criteria"), at + ": ", problems);
                DecisionPart part = constant(d, "part", DecisionPart.class, at, problems);
                AgeGroup group = constant(d, "ageGroup", AgeGroup.class, at, problems);
                JsonNode criteria = d.get("criteria");
                List<String> ids = new ArrayList<>();
                if (criteria == null || !criteria.isArray() || criteria.isEmpty()) {
                    problems.add(at + ": \"criteria\" must be a non-empty list of criterion ids");
                } else {
                    for (JsonNode c : criteria) {
                        String id = c.isTextual() ? c.textValue() : String.valueOf(c);
                        Requirement r = byId.get(id);
                        if (r == null) {
                            problems.add(at + ": criterion \"" + id + "\" is not a requirement of this file");
                        } else if (r.kind() != Requirement.Kind.CRITERION) {
                            problems.add(at + ": " + id + " is of kind " + r.kind().label() + ", not a criterion");
                        } else if (part != null && !r.part().equals(part.name())) {
                            problems.add(at + ": " + id + " is a criterion of part "
                                    + (r.part().isEmpty() ? "(none)" : r.part()) + " (its \"part\"), not of " + part);
                        } else if (ids.contains(id)) {
                            problems.add(at + ": lists " + id + " twice");
                        } else {
                            ids.add(id);
                            expectedSomewhere.add(id);
                        }
                    }
                }
                if (part != null && group != null) {
                    Map<AgeGroup, List<String>> byGroup = result.computeIfAbsent(part, p -> new EnumMap<>(AgeGroup.class));
                    if (byGroup.put(group, List.copyOf(ids)) != null) {
                        problems.add(at + ": " + part + " " + group + " is listed twice");
                    }
                }
            }
            for (DecisionPart part : DecisionPart.values()) {
                for (AgeGroup group : AgeGroup.values()) {
                    if (!result.getOrDefault(part, Map.of()).containsKey(group)) {
                        problems.add("\"decisions\" has no entry for part " + part + " and age group " + group);
                    }
                }
            }
            for (Requirement r : requirements) {
                if (r.kind() == Requirement.Kind.CRITERION && !expectedSomewhere.contains(r.id())) {
                    problems.add(r.id() + " is a criterion but no entry of \"decisions\" expects it; a criterion"
                            + " nobody expects could go undecided unnoticed");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeBaseException(problems.size() + " problem(s) in " + where + ":\n  "
                    + String.join("\n  ", problems));
        }
        return result;
    }

    private static <E extends Enum<E>> E constant(JsonNode node, String key, Class<E> type, String at,
                                                  List<String> problems) {
        JsonNode v = node.get(key);
        String allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", "));
        if (v == null || !v.isTextual()) {
            problems.add(at + ": \"" + key + "\" must be one of " + allowed);
            return null;
        }
        try {
            return Enum.valueOf(type, v.textValue());
        } catch (IllegalArgumentException e) {
            problems.add(at + ": \"" + key + "\" is \"" + v.textValue() + "\", not one of " + allowed);
            return null;
        }
    }

    private static Requirement requirement(JsonNode node, String path, List<String> problems) {
        if (!node.isObject()) {
            problems.add(path + ": must be an object with " + String.join(", ", REQUIRED));
            return null;
        }
        String id = node.path("id").isTextual() ? node.get("id").textValue() : null;
        String at = id == null ? path : path + " (" + id + ")";
        int before = problems.size();
        unknownKeys(node, KEYS, at + ": ", problems);
        for (String key : REQUIRED) {
            if (!node.has(key)) {
                problems.add(at + ": \"" + key + "\" is missing");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        String title = text(node, "title", at, problems);
        String spec = node.has("spec") ? text(node, "spec", at, problems) : "";
        String seed = text(node, "seed", at, problems);
        String passage = text(node, "passage", at, problems);
        id = text(node, "id", at, problems);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(at + ": \"id\" must look like PC-A3 or ALK-D1 but was \"" + id + "\"");
        }
        String kindLabel = text(node, "kind", at, problems);
        Requirement.Kind kind = kindLabel == null ? null : Requirement.Kind.ofLabel(kindLabel);
        if (kindLabel != null && kind == null) {
            problems.add(at + ": \"kind\" must be one of " + java.util.Arrays.stream(Requirement.Kind.values())
                    .map(Requirement.Kind::label).collect(Collectors.joining(", ")) + " but was \"" + kindLabel + "\"");
        }
        List<String> cover = new ArrayList<>();
        JsonNode c = node.get("cover");
        if (!c.isArray()) {
            problems.add(at + ": \"cover\" must be a list of sides");
        } else {
            Set<String> seen = new LinkedHashSet<>();
            for (JsonNode side : c) {
                if (!side.isTextual()) {
                    problems.add(at + ": \"cover\" must list sides as texts but has " + side);
                } else if (!seen.add(side.textValue())) {
                    problems.add(at + ": \"cover\" lists " + side.textValue() + " twice");
                } else if (kind != null && !kind.sides().contains(side.textValue())) {
                    problems.add(at + ": \"cover\" has " + side.textValue() + ", not a side of kind " + kind.label()
                            + (kind.sides().isEmpty() ? " (a constraint has none: write [])"
                            : " (" + String.join(", ", kind.sides()) + ")"));
                } else {
                    cover.add(side.textValue());
                }
            }
            if (kind != null && kind != Requirement.Kind.CONSTRAINT && c.isEmpty()) {
                problems.add(at + ": \"cover\" must name at least one side of kind " + kind.label() + " ("
                        + String.join(", ", kind.sides()) + ")");
            }
        }
        String part = node.has("part") ? text(node, "part", at, problems) : "";
        if (kind != null && part != null) {
            if (WHOLE.contains(kind) && !part.isEmpty() && kind != Requirement.Kind.CONSTRAINT) {
                problems.add(at + ": a requirement of kind " + kind.label() + " concerns the whole decision and has"
                        + " no \"part\"; remove it");
            } else if (!WHOLE.contains(kind) && part.isEmpty()) {
                problems.add(at + ": \"part\" is missing: say which part of a decision it belongs to ("
                        + partNames() + ")");
            } else if (!part.isEmpty() && java.util.Arrays.stream(DecisionPart.values()).noneMatch(p -> p.name().equals(part))) {
                problems.add(at + ": \"part\" must be one of " + partNames() + " but was \"" + part + "\"");
            }
        }
        Requirement.Role role = Requirement.Role.NONE;
        if (node.has("role")) {
            String label = text(node, "role", at, problems);
            role = label == null ? null : Requirement.Role.ofLabel(label);
            if (label != null && role == null) {
                problems.add(at + ": \"role\" must be one of " + java.util.Arrays.stream(Requirement.Role.values())
                        .filter(r -> r != Requirement.Role.NONE).map(Requirement.Role::label)
                        .collect(Collectors.joining(", ")) + " but was \"" + label + "\"");
            } else if (role != null && kind != null && ROLE_KIND.get(role) != kind) {
                problems.add(at + ": role " + role.label() + " is for a requirement of kind "
                        + ROLE_KIND.get(role).label() + ", not " + kind.label());
            }
        }
        String withoutEffect = node.has("withoutEffect") ? text(node, "withoutEffect", at, problems) : "";
        if (withoutEffect != null && !withoutEffect.isEmpty()) {
            if (kind != Requirement.Kind.CONSTRAINT) {
                problems.add(at + ": \"withoutEffect\" is for a requirement of kind constraint, not "
                        + (kind == null ? kindLabel : kind.label()));
            } else if (!FACT_PATH.matcher(withoutEffect).matches()) {
                problems.add(at + ": \"withoutEffect\" must name an input fact as section.name, e.g."
                        + " patient.umcRegion, but was \"" + withoutEffect + "\"");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Requirement(id, title, spec, kind, cover, seed, passage, part, role, withoutEffect);
    }

    private static String partNames() {
        return java.util.Arrays.stream(DecisionPart.values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * @param requirements the register
     * @param kind         a kind
     * @param part         a part's name, or empty for any
     * @return the requirements of that kind (and part), in file order
     */
    public static List<Requirement> ofKind(List<Requirement> requirements, Requirement.Kind kind, String part) {
        return requirements.stream().filter(r -> r.kind() == kind && (part.isEmpty() || r.part().equals(part))).toList();
    }

    /**
     * @param requirements the register
     * @param role         a role
     * @return the ids of the requirements with that role, in file order
     */
    public static Set<String> withRole(List<Requirement> requirements, Requirement.Role role) {
        return requirements.stream().filter(r -> r.role() == role).map(Requirement::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String at, List<String> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(at + "unknown field \"" + name + "\"; known: "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private static String text(JsonNode node, String key, String at, List<String> problems) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            problems.add(at + ": \"" + key + "\" must be a non-blank text");
            return null;
        }
        return value.textValue();
    }
}
