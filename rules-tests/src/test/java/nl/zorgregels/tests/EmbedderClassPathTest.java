package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * An EHR that embeds the engine decides with the packaged knowledge base without Drools' compiler:
 * the jars holding the Java compiler (ecj), the Java parser, the executable-model code generator,
 * the MVEL compiler and the XML (kmodule.xml) reader are found by their classes in the command
 * line's lib/, are declared optional by rules-api (its SBOM gives them scope optional, so Maven
 * does not pass them to an embedder), and without them a JSON case decides exactly as the packaged
 * jar decides it; compiling a knowledge base from a directory then says what it needs.
 */
class EmbedderClassPathTest {
    private static final Path ROOT = Golden.ROOT;
    private static final Path API = ROOT.resolve("rules-api/target");
    /** The packages of the compiler: Java compiler, Java parser, code generator, MVEL compiler, XML reader. */
    private static final List<String> COMPILER_PACKAGES = List.of("org/eclipse/jdt/", "com/github/javaparser/",
            "org/drools/model/codegen/", "org/drools/mvelcompiler/", "org/drools/ecj/", "com/thoughtworks/xstream/");

    private record Run(int code, String out, String err) {
    }

    @Test
    void theEngineDecidesWithoutTheCompilerWhichRulesApiDeclaresOptional() throws Exception {
        Map<String, String> scopeByJar = sbomScopes();
        List<String> classpath = new ArrayList<>();
        classpath.add(API.resolve("classes").toString());
        List<String> compiler = new ArrayList<>();
        try (Stream<Path> jars = Files.list(API.resolve("lib"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                if (holdsCompiler(jar)) {
                    compiler.add(jar.getFileName().toString());
                } else {
                    classpath.add(jar.toString());
                }
            }
        }
        assertThat(compiler).as("compiler jars in lib/").hasSizeGreaterThanOrEqualTo(5)
                .anyMatch(j -> j.startsWith("ecj-")).anyMatch(j -> j.startsWith("javaparser-core-"))
                .anyMatch(j -> j.startsWith("drools-model-codegen-"));
        for (String jar : compiler) {
            assertThat(scopeByJar.get(jar)).as(jar + ": rules-api's SBOM scope (optional: not passed to an embedder)")
                    .isEqualTo("optional");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = String.join(File.pathSeparator, classpath);
        String example = ROOT.resolve("examples/adult-eligible.json").toString();
        Run without = run(java, "-cp", cp, "nl.zorgregels.cli.Main", "evaluate", example);
        Run packaged = run(java, "-jar", API.resolve("zorgregels.jar").toString(), "evaluate", example);
        assertThat(without.code()).as(without.err()).isZero();
        assertThat(without.out()).contains("\"outcome\": \"ELIGIBLE\"").isEqualTo(packaged.out());
        // a knowledge base from a directory needs the compiler: refused, saying what to add
        Run fromDirectory = run(java, "-cp", cp, "nl.zorgregels.cli.Main", "check-kb",
                ROOT.resolve("rules-kb/src/main/resources").toString());
        assertThat(fromDirectory.code()).isEqualTo(2);
        assertThat(fromDirectory.err()).contains("needs Drools' compiler").contains("drools-model-codegen")
                .doesNotContain("NoClassDefFoundError");
    }

    private static boolean holdsCompiler(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> COMPILER_PACKAGES.stream().anyMatch(p -> e.getName().startsWith(p)));
        }
    }

    /** The scope rules-api's CycloneDX SBOM gives each jar ({@code name-version.jar}). */
    private static Map<String, String> sbomScopes() throws IOException {
        Path sbom = null;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(API, "rules-api-*-cyclonedx.json")) {
            for (Path p : found) {
                sbom = p;
            }
        }
        assertThat(sbom).as("rules-api's SBOM (mvn package)").isNotNull();
        Map<String, String> scopes = new HashMap<>();
        for (JsonNode c : new ObjectMapper().readTree(sbom.toFile()).path("components")) {
            scopes.put(c.path("name").asText() + "-" + c.path("version").asText() + ".jar", c.path("scope").asText("required"));
        }
        return scopes;
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
