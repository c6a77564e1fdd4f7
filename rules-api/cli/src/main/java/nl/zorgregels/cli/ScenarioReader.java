package nl.zorgregels.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import nl.zorgregels.model.InvalidInputException;

/**
 * Reads the inputs of the scenario files (format: {@code scenarios/README.md} of rules-tests): a
 * file's {@code title}, its {@code given} case and each scenario's {@code name} and {@code with},
 * merged as the scenario suite merges them. What a scenario expects is the suite's business and is
 * not read here; a file whose structure the trace needs is broken is refused, naming file and key.
 */
public final class ScenarioReader {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioReader() {
    }

    /**
     * A scenario file as the trace needs it.
     *
     * @param file      path below the scenario folder, '/'-separated
     * @param title     the file's title (it names the requirements the file is about)
     * @param scenarios its scenarios, in file order
     */
    record File(String file, String title, List<Trace.ScenarioInput> scenarios) {
    }

    /**
     * @param root the scenario folder
     * @return every {@code .yaml}/{@code .yml} file below it, by path
     * @throws InvalidInputException if a file is not valid YAML or lacks what the trace needs
     */
    static List<File> read(Path root) {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted((a, b) -> relative(root, a).compareTo(relative(root, b)))
                    .toList();
        } catch (IOException e) {
            throw new UsageException("cannot read the scenario folder " + root + ": " + e.getMessage());
        }
        List<File> files = new ArrayList<>(paths.size());
        for (Path path : paths) {
            files.add(file(relative(root, path), path));
        }
        return files;
    }

    private static File file(String name, Path path) {
        JsonNode doc;
        try {
            doc = YAML.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(name, "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new UsageException("cannot read " + path + ": " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new InvalidInputException(name, "must be a mapping with title, given and scenarios");
        }
        String title = text(doc.get("title"), name, "title");
        ObjectNode given = object(doc.get("given"), name, "given");
        JsonNode list = doc.get("scenarios");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InvalidInputException(name + ": scenarios", "must be a non-empty list of scenarios");
        }
        List<Trace.ScenarioInput> scenarios = new ArrayList<>(list.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "scenarios[" + i + "]";
            ObjectNode s = object(list.get(i), name, at);
            String scenario = text(s.get("name"), name, at + ".name");
            if (!names.add(scenario)) {
                throw new InvalidInputException(name + ": " + at + ".name", "duplicate scenario name " + scenario);
            }
            ObjectNode input = s.has("with") ? merge(given, object(s.get("with"), name, at + ".with")) : given.deepCopy();
            try {
                scenarios.add(new Trace.ScenarioInput(name, scenario, JSON.writeValueAsString(input)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new File(name, title, scenarios);
    }

    /**
     * {@code over} deep-merged onto a copy of {@code base} (as the scenario suite does): objects merge
     * key by key, a null value removes the key, anything else (scalars, lists) replaces.
     */
    public static ObjectNode merge(ObjectNode base, ObjectNode over) {
        ObjectNode result = base.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> fields = over.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            JsonNode old = result.get(field.getKey());
            if (value.isNull()) {
                result.remove(field.getKey());
            } else if (value.isObject() && old != null && old.isObject()) {
                result.set(field.getKey(), merge((ObjectNode) old, (ObjectNode) value));
            } else {
                result.set(field.getKey(), stripNulls(value.deepCopy()));
            }
        }
        return result;
    }

    private static JsonNode stripNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> nullKeys = new ArrayList<>();
            object.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    nullKeys.add(e.getKey());
                } else {
                    stripNulls(e.getValue());
                }
            });
            object.remove(nullKeys);
        }
        return node;
    }

    private static ObjectNode object(JsonNode node, String file, String key) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(file + ": " + key, "must be a mapping (key: value)");
        }
        return (ObjectNode) node;
    }

    private static String text(JsonNode node, String file, String key) {
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw new InvalidInputException(file + ": " + key, "must be a non-blank text");
        }
        return node.textValue();
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
