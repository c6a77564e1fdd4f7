package nl.zorgregels.tests.validator;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Zorgregels writes in FHIR, checked by the official HL7 validator engine (issue #23, item 5):
 * HAPI FHIR's {@code FhirInstanceValidator} (the {@code org.hl7.fhir.validation} engine), offline:
 * the R4 core definitions from {@code hapi-fhir-validation-resources-r4}, in-memory terminology, and
 * our own conformance resources as the service serves them (the {@code input-path}
 * StructureDefinition, the CodeSystems generated from the knowledge base). Nothing is fetched.
 *
 * <p>The outputs come from the packaged command line ({@code rules-api/cli/target/zorgregels.jar}, HAPI
 * 8.12.1) run as processes: this module runs the validator's HAPI 8.8.1, the newest this project's
 * registry serves, so the two never share a class path. Every GuidanceResponse (the example cases
 * and records and the first cases of {@code examples/cases-10k.ndjson}, so every outcome of both
 * parts with missing facts), the intake Questionnaire and a pre-filled intake must give 0 errors. The
 * example records are checked too; their only errors may be the nl-core profiles they declare,
 * which are not loaded offline (the Nictiz package is not on this machine).
 */
class Hl7ValidatorTest {
    private static final Path ROOT = Path.of("..", "..");
    private static final Path JAR = ROOT.resolve("rules-api/cli/target/zorgregels.jar");
    private static final String DATE = "2026-11-23";
    /** Cases of the 10,000-case file decided as well (every status and outcome appears among them). */
    private static final int CASES = 40;
    private static final Pattern NL_CORE_PROFILE = Pattern.compile(
            "Profile reference 'http://nictiz\\.nl/fhir/StructureDefinition/nl-core-[A-Za-z-]+' has not been checked because it could not be found");

    @TempDir
    static Path work;

    private static FhirContext ctx;
    private static FhirValidator validator;
    private static final Map<String, String> OUTPUTS = new LinkedHashMap<>();
    private static final Map<String, String> RECORDS = new LinkedHashMap<>();
    private static final List<String> CONFORMANCE = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        assertThat(JAR).as("the packaged command line (mvn package builds it before this module)").exists();
        ctx = FhirContext.forR4();
        // the conformance resources, as the service serves them
        Process serve = new ProcessBuilder(java(), "-Duser.language=tr", "-Duser.country=TR", "-jar", JAR.toString(), "serve",
                "--port", "0", "--no-metrics")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String base = null;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("listening on ")) {
                    base = line.substring("listening on ".length()).strip();
                    break;
                }
            }
            assertThat(base).as("serve printed its address").isNotNull();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            for (String type : List.of("StructureDefinition", "CodeSystem")) {
                // the 404 of an unknown id lists the ids served
                String listing = get(http, URI.create(base + "/fhir/" + type + "/none")).body();
                Matcher served = Pattern.compile("the " + type + "s served are ([^(]+) \\(").matcher(listing);
                assertThat(served.find()).as(listing).isTrue();
                for (String id : served.group(1).split(",")) {
                    HttpResponse<String> r = get(http, URI.create(base + "/fhir/" + type + "/" + id.strip()));
                    assertThat(r.statusCode()).as(type + "/" + id).isEqualTo(200);
                    CONFORMANCE.add(r.body());
                }
            }
        } finally {
            serve.destroy();
            serve.waitFor();
        }
        assertThat(CONFORMANCE).hasSizeGreaterThanOrEqualTo(3);

        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(ctx);
        for (String json : CONFORMANCE) {
            IBaseResource r = ctx.newJsonParser().parseResource(json);
            if (r.fhirType().equals("StructureDefinition")) {
                ours.addStructureDefinition(r);
            } else {
                ours.addCodeSystem(r);
            }
        }
        String questionnaire = run("questionnaire");
        Questionnaire intake = (Questionnaire) ctx.newJsonParser().parseResource(questionnaire);
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx), ours,
                questionnaires(intake), new InMemoryTerminologyServerValidationSupport(ctx),
                new SnapshotGeneratingValidationSupport(ctx));
        FhirInstanceValidator instance = new FhirInstanceValidator(chain);
        // as the validator's command line: an extension no definition allows is an error, not a warning
        instance.setAnyExtensionsAllowed(false);
        validator = ctx.newValidator().registerValidatorModule(instance);

        OUTPUTS.put("intake Questionnaire", questionnaire);
        try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                if (!f.getFileName().toString().equals("adult-typo.json")) { // refused input, on purpose
                    OUTPUTS.put("GuidanceResponse of " + f.getFileName(), run("evaluate", f.toString(), "--format", "fhir"));
                }
            }
        }
        try (Stream<Path> files = Files.list(ROOT.resolve("examples/fhir"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                RECORDS.put(f.getFileName().toString(), Files.readString(f));
                OUTPUTS.put("GuidanceResponse of " + f.getFileName(),
                        run("evaluate", f.toString(), "--date", DATE, "--format", "fhir"));
                OUTPUTS.put("pre-filled intake of " + f.getFileName(),
                        run("questionnaire", "--prefill", f.toString(), "--date", DATE));
            }
        }
        List<String> lines = Files.readAllLines(ROOT.resolve("examples/cases-10k.ndjson")).subList(0, CASES);
        for (int i = 0; i < lines.size(); i++) {
            Path c = work.resolve("case-" + (i + 1) + ".json");
            Files.writeString(c, lines.get(i));
            OUTPUTS.put("GuidanceResponse of cases-10k line " + (i + 1), run("evaluate", c.toString(), "--format", "fhir"));
        }
    }

    /**
     * The intake Questionnaire by its canonical URL, with or without {@code |version}: a
     * QuestionnaireResponse names it as {@code url|version}, which the pre-populated support does not
     * look up, and an unresolved Questionnaire is only a warning (its answers go unchecked).
     */
    private static IValidationSupport questionnaires(Questionnaire q) {
        return new IValidationSupport() {
            @Override
            public FhirContext getFhirContext() {
                return ctx;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T extends IBaseResource> T fetchResource(Class<T> type, String uri) {
                boolean named = uri != null && (uri.equals(q.getUrl()) || uri.equals(q.getUrl() + "|" + q.getVersion()));
                return named && (type == null || type.isInstance(q)) ? (T) q : null;
            }
        };
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The packaged command line's standard output; it must exit 0. */
    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-Duser.language=tr", "-Duser.country=TR", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", args)).isZero();
        return out;
    }

    private static List<String> errors(String json) {
        List<String> errors = new ArrayList<>();
        for (SingleValidationMessage m : validator.validateWithResult(json).getMessages()) {
            if (m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                errors.add(m.getLocationString() + ": " + m.getMessage());
            }
        }
        return errors;
    }

    @Test
    void everyOutputHasNoError() {
        assertThat(OUTPUTS).hasSizeGreaterThan(CASES + 8);
        Map<String, List<String>> found = new LinkedHashMap<>();
        OUTPUTS.forEach((what, json) -> {
            List<String> e = errors(json);
            if (!e.isEmpty()) {
                found.put(what, e);
            }
        });
        assertThat(found).as("errors of the HL7 validator").isEmpty();
        // a pre-filled intake is checked against the Questionnaire it names (unresolved would be a warning only)
        OUTPUTS.forEach((what, json) -> {
            if (what.startsWith("pre-filled")) {
                assertThat(validator.validateWithResult(json).getMessages()).extracting(SingleValidationMessage::getMessage)
                        .as(what).noneMatch(m -> m.contains("could not be resolved"));
            }
        });
        // the cases cover what a GuidanceResponse can say: every status, with missing facts
        String all = String.join("\n", OUTPUTS.values());
        assertThat(all).contains("\"data-required\"").contains("\"success\"")
                .contains("http://zorgregels.nl/fhir/StructureDefinition/input-path");
    }

    @Test
    void theConformanceResourcesHaveNoError() {
        for (String json : CONFORMANCE) {
            IBaseResource r = ctx.newJsonParser().parseResource(json);
            List<String> e = errors(json);
            if (r.fhirType().equals("StructureDefinition")) {
                // a differential-only definition: the validator's snapshot of it needs the core package's id,
                // which the offline support does not carry; the definition itself is used above (input-path)
                e.removeIf(m -> m.contains("Unable to resolve package id hl7.fhir.r4.core"));
            }
            assertThat(e).as(r.fhirType() + "/" + r.getIdElement().getIdPart()).isEmpty();
        }
    }

    @Test
    void theExampleRecordsHaveNoErrorButTheNlCoreProfilesNotLoadedOffline() {
        assertThat(RECORDS).isNotEmpty();
        RECORDS.forEach((name, json) -> {
            List<String> e = errors(json);
            e.removeIf(m -> NL_CORE_PROFILE.matcher(m).find());
            assertThat(e).as(name).isEmpty();
        });
    }

    @Test
    void theValidatorFindsTheErrorsTheIssueMeasured() {
        // an extension nobody defines (what the issue found in every GuidanceResponse with missing facts)
        String response = OUTPUTS.values().stream().filter(j -> j.contains("input-path")).findFirst().orElseThrow()
                .replace("http://zorgregels.nl/fhir/StructureDefinition/input-path",
                        "http://zorgregels.nl/fhir/StructureDefinition/undefined-path");
        assertThat(errors(response)).anyMatch(m -> m.contains("undefined-path"));
        // an answer of the wrong type for its item (a Bell score given as text)
        String prefilled = OUTPUTS.entrySet().stream().filter(e -> e.getKey().startsWith("pre-filled"))
                .map(Map.Entry::getValue).filter(j -> j.contains("\"valueInteger\"")).findFirst().orElseThrow()
                .replaceFirst("\"valueInteger\"\\s*:\\s*(\\d+)", "\"valueString\": \"$1\"");
        assertThat(errors(prefilled)).isNotEmpty();
    }
}
