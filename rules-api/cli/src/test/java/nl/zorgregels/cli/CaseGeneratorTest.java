package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.cli.CliCall.Result;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Decision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic case generator: reproducible to the byte, every line valid input, and varied
 * enough to exercise every rule. The surefire run uses an unusual locale and time zone on purpose.
 */
class CaseGeneratorTest {
    /** The shipped set: {@code generate-cases --seed 42 --count 10000}. */
    static final Path SHIPPED = Path.of("..", "..", "examples", "cases-10k.ndjson");
    static final long SHIPPED_SEED = 42;
    static final int SHIPPED_COUNT = 10_000;

    private static List<String> shipped;

    @BeforeAll
    static void readShipped() throws Exception {
        shipped = Files.readAllLines(SHIPPED, StandardCharsets.UTF_8);
    }

    private static String generate(long seed, int count) throws Exception {
        StringWriter w = new StringWriter();
        CaseGenerator.generate(seed, count, w);
        return w.toString();
    }

    @Test
    void theShippedSetIsExactlyWhatSeed42Regenerates() throws Exception {
        byte[] regenerated = generate(SHIPPED_SEED, SHIPPED_COUNT).getBytes(StandardCharsets.UTF_8);
        assertThat(regenerated).as("regenerate with: generate-cases --seed 42 --count 10000 examples/cases-10k.ndjson")
                .isEqualTo(Files.readAllBytes(SHIPPED));
        assertThat(shipped).hasSize(SHIPPED_COUNT);
    }

    @Test
    void theSameSeedGivesTheSameCasesAndALongerRunStartsWithAShorterOne() throws Exception {
        String a = generate(7, 500);
        assertThat(generate(7, 500)).isEqualTo(a);
        assertThat(generate(7, 800)).startsWith(a);
        assertThat(generate(8, 500)).isNotEqualTo(a);
        assertThat(a.lines().distinct().count()).as("no repeated cases").isEqualTo(500);
    }

    @Test
    void everyShippedLineIsAValidAssessment() {
        for (int i = 0; i < shipped.size(); i++) {
            String line = shipped.get(i);
            Assessment a = DecisionJson.readAssessment(line);
            assertThat(a.postCovid() != null || a.alk() != null).as("line %d has a section", i + 1).isTrue();
        }
    }

    /** The facts the rules look at, counted from the JSON text itself (not through the model). */
    @Test
    void theShippedSetCoversEveryValueTheRulesLookAt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> seen = new HashSet<>();
        int both = 0;
        int postCovidOnly = 0;
        int alkOnly = 0;
        List<LocalDate> openings = List.of(LocalDate.parse("2025-02-01"), LocalDate.parse("2025-05-01"),
                LocalDate.parse("2025-06-01"), LocalDate.parse("2025-07-01"), LocalDate.parse("2025-09-01"));
        for (String line : shipped) {
            JsonNode c = json.readTree(line);
            LocalDate date = LocalDate.parse(c.get("assessmentDate").asText());
            LocalDate birth = LocalDate.parse(c.at("/patient/birthDate").asText());
            String group = ChronoUnit.YEARS.between(birth, date) >= 18 ? "adult" : "child";
            for (LocalDate opening : openings) {
                if (date.equals(opening)) {
                    seen.add("on " + opening);
                } else if (date.equals(opening.minusDays(1))) {
                    seen.add("day before " + opening);
                }
            }
            if (date.minusYears(18).equals(birth)) {
                seen.add("18th birthday");
            } else if (date.minusYears(18).plusDays(1).equals(birth)) {
                seen.add("day before 18th birthday");
            }
            seen.add("umcRegion " + c.at("/patient/umcRegion").asText("absent"));
            seen.add("dutchGeneralPractitioner " + c.at("/patient/dutchGeneralPractitioner").asText("absent"));
            seen.add("dutchHealthInsurance " + c.at("/patient/dutchHealthInsurance").asText("absent"));
            JsonNode pc = c.get("postCovid");
            JsonNode alk = c.get("alk");
            if (pc != null && alk != null) {
                both++;
            } else if (pc != null) {
                postCovidOnly++;
            } else {
                alkOnly++;
            }
            if (pc != null) {
                for (String f : List.of("complaintsAttributedToCovid", "otherCausesInvestigated", "positiveTest",
                        "reducedFunctioning", "complaintsFromPreExistingDisease")) {
                    seen.add(group + " " + f + " " + pc.path(f).asText("absent"));
                }
                seen.add(group + " bell " + pc.path("bellScore").asText("absent"));
                seen.add("treatmentPathway " + pc.path("treatmentPathway").asText("absent"));
                if (pc.has("otherPais")) {
                    seen.add(pc.get("otherPais").isEmpty() ? "otherPais empty" : "otherPais non-empty");
                    pc.get("otherPais").forEach(p -> seen.add("otherPais " + p.asText()));
                } else {
                    seen.add("otherPais absent");
                }
                seen.add(group + " currentCentre " + pc.path("currentCentre").asText("absent"));
                if (pc.has("complaintOnsetDate")) {
                    LocalDate onset = LocalDate.parse(pc.get("complaintOnsetDate").asText());
                    LocalDate reached = onset.plus(group.equals("adult") ? Period.ofYears(1) : Period.ofMonths(6));
                    if (reached.equals(date)) {
                        seen.add(group + " onset exactly the minimum");
                    } else if (reached.equals(date.plusDays(1))) {
                        seen.add(group + " onset one day short");
                    }
                } else {
                    seen.add(group + " onset absent");
                }
            }
            if (alk != null) {
                seen.add(group + " alk");
                seen.add("complaintPattern " + alk.path("complaintPattern").asText("absent"));
                seen.add("functionalLimitation " + alk.path("functionalLimitation").asText("absent"));
                for (String f : List.of("limitsFunctioningOrCausesSuffering", "previousGgzTreatmentWithoutEffect",
                        "comorbidityToAccountFor", "meCvsOrPem")) {
                    seen.add("alk " + f + " " + alk.path(f).asText("absent"));
                }
                if (alk.has("complaintOnsetDate")) {
                    LocalDate reached = LocalDate.parse(alk.get("complaintOnsetDate").asText()).plusMonths(3);
                    if (reached.equals(date)) {
                        seen.add("alk onset exactly three months");
                    } else if (reached.equals(date.plusDays(1))) {
                        seen.add("alk onset one day short");
                    }
                } else {
                    seen.add("alk onset absent");
                }
            }
        }
        Set<String> expected = new TreeSet<>();
        for (LocalDate opening : openings) {
            expected.add("on " + opening);
            expected.add("day before " + opening);
        }
        expected.addAll(List.of("18th birthday", "day before 18th birthday", "umcRegion absent",
                "otherPais absent", "otherPais empty", "otherPais non-empty", "treatmentPathway absent",
                "alk onset exactly three months", "alk onset one day short", "alk onset absent",
                "complaintPattern absent", "functionalLimitation absent", "adult alk", "child alk"));
        for (String r : List.of("AMSTERDAM_UMC", "ERASMUS_MC", "LUMC", "MAASTRICHT_UMC", "RADBOUDUMC", "UMCG", "UMC_UTRECHT")) {
            expected.add("umcRegion " + r);
            expected.add("adult currentCentre " + r);
        }
        for (String r : List.of("AMSTERDAM_UMC", "MAASTRICHT_UMC", "UMC_UTRECHT", "absent")) {
            expected.add("child currentCentre " + r);
        }
        for (String v : List.of("true", "false", "absent")) {
            expected.add("dutchGeneralPractitioner " + v);
            expected.add("dutchHealthInsurance " + v);
            for (String group : List.of("adult", "child")) {
                for (String f : List.of("complaintsAttributedToCovid", "otherCausesInvestigated", "positiveTest",
                        "reducedFunctioning", "complaintsFromPreExistingDisease")) {
                    expected.add(group + " " + f + " " + v);
                }
            }
            for (String f : List.of("limitsFunctioningOrCausesSuffering", "previousGgzTreatmentWithoutEffect",
                    "comorbidityToAccountFor", "meCvsOrPem")) {
                expected.add("alk " + f + " " + v);
            }
        }
        for (String group : List.of("adult", "child")) {
            for (int bell = 0; bell <= 100; bell += 10) {
                expected.add(group + " bell " + bell);
            }
            expected.addAll(List.of(group + " bell absent", group + " onset exactly the minimum",
                    group + " onset one day short", group + " onset absent"));
        }
        for (String p : List.of("COMPLETED", "NOT_POSSIBLE_DUE_TO_SEVERITY", "IN_PROGRESS", "NONE")) {
            expected.add("treatmentPathway " + p);
        }
        for (String p : List.of("ME_CVS", "LYME", "Q_FEVER", "POST_SEPSIS")) {
            expected.add("otherPais " + p);
        }
        for (String p : List.of("ONE_OR_FEW", "MULTIPLE", "SEVERE")) {
            expected.add("complaintPattern " + p);
        }
        for (String p : List.of("LIGHT", "MODERATE", "SEVERE")) {
            expected.add("functionalLimitation " + p);
        }
        assertThat(seen).containsAll(expected);
        assertThat(postCovidOnly).as("post-COVID only").isBetween(4000, 5000);
        assertThat(alkOnly).as("ALK only").isBetween(2500, 3500);
        assertThat(both).as("both sections").isBetween(2000, 3000);
    }

    /** Decided by the packaged knowledge base, the first 2,000 cases reach every outcome and centre rule. */
    @Test
    void theDecisionsReachEveryOutcomeSeverityAndCentreRule() {
        ZorgregelsEngine engine = ZorgregelsEngine.packaged();
        Set<String> seen = new TreeSet<>();
        for (String line : shipped.subList(0, 2000)) {
            Decision d = engine.evaluate(DecisionJson.readAssessment(line));
            if (d.postCovid() != null) {
                String group = d.postCovid().ageGroup().name();
                seen.add(group + " " + d.postCovid().outcome());
                if (d.postCovid().centre() != null) {
                    seen.add("centre " + d.postCovid().centre().status() + " " + d.postCovid().centre().ruleId());
                }
            }
            if (d.alk() != null) {
                seen.add("alk " + d.alk().outcome() + " " + d.alk().severity());
                if (!d.alk().warnings().isEmpty()) {
                    seen.add("alk warning");
                }
            }
        }
        assertThat(seen).contains("ADULT ELIGIBLE", "ADULT NOT_ELIGIBLE", "ADULT INSUFFICIENT_DATA",
                "CHILD ELIGIBLE", "CHILD NOT_ELIGIBLE", "CHILD INSUFFICIENT_DATA",
                "centre OFFERED PC-R1", "centre NONE_YET PC-R1", "centre OFFERED PC-R3", "centre OFFERED PC-R4",
                "centre NONE_YET PC-R5", "centre OFFERED PC-R6", "centre UNKNOWN PC-R3",
                "alk APPLICABLE MILD", "alk APPLICABLE MODERATE", "alk APPLICABLE SEVERE", "alk APPLICABLE UNKNOWN",
                "alk NOT_APPLICABLE null", "alk INSUFFICIENT_DATA MILD", "alk warning");
    }


    private static Result run(String... args) {
        return CliCall.run("", args);
    }

    @Test
    void theCommandWritesToStandardOutputOrAFile(@TempDir Path dir) throws Exception {
        Result stdout = run("generate-cases", "--seed", "42", "--count", "25", "-");
        assertThat(stdout.code()).as(stdout.err()).isZero();
        assertThat(stdout.out()).isEqualTo(String.join("\n", shipped.subList(0, 25)) + "\n");
        Path file = dir.resolve("cases.ndjson");
        Result toFile = run("generate-cases", "--count", "25", "--seed", "42", file.toString());
        assertThat(toFile.code()).as(toFile.err()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(toFile.err()).contains("wrote 25 cases (seed 42)");
        assertThat(Files.readString(file)).isEqualTo(stdout.out());
        assertThat(run("generate-cases", "--seed", "-3", "--count", "0").out()).isEmpty();
    }

    @Test
    void badArgumentsExitTwo(@TempDir Path dir) {
        assertThat(run("generate-cases", "--count", "5").err()).contains("needs --seed and --count");
        assertThat(run("generate-cases", "--seed", "x", "--count", "5").err()).contains("--seed must be a whole number but was x");
        assertThat(run("generate-cases", "--seed", "1", "--count", "-1").err()).contains("--count must be between 0 and");
        assertThat(run("generate-cases", "--seed", "1", "--count", "1", "--kb", "x").err()).contains("unknown option --kb");
        Result unwritable = run("generate-cases", "--seed", "1", "--count", "1", dir.resolve("no/such/dir/x.ndjson").toString());
        assertThat(unwritable.code()).isEqualTo(2);
        assertThat(unwritable.err()).contains("cannot write");
        for (Result r : List.of(run("generate-cases", "--count", "5"), run("generate-cases", "--seed", "1", "--count", "5", "a", "b"))) {
            assertThat(r.code()).isEqualTo(2);
        }
    }
}
