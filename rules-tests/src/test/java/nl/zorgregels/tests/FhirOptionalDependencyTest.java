package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * HAPI FHIR is an optional dependency: an EHR that embeds only the JSON contract decides without
 * it on its classpath. The library's classes and rules-api/cli/target/lib without the HAPI FHIR jars
 * (every jar holding {@code ca.uhn} or {@code org.hl7} classes) evaluate a JSON case exactly as the
 * packaged jar does; the FHIR input, which needs HAPI, then fails, which shows HAPI really is absent.
 */
class FhirOptionalDependencyTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path API = ROOT.resolve("rules-api/cli/target");

    private record Run(int code, String out, String err) {
    }

    @Test
    void theJsonContractNeedsNoHapiFhirOnTheClassPath() throws Exception {
        List<String> classpath = new ArrayList<>();
        classpath.add(API.resolve("classes").toString());
        int left = 0;
        try (Stream<Path> jars = Files.list(API.resolve("lib"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                if (holdsFhir(jar)) {
                    left++;
                } else {
                    classpath.add(jar.toString());
                }
            }
        }
        assertThat(left).as("HAPI FHIR jars left out").isGreaterThanOrEqualTo(4);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = String.join(File.pathSeparator, classpath);
        String example = ROOT.resolve("examples/adult-eligible.json").toString();

        Run withoutHapi = run(java, "-cp", cp, "nl.zorgregels.cli.Main", "evaluate", example);
        Run packaged = run(java, "-jar", API.resolve("zorgregels.jar").toString(), "evaluate", example);
        assertThat(withoutHapi.code()).as(withoutHapi.err()).isZero();
        assertThat(withoutHapi.out()).contains("\"outcome\": \"ELIGIBLE\"").isEqualTo(packaged.out());

        Run fhir = run(java, "-cp", cp, "nl.zorgregels.cli.Main", "evaluate",
                ROOT.resolve("examples/fhir/adult-eligible-bundle.json").toString(), "--date", "2026-11-23");
        assertThat(fhir.code()).isEqualTo(1);
        assertThat(fhir.err()).contains("NoClassDefFoundError").contains("hl7");
    }

    private static boolean holdsFhir(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().startsWith("ca/uhn/") || e.getName().startsWith("org/hl7/"));
        }
    }

    private static Run run(String... command) throws Exception {
        Path out = Files.createTempFile("zorgregels-optional", ".out");
        Path err = Files.createTempFile("zorgregels-optional", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("no answer after 2 minutes: " + String.join(" ", command));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
