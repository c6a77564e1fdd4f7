package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import nl.zorgregels.tests.embedder.EmbedderMain;
import org.junit.jupiter.api.Test;

/**
 * The artifacts by audience (rules-api/README.md, "The artifacts"). An EHR that embeds the engine
 * ({@code rules-api}) gets at most 30 jars and no compiler, no FHIR, no HTTP server and no logging
 * binding, and with exactly those jars on its class path decides a JSON case as the command line does;
 * compiling a knowledge base from a directory then says what it needs. The FHIR and service artifacts
 * bring no compiler either; the command line brings it. The jars and sizes per artifact are the table
 * in rules-api/README.md ({@code -Dgolden.update=true} rewrites it).
 */
class EmbedderClassPathTest {
    private static final Path ROOT = Golden.ROOT;
    private static final Path README = ROOT.resolve("rules-api/README.md");
    private static final String BEGIN = "<!-- artifacts:begin -->";
    private static final String END = "<!-- artifacts:end -->";
    /** The packages of the compiler: Java compiler, Java parser, code generator, MVEL compiler, XML reader. */
    private static final List<String> COMPILER_PACKAGES = List.of("org/eclipse/jdt/", "com/github/javaparser/",
            "org/drools/model/codegen/", "org/drools/mvelcompiler/", "org/drools/ecj/", "com/thoughtworks/xstream/");
    /** Packages an embedder of the engine alone must not get: FHIR, the HTTP server, JWTs, a logging binding. */
    private static final List<String> INTEGRATION_PACKAGES = List.of("ca/uhn/fhir/", "org/hl7/fhir/", "org/eclipse/jetty/",
            "com/nimbusds/", "ch/qos/logback/", "io/prometheus/");

    private record Run(int code, String out, String err) {
    }

    @Test
    void theEngineArtifactAloneDecidesWithoutTheCompiler() throws Exception {
        ArtifactJars engine = ArtifactJars.of("rules-api");
        assertThat(engine.jars()).as("the jars an embedder of rules-api gets (issue #24: at most 30)").hasSizeLessThanOrEqualTo(30);
        for (Path jar : engine.jars()) {
            assertThat(holds(jar, COMPILER_PACKAGES)).as(jar.getFileName() + " holds Drools' compiler").isFalse();
            assertThat(holds(jar, INTEGRATION_PACKAGES)).as(jar.getFileName() + " holds an integration's classes").isFalse();
        }
        List<String> classpath = new ArrayList<>();
        // the embedder's own code: EmbedderMain, which uses the engine's API only
        classpath.add(Path.of(EmbedderMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        engine.jars().forEach(j -> classpath.add(j.toString()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = String.join(File.pathSeparator, classpath);
        String example = ROOT.resolve("examples/adult-eligible.json").toString();
        Run embedded = run(java, "-cp", cp, EmbedderMain.class.getName(), example);
        Run packaged = run(java, "-jar", ROOT.resolve("rules-api/cli/target/zorgregels.jar").toString(), "evaluate", example);
        assertThat(embedded.code()).as(embedded.err()).isZero();
        assertThat(embedded.out()).contains("\"outcome\": \"ELIGIBLE\"").isEqualTo(packaged.out());
        // a knowledge base from a directory needs the compiler: refused, saying what to add
        Run fromDirectory = run(java, "-cp", cp, EmbedderMain.class.getName(), "--kb", ROOT.resolve("rules-kb/src/main/resources").toString());
        assertThat(fromDirectory.code()).as(fromDirectory.out()).isEqualTo(2);
        assertThat(fromDirectory.err()).contains("needs Drools' compiler").contains("drools-model-codegen")
                .doesNotContain("NoClassDefFoundError");
    }

    @Test
    void onlyTheCommandLineBringsTheCompilerAndTheGuideGivesEachArtifactsJars() throws Exception {
        List<String> rows = new ArrayList<>();
        for (String artifact : ArtifactJars.ARTIFACTS) {
            ArtifactJars a = ArtifactJars.of(artifact);
            boolean compiler = false;
            long thirdParty = 0;
            int ours = 0;
            for (Path jar : a.jars()) {
                compiler |= holds(jar, COMPILER_PACKAGES);
                if (jar.getFileName().toString().startsWith("rules-") || jar.getFileName().toString().equals("zorgregels.jar")) {
                    ours++;
                } else {
                    thirdParty += Files.size(jar);
                }
            }
            assertThat(compiler).as(artifact + " brings Drools' compiler").isEqualTo(artifact.equals("rules-cli"));
            rows.add(String.format(Locale.ROOT, "| `%s` | %d | %d | %.1f MB | %s |", artifact, a.jars().size(), ours,
                    thirdParty / 1_000_000.0, compiler ? "yes" : "no"));
        }
        String table = "\n| artifact | jars | of them ours | third-party jars' size | compiler |\n|---|---|---|---|---|\n"
                + String.join("\n", rows) + "\n";
        String doc = Files.readString(README, StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("rules-api/README.md has the artifacts markers").isNotNegative().isLessThan(end);
        if (Boolean.getBoolean(Golden.UPDATE_PROPERTY)) {
            Files.writeString(README, doc.substring(0, begin + BEGIN.length()) + table + doc.substring(end), StandardCharsets.UTF_8);
            doc = Files.readString(README, StandardCharsets.UTF_8);
        }
        assertThat(doc.substring(doc.indexOf(BEGIN) + BEGIN.length(), doc.indexOf(END)))
                .as("rules-api/README.md's table of the artifacts' jars (-Dgolden.update=true rewrites it)").isEqualTo(table);
    }

    private static boolean holds(Path jar, List<String> packages) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> packages.stream().anyMatch(p -> e.getName().startsWith(p)));
        }
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
