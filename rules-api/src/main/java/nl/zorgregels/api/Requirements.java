package nl.zorgregels.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code requirements.json}, the list of requirement ids a knowledge base implements (see
 * rules-kb/README.md, "Requirements and traceability"). Strict: an unknown field, a duplicate id or key, an
 * unknown kind or side is an error naming the requirement; nothing is defaulted.
 */
final class Requirements {
    /** The file name, anywhere below the knowledge base's root. */
    static final String FILE = "requirements.json";

    private static final Pattern ID = Pattern.compile("[A-Z]+(-[A-Z0-9]+)+");
    private static final Set<String> TOP_KEYS = Set.of("about", "requirements");
    private static final Set<String> KEYS = Set.of("id", "title", "spec", "kind", "cover", "seed", "passage");
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
    static List<Requirement> parse(byte[] bytes, String where) {
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
        if (problems.size() > before) {
            return null;
        }
        return new Requirement(id, title, spec, kind, cover, seed, passage);
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
