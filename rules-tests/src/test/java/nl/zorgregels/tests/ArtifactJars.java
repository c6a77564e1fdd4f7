package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars each shipped artifact brings to a project that depends on it, read from the artifact's
 * CycloneDX SBOM (made by {@code mvn package}; its components are the artifact's dependencies as Maven
 * resolves them for a dependant, optional ones marked {@code optional}, provided ones absent) and found
 * in the command line's {@code lib/}, which holds every jar of every artifact.
 */
record ArtifactJars(String artifact, List<Path> jars) {
    /** The shipped artifacts, each with its module directory: the engine, FHIR, the service, the command line. */
    static final List<String> ARTIFACTS = List.of("rules-api", "rules-fhir", "rules-service", "rules-cli");
    private static final List<String> MODULES = List.of("rules-api", "rules-api/fhir", "rules-api/service", "rules-api/cli");
    static final Path LIB = Golden.ROOT.resolve("rules-api/cli/target/lib");

    /**
     * @param artifact one of {@link #ARTIFACTS}
     * @return the artifact's own jar and every jar it brings (not its optional dependencies)
     */
    static ArtifactJars of(String artifact) throws IOException {
        JsonNode root = sbom(artifact);
        Path target = target(artifact);
        List<Path> jars = new ArrayList<>();
        String version = root.path("metadata").path("component").path("version").asText();
        jars.add(artifact.equals("rules-cli") ? target.resolve("zorgregels.jar") : LIB.resolve(artifact + "-" + version + ".jar"));
        for (JsonNode c : root.path("components")) {
            if (c.path("scope").asText("required").equals("optional")) {
                continue;
            }
            Path jar = LIB.resolve(c.path("name").asText() + "-" + c.path("version").asText() + ".jar");
            assertThat(jar).as(artifact + "'s component " + c.path("purl").asText() + " in the command line's lib/").isRegularFile();
            jars.add(jar);
        }
        return new ArtifactJars(artifact, List.copyOf(jars));
    }

    /**
     * @param artifact one of {@link #ARTIFACTS}
     * @return its CycloneDX SBOM, as the build made it
     */
    static JsonNode sbom(String artifact) throws IOException {
        Path sbom = null;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(target(artifact), artifact + "-*-cyclonedx.json")) {
            for (Path p : found) {
                sbom = p;
            }
        }
        assertThat(sbom).as(artifact + "'s SBOM (mvn package)").isNotNull();
        return new ObjectMapper().readTree(sbom.toFile());
    }

    private static Path target(String artifact) {
        return Golden.ROOT.resolve(MODULES.get(ARTIFACTS.indexOf(artifact))).resolve("target");
    }

    /** @return the total size of the jars, bytes */
    long bytes() throws IOException {
        long sum = 0;
        for (Path jar : jars) {
            sum += Files.size(jar);
        }
        return sum;
    }
}
