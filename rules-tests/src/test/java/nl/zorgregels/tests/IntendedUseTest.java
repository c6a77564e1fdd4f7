package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * INTENDED-USE.md's SOUP table lists exactly the third-party components of the shipped artifacts'
 * CycloneDX SBOMs (made by the build, parent pom), with version, licence and the first artifact that
 * brings each (rules-api, the engine; rules-fhir; rules-service; rules-cli, the command line). With
 * {@code -Dgolden.update=true} the table is rewritten from the SBOM (review the diff).
 */
class IntendedUseTest {
    private static final Path DOC = Golden.ROOT.resolve("rules-api/INTENDED-USE.md");
    private static final String BEGIN = "<!-- soup:begin -->";
    private static final String END = "<!-- soup:end -->";

    @Test
    void soupTableIsTheSbomsThirdPartyComponents() throws IOException {
        List<String> rows = rowsFromSbom();
        assertThat(rows).as("third-party components in the SBOM").hasSizeGreaterThan(10);
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("INTENDED-USE.md has the soup markers").isNotNegative().isLessThan(end);
        String table = "\n| component | version | licence | brought by |\n|---|---|---|---|\n"
                + String.join("\n", rows) + "\n";
        if (Boolean.getBoolean(Golden.UPDATE_PROPERTY)) {
            Files.writeString(DOC, doc.substring(0, begin + BEGIN.length()) + table + doc.substring(end),
                    StandardCharsets.UTF_8);
            doc = Files.readString(DOC, StandardCharsets.UTF_8);
        }
        assertThat(doc.substring(begin + BEGIN.length(), doc.indexOf(END)))
                .as("INTENDED-USE.md's SOUP table against the SBOM (-Dgolden.update=true rewrites it)")
                .isEqualTo(table);
    }

    /** The shipped artifacts, each bringing the ones before it: the engine, FHIR, the service, the command line. */
    private static final List<String> ARTIFACTS = ArtifactJars.ARTIFACTS;

    /**
     * One table row per third-party component of the distribution (rules-cli's SBOM, which holds every
     * artifact's), with the first artifact that brings it to whoever depends on it (an optional component
     * of an artifact is not brought by it); grouped by that artifact, sorted within.
     */
    private static List<String> rowsFromSbom() throws IOException {
        List<java.util.Map<String, JsonNode>> byArtifact = new ArrayList<>();
        for (int i = 0; i < ARTIFACTS.size(); i++) {
            byArtifact.add(components(ARTIFACTS.get(i)));
        }
        List<TreeSet<String>> groups = new ArrayList<>();
        ARTIFACTS.forEach(a -> groups.add(new TreeSet<>()));
        for (java.util.Map.Entry<String, JsonNode> e : byArtifact.get(ARTIFACTS.size() - 1).entrySet()) {
            JsonNode c = e.getValue();
            int first = ARTIFACTS.size() - 1;
            for (int i = 0; i < ARTIFACTS.size(); i++) {
                JsonNode there = byArtifact.get(i).get(e.getKey());
                if (there != null && !there.path("scope").asText("required").equals("optional")) {
                    first = i;
                    break;
                }
            }
            List<String> licences = new ArrayList<>();
            for (JsonNode l : c.path("licenses")) {
                JsonNode lic = l.path("license");
                licences.add(lic.hasNonNull("id") ? lic.get("id").asText()
                        : lic.hasNonNull("name") ? lic.get("name").asText() : l.path("expression").asText());
            }
            groups.get(first).add("| " + e.getKey() + " | " + c.path("version").asText() + " | " + String.join(", ", licences)
                    + " | " + ARTIFACTS.get(first) + " |");
        }
        List<String> rows = new ArrayList<>();
        groups.forEach(rows::addAll);
        return rows;
    }

    /** The third-party components of one artifact's SBOM, by {@code group:name}. */
    private static java.util.Map<String, JsonNode> components(String artifact) throws IOException {
        java.util.Map<String, JsonNode> components = new java.util.TreeMap<>();
        for (JsonNode c : ArtifactJars.sbom(artifact).path("components")) {
            if (!c.path("group").asText().equals("nl.zorgregels")) { // our own modules are not SOUP
                components.put(c.path("group").asText() + ":" + c.path("name").asText(), c);
            }
        }
        return components;
    }
}
