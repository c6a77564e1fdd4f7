package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * INTENDED-USE.md's SOUP table lists exactly the third-party components of the {@code rules-api}
 * artifact's CycloneDX SBOM (made by the build, parent pom), with version, licence and scope. With
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
        String table = "\n| component | version | licence | scope |\n|---|---|---|---|\n"
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

    /** One table row per third-party component, sorted: required ones first, then optional. */
    private static List<String> rowsFromSbom() throws IOException {
        Path sbom = null;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Golden.ROOT.resolve("rules-api/target"),
                "rules-api-*-cyclonedx.json")) {
            for (Path p : found) {
                sbom = p;
            }
        }
        assertThat(sbom).as("the build made rules-api's SBOM (mvn package)").isNotNull();
        JsonNode root = new ObjectMapper().readTree(sbom.toFile());
        TreeSet<String> required = new TreeSet<>();
        TreeSet<String> optional = new TreeSet<>();
        for (JsonNode c : root.path("components")) {
            String group = c.path("group").asText();
            if (group.equals("nl.zorgregels")) {
                continue; // our own modules are not SOUP
            }
            List<String> licences = new ArrayList<>();
            for (JsonNode l : c.path("licenses")) {
                JsonNode lic = l.path("license");
                licences.add(lic.hasNonNull("id") ? lic.get("id").asText()
                        : lic.hasNonNull("name") ? lic.get("name").asText() : l.path("expression").asText());
            }
            String scope = c.path("scope").asText("required");
            String row = "| " + group + ":" + c.path("name").asText() + " | " + c.path("version").asText()
                    + " | " + String.join(", ", licences) + " | " + scope + " |";
            (scope.equals("optional") ? optional : required).add(row);
        }
        List<String> rows = new ArrayList<>(required);
        rows.addAll(optional);
        return rows;
    }
}
