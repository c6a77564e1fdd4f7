package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import nl.zorgregels.cli.scenario.AlkExpectation;
import nl.zorgregels.cli.scenario.Expectation;
import nl.zorgregels.cli.scenario.LetterExpectation;
import nl.zorgregels.cli.scenario.OutputExpectation;
import nl.zorgregels.cli.scenario.ScenarioChecks;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.cli.scenario.ScenarioFile;
import nl.zorgregels.cli.scenario.ScenarioFormatException;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.AlkSeverity;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario reader itself: author typos fail loudly, and {@code with} merges as documented. */
class ScenarioFormatTest {
    private static final String GIVEN = """
            title: t
            given:
              assessmentDate: "2026-11-23"
              patient: { birthDate: "1980-04-02", dutchGeneralPractitioner: true }
              postCovid: { bellScore: 50, otherPais: [LYME] }
            scenarios:
            """;

    @TempDir
    Path dir;

    private ScenarioFile load(String scenarios) throws IOException {
        Path file = dir.resolve("topic.yaml");
        Files.writeString(file, GIVEN + scenarios, StandardCharsets.UTF_8);
        return ScenarioLoader.load(dir, file);
    }

    @Test
    void aValidFileReads() throws IOException {
        ScenarioFile file = load("""
                  - name: a-case
                    with: { postCovid: { bellScore: 70 } }
                    expect: { postCovid: { outcome: NOT_ELIGIBLE, criteria: { PC-A3: NOT_MET, PC-X2: { status: UNKNOWN, missingFacts: [patient.dutchHealthInsurance] } }, otherCriteria: MET, missingFacts: [], notes: [] } }
                  - name: same-case
                    sameAs: a-case
                    expect: { postCovid: { absent: true } }
                """);
        assertThat(file.file()).isEqualTo("topic.yaml");
        assertThat(file.scenarios()).extracting(Scenario::name).containsExactly("a-case", "same-case");
        Expectation e = file.scenario("a-case").expect();
        assertThat(e.outcome()).isEqualTo(Outcome.NOT_ELIGIBLE);
        assertThat(e.criteria()).containsOnlyKeys("PC-A3", "PC-X2");
        assertThat(e.criteria().get("PC-X2").missingFacts()).containsExactly("patient.dutchHealthInsurance");
        assertThat(e.otherCriteria()).isEqualTo(CriterionStatus.MET);
        assertThat(file.scenario("same-case").expect().absent()).isTrue();
        assertThat(file.scenario("a-case").displayName()).isEqualTo("topic.yaml / a-case");
    }

    @Test
    void anUnknownKeyAnywhereFailsNamingTheFileAndPath() {
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcme: ELIGIBLE } }
                """)).isInstanceOf(ScenarioFormatException.class)
                .hasMessageContaining("topic.yaml").hasMessageContaining("scenarios[0].expect.postCovid.outcme")
                .hasMessageContaining("unknown key");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    wiht: { postCovid: { bellScore: 70 } }
                    expect: { postCovid: { outcome: ELIGIBLE } }
                """)).hasMessageContaining("scenarios[0].wiht");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, criteria: { PC-A3: { status: MET, mesage: x } } } }
                """)).hasMessageContaining("criteria.PC-A3.mesage");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE }, alc: {} }
                """)).hasMessageContaining("scenarios[0].expect.alc").hasMessageContaining("unknown key");
    }

    @Test
    void wrongValuesFail() {
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGABLE } }
                """)).hasMessageContaining("outcome").hasMessageContaining("ELIGIBLE, NOT_ELIGIBLE, INSUFFICIENT_DATA");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, criteria: { PC-A6: MET } } }
                """)).hasMessageContaining("PC-A6").hasMessageContaining("unknown criterion id");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, criteria: { PC-A3: met } } }
                """)).hasMessageContaining("criteria.PC-A3");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, missingFacts: postCovid.bellScore } }
                """)).hasMessageContaining("missingFacts").hasMessageContaining("must be a list");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { ageGroup: ADULT } }
                """)).hasMessageContaining("missing required key outcome");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { absent: true, outcome: ELIGIBLE } }
                """)).hasMessageContaining("absent");
        assertThatThrownBy(() -> load("""
                  - name: A Case
                    expect: { postCovid: null }
                """)).hasMessageContaining("lower-case");
    }

    @Test
    void duplicatesAndDanglingReferencesFail() {
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: null }
                  - name: a-case
                    expect: { postCovid: null }
                """)).hasMessageContaining("duplicate scenario name a-case");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, outcome: NOT_ELIGIBLE } }
                """)).hasMessageContaining("not valid YAML").hasMessageContaining("outcome");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    sameAs: b-case
                    expect: { postCovid: null }
                """)).hasMessageContaining("sameAs").hasMessageContaining("b-case");
    }

    @Test
    void withMergesDeeplyNullRemovesListsReplace() throws IOException {
        ObjectNode input = load("""
                  - name: a-case
                    with: { patient: { dutchGeneralPractitioner: null, dutchHealthInsurance: false }, postCovid: { otherPais: [] } }
                    expect: { postCovid: null }
                  - name: b-case
                    with: { postCovid: null }
                    expect: { postCovid: null }
                """).scenario("a-case").input();
        ObjectMapper json = new ObjectMapper();
        assertThat(input).isEqualTo(json.readTree("""
                { "assessmentDate": "2026-11-23",
                  "patient": { "birthDate": "1980-04-02", "dutchHealthInsurance": false },
                  "postCovid": { "bellScore": 50, "otherPais": [] } }
                """));
    }

    @Test
    void removingASectionLeavesNoKey() throws IOException {
        ObjectNode input = load("""
                  - name: b-case
                    with: { postCovid: null }
                    expect: { postCovid: null }
                """).scenario("b-case").input();
        assertThat(input.has("postCovid")).isFalse();
        assertThat(input.get("patient").get("birthDate").asText()).isEqualTo("1980-04-02");
    }

    @Test
    void aCentreBlockReads() throws IOException {
        ScenarioFile file = load("""
                  - name: full
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { status: OFFERED, centres: [AMSTERDAM_UMC, UMC_UTRECHT], ruleId: PC-R4, missingFacts: [], notes: [PC-R7], messageContains: ["2025-07-01"] } } }
                  - name: none-yet
                    expect: { postCovid: { outcome: INSUFFICIENT_DATA, centre: { status: NONE_YET, availableFrom: "2025-05-01" } } }
                  - name: unquoted-date
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { status: NONE_YET, availableFrom: 2025-02-01 } } }
                  - name: status-only
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { status: UNKNOWN } } }
                  - name: no-centre
                    expect: { postCovid: { outcome: NOT_ELIGIBLE, centre: null } }
                  - name: no-centre-absent
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { absent: true } } }
                  - name: not-checked
                    expect: { postCovid: { outcome: ELIGIBLE } }
                """);
        Expectation.CentreExpectation full = file.scenario("full").expect().centre();
        assertThat(full.absent()).isFalse();
        assertThat(full.status()).isEqualTo(CentreStatus.OFFERED);
        assertThat(full.centres()).containsExactly(Centre.AMSTERDAM_UMC, Centre.UMC_UTRECHT);
        assertThat(full.ruleId()).isEqualTo("PC-R4");
        assertThat(full.availableFrom()).isNull();
        assertThat(full.missingFacts()).isEmpty();
        assertThat(full.notes()).containsExactly("PC-R7");
        assertThat(full.messageContains()).containsExactly("2025-07-01");
        assertThat(file.scenario("none-yet").expect().centre().availableFrom()).isEqualTo(LocalDate.parse("2025-05-01"));
        assertThat(file.scenario("unquoted-date").expect().centre().availableFrom())
                .isEqualTo(LocalDate.parse("2025-02-01"));
        Expectation.CentreExpectation statusOnly = file.scenario("status-only").expect().centre();
        assertThat(statusOnly.status()).isEqualTo(CentreStatus.UNKNOWN);
        assertThat(List.of(statusOnly.centres() == null, statusOnly.ruleId() == null, statusOnly.missingFacts() == null,
                statusOnly.notes() == null, statusOnly.availableFrom() == null)).containsOnly(true);
        assertThat(statusOnly.messageContains()).isEmpty();
        assertThat(file.scenario("no-centre").expect().centre().absent()).isTrue();
        assertThat(file.scenario("no-centre-absent").expect().centre().absent()).isTrue();
        assertThat(file.scenario("not-checked").expect().centre()).isNull();
    }

    @Test
    void aWrongCentreBlockFails() {
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { status: OFFERED, center: [UMCG] } } }
                """)).hasMessageContaining("scenarios[0].expect.postCovid.centre.center").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { centres: [UMCG] } } }
                """)).hasMessageContaining("centre").hasMessageContaining("missing required key status");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { status: OFFERD } } }
                """)).hasMessageContaining("centre.status").hasMessageContaining("OFFERED, NONE_YET, UNKNOWN");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { status: OFFERED, centres: [UMC_GRONINGEN] } } }
                """)).hasMessageContaining("centre.centres[0]").hasMessageContaining("UMCG");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { status: OFFERED, centres: UMCG } } }
                """)).hasMessageContaining("centre.centres").hasMessageContaining("must be a list");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { status: NONE_YET, availableFrom: "2025-02-30" } } }
                """)).hasMessageContaining("centre.availableFrom").hasMessageContaining("must be a date");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { status: OFFERED, notes: PC-R7 } } }
                """)).hasMessageContaining("centre.notes").hasMessageContaining("must be a list");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, centre: OFFERED } }
                """)).hasMessageContaining("centre").hasMessageContaining("must be a mapping");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { absent: true, status: OFFERED } } }
                """)).hasMessageContaining("centre.absent");
    }

    @Test
    void aContradictoryCentreBlockFails() {
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: NOT_ELIGIBLE, centre: { status: OFFERED } } }
                """)).hasMessageContaining("centre").hasMessageContaining("write `centre: null`");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { status: OFFERED, availableFrom: "2025-05-01" } } }
                """)).hasMessageContaining("centre.availableFrom").hasMessageContaining("only a NONE_YET");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE, centre: { status: NONE_YET, centres: [UMCG] } } }
                """)).hasMessageContaining("centre.centres").hasMessageContaining("only an OFFERED");
    }

    // ---- expect.alk ----

    @Test
    void anAlkBlockReads() throws IOException {
        ScenarioFile file = load("""
                  - name: full
                    expect:
                      alk:
                        outcome: APPLICABLE
                        severity: MODERATE
                        criteria: { ALK-D1: MET }
                        missingFacts: []
                        options: [BASIS_GGZ, PIJNPOLI, MEDISCH_SPECIALIST]
                        primaryOptions: [BASIS_GGZ, MEDISCH_SPECIALIST]
                        optionCount: 3
                        warnings: [ALK-W1]
                        notes: [ALK-N1]
                        optionNotes: { HOOGSPECIALISTISCHE_GGZ: [ALK-H1] }
                        optionTextContains: { BASIS_GGZ: { nl: [jeugdarts], en: [youth doctor] }, FYSIOTHERAPIE: ["18"] }
                        optionTextExcludes: { BASIS_GGZ: [youth] }
                        sameOptionNotesAs: alk-only
                        otherOptionNotesThan: both
                  - name: alk-only
                    expect: { alk: { outcome: INSUFFICIENT_DATA, criteria: { ALK-D1: { status: UNKNOWN, missingFacts: [alk.complaintOnsetDate] } } } }
                  - name: not-applicable
                    expect: { alk: { outcome: NOT_APPLICABLE, severity: null } }
                  - name: both
                    expect: { postCovid: { outcome: ELIGIBLE }, alk: null }
                  - name: absent-long
                    expect: { postCovid: null, alk: { absent: true } }
                """);
        AlkExpectation full = file.scenario("full").alk();
        assertThat(full.absent()).isFalse();
        assertThat(full.outcome()).isEqualTo(AlkOutcome.APPLICABLE);
        assertThat(full.severity()).contains(AlkSeverity.MODERATE);
        assertThat(full.criteria().get("ALK-D1").status()).isEqualTo(CriterionStatus.MET);
        assertThat(full.missingFacts()).isEmpty();
        assertThat(full.options()).containsExactly("BASIS_GGZ", "PIJNPOLI", "MEDISCH_SPECIALIST");
        assertThat(full.primaryOptions()).containsExactly("BASIS_GGZ", "MEDISCH_SPECIALIST");
        assertThat(full.optionCount()).isEqualTo(3);
        assertThat(full.warnings()).containsExactly("ALK-W1");
        assertThat(full.notes()).containsExactly("ALK-N1");
        assertThat(full.optionNotes()).containsEntry("HOOGSPECIALISTISCHE_GGZ", List.of("ALK-H1"));
        assertThat(full.optionTextContains().get("BASIS_GGZ"))
                .isEqualTo(new AlkExpectation.Texts(List.of("jeugdarts"), List.of("youth doctor")));
        assertThat(full.optionTextContains().get("FYSIOTHERAPIE"))
                .isEqualTo(new AlkExpectation.Texts(List.of("18"), List.of("18")));
        assertThat(full.optionTextExcludes().get("BASIS_GGZ"))
                .isEqualTo(new AlkExpectation.Texts(List.of("youth"), List.of("youth")));
        assertThat(full.sameOptionNotesAs()).isEqualTo("alk-only");
        assertThat(full.otherOptionNotesThan()).isEqualTo("both");
        assertThat(file.scenario("full").expect()).as("postCovid not stated: not checked").isNull();

        AlkExpectation alkOnly = file.scenario("alk-only").alk();
        assertThat(alkOnly.severity()).as("not stated: not checked").isNull();
        assertThat(List.of(alkOnly.options() == null, alkOnly.primaryOptions() == null, alkOnly.optionCount() == null,
                alkOnly.warnings() == null, alkOnly.notes() == null, alkOnly.missingFacts() == null)).containsOnly(true);
        assertThat(alkOnly.criteria().get("ALK-D1").missingFacts()).containsExactly("alk.complaintOnsetDate");
        assertThat(file.scenario("not-applicable").alk().severity()).as("severity: null").isEmpty();
        assertThat(file.scenario("both").expect().outcome()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(file.scenario("both").alk().absent()).isTrue();
        assertThat(file.scenario("absent-long").alk().absent()).isTrue();
        assertThat(file.scenario("absent-long").expect().absent()).isTrue();
    }

    @Test
    void aPostCovidOnlyScenarioChecksNoAlk() throws IOException {
        Scenario s = load("""
                  - name: a-case
                    expect: { postCovid: { outcome: ELIGIBLE } }
                """).scenario("a-case");
        assertThat(s.expect()).isNotNull();
        assertThat(s.alk()).isNull();
        assertThat(s.safety()).as("not stated: not checked").isNull();
        assertThat(s.safetyContains()).isEmpty();
        assertThat(s.report()).isEmpty();
        assertThat(s.letter()).isNull();
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: {}
                """)).hasMessageContaining("scenarios[0].expect").hasMessageContaining("must name at least one of alk, letter, postCovid, report, safety, safetyContains");
    }

    @Test
    void aWrongAlkBlockFails() {
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, optionz: [] } }
                """)).hasMessageContaining("scenarios[0].expect.alk.optionz").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { severity: MILD } }
                """)).hasMessageContaining("expect.alk").hasMessageContaining("missing required key outcome");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: ELIGIBLE } }
                """)).hasMessageContaining("expect.alk.outcome")
                .hasMessageContaining("APPLICABLE, NOT_APPLICABLE, INSUFFICIENT_DATA");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, severity: MATIG } }
                """)).hasMessageContaining("expect.alk.severity").hasMessageContaining("MILD, MODERATE, SEVERE, UNKNOWN");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, criteria: { ALK-S1: MET } } }
                """)).hasMessageContaining("expect.alk.criteria.ALK-S1").hasMessageContaining("unknown criterion id");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, criteria: { PC-A3: MET } } }
                """)).hasMessageContaining("expect.alk.criteria.PC-A3").hasMessageContaining("[ALK-D1]");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, options: [BASIS_GGZ, FYSIO] } }
                """)).hasMessageContaining("expect.alk.options[1]").hasMessageContaining("unknown option id FYSIO")
                .hasMessageContaining("FYSIOTHERAPIE");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, options: [BASIS_GGZ, BASIS_GGZ] } }
                """)).hasMessageContaining("expect.alk.options").hasMessageContaining("twice");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, optionTextContains: { BASIS_GZ: [x] } } }
                """)).hasMessageContaining("expect.alk.optionTextContains.BASIS_GZ").hasMessageContaining("unknown option");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, optionTextExcludes: { BASIS_GGZ: { de: [x] } } } }
                """)).hasMessageContaining("expect.alk.optionTextExcludes.BASIS_GGZ.de").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, optionTextExcludes: { BASIS_GGZ: youth } } }
                """)).hasMessageContaining("expect.alk.optionTextExcludes.BASIS_GGZ").hasMessageContaining("mapping");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, optionNotes: { PIJN: [] } } }
                """)).hasMessageContaining("expect.alk.optionNotes.PIJN").hasMessageContaining("unknown option");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, warnings: [ALK-W2] } }
                """)).hasMessageContaining("expect.alk.warnings[0]").hasMessageContaining("ALK-W1");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, notes: [PC-N1] } }
                """)).hasMessageContaining("expect.alk.notes[0]").hasMessageContaining("ALK-N1");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, optionCount: "15" } }
                """)).hasMessageContaining("expect.alk.optionCount").hasMessageContaining("whole number");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { absent: true, outcome: APPLICABLE } }
                """)).hasMessageContaining("expect.alk.absent");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, sameOptionNotesAs: b-case } }
                """)).hasMessageContaining("scenarios[0].expect.alk.sameOptionNotesAs").hasMessageContaining("b-case");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, otherOptionNotesThan: a-case } }
                """)).hasMessageContaining("expect.alk.otherOptionNotesThan").hasMessageContaining("another scenario");
    }

    @Test
    void aContradictoryAlkBlockFails() {
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: NOT_APPLICABLE, severity: MILD } }
                """)).hasMessageContaining("expect.alk.severity").hasMessageContaining("write `severity: null`");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: INSUFFICIENT_DATA, severity: null } }
                """)).hasMessageContaining("expect.alk.severity").hasMessageContaining("only a NOT_APPLICABLE");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: NOT_APPLICABLE, options: [BASIS_GGZ] } }
                """)).hasMessageContaining("expect.alk").hasMessageContaining("only an APPLICABLE advice with a known");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, severity: UNKNOWN, optionCount: 11 } }
                """)).hasMessageContaining("severity UNKNOWN");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, options: [BASIS_GGZ], optionCount: 2 } }
                """)).hasMessageContaining("expect.alk.optionCount").hasMessageContaining("options lists 1");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: APPLICABLE, options: [BASIS_GGZ, PIJNPOLI], primaryOptions: [PIJNPOLI, BASIS_GGZ] } }
                """)).hasMessageContaining("expect.alk.primaryOptions").hasMessageContaining("subsequence");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: NOT_APPLICABLE, criteria: { ALK-D1: MET } } }
                """)).hasMessageContaining("expect.alk.criteria.ALK-D1").hasMessageContaining("APPLICABLE, not NOT_APPLICABLE");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { alk: { outcome: INSUFFICIENT_DATA, notes: [ALK-N1] } }
                """)).hasMessageContaining("expect.alk.notes").hasMessageContaining("only an APPLICABLE advice has ALK-N1");
    }

    @Test
    void safetyReportAndLetterBlocksRead() throws IOException {
        ScenarioFile file = load("""
                  - name: full
                    expect:
                      safety: [SAFE-DATA, SAFE-AGE]
                      safetyContains: { SAFE-DATA: ["100"], SAFE-AGE: { nl: ["18 jaar"], en: ["turns 18"] } }
                      report:
                        nl: { contains: ["LET OP — eerst lezen"], notContains: ["ATTENTION"] }
                        en: { contains: ["ATTENTION — read first"] }
                      letter:
                        exit: 3
                        nl: { contains: ["twijfel"] }
                        en: { notContains: ["Dear"] }
                  - name: none
                    expect: { safety: [], letter: { nl: { contains: ["Beste"] } } }
                  - name: exit-only
                    expect: { letter: { exit: 0 } }
                  - name: contains-without-list
                    expect: { safetyContains: { SAFE-MECVS: ["PEM"] } }
                """);
        Scenario full = file.scenario("full");
        assertThat(full.expect()).as("postCovid not stated").isNull();
        assertThat(full.safety()).containsExactly("SAFE-DATA", "SAFE-AGE");
        assertThat(full.safetyContains().get("SAFE-DATA"))
                .as("a plain list: both languages").isEqualTo(new AlkExpectation.Texts(List.of("100"), List.of("100")));
        assertThat(full.safetyContains().get("SAFE-AGE"))
                .isEqualTo(new AlkExpectation.Texts(List.of("18 jaar"), List.of("turns 18")));
        assertThat(full.report()).containsOnlyKeys("nl", "en");
        assertThat(full.report().get("nl"))
                .isEqualTo(new OutputExpectation(List.of("LET OP — eerst lezen"), List.of("ATTENTION")));
        assertThat(full.report().get("en")).isEqualTo(new OutputExpectation(List.of("ATTENTION — read first"), List.of()));
        assertThat(full.letter().exit()).isEqualTo(3);
        assertThat(full.letter().languages()).containsOnlyKeys("nl", "en");
        assertThat(full.letter().languages().get("en")).isEqualTo(new OutputExpectation(List.of(), List.of("Dear")));

        Scenario none = file.scenario("none");
        assertThat(none.safety()).as("[]: there must be no item").isEmpty();
        assertThat(none.letter().exit()).as("exit not stated: the letter is written").isZero();
        assertThat(none.report()).isEmpty();
        assertThat(file.scenario("exit-only").letter().languages()).isEmpty();
        assertThat(file.scenario("contains-without-list").safety()).isNull();
        assertThat(file.scenario("contains-without-list").safetyContains()).containsOnlyKeys("SAFE-MECVS");
    }

    @Test
    void aWrongSafetyReportOrLetterBlockFails() {
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { safety: [SAFE-MECV] }
                """)).hasMessageContaining("expect.safety[0]").hasMessageContaining("unknown id SAFE-MECV");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { safety: [SAFE-AGE, SAFE-AGE] }
                """)).hasMessageContaining("expect.safety").hasMessageContaining("twice");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { safety: SAFE-AGE }
                """)).hasMessageContaining("expect.safety").hasMessageContaining("must be a list");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { safety: [SAFE-AGE], safetyContains: { SAFE-DATA: ["x"] } }
                """)).hasMessageContaining("expect.safetyContains.SAFE-DATA").hasMessageContaining("leaves out");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { safetyContains: { SAFE-AGE: { de: ["x"] } } }
                """)).hasMessageContaining("expect.safetyContains.SAFE-AGE.de").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { report: { nl: { contain: ["x"] } } }
                """)).hasMessageContaining("expect.report.nl.contain").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { report: { fr: { contains: ["x"] } } }
                """)).hasMessageContaining("expect.report.fr").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { report: { nl: {} } }
                """)).hasMessageContaining("expect.report.nl").hasMessageContaining("contains, notContains or both");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { report: {} }
                """)).hasMessageContaining("expect.report").hasMessageContaining("name nl, en or both");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { letter: { exit: 2 } }
                """)).hasMessageContaining("expect.letter.exit").hasMessageContaining("must be 0").hasMessageContaining("or 3");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { letter: { exit: "3" } }
                """)).hasMessageContaining("expect.letter.exit");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { letter: { nl: { contains: "Beste" } } }
                """)).hasMessageContaining("expect.letter.nl.contains").hasMessageContaining("must be a list");
        assertThatThrownBy(() -> load("""
                  - name: a-case
                    expect: { letter: {} }
                """)).hasMessageContaining("expect.letter").hasMessageContaining("name nl, en, exit");
    }

    /** How {@code expect.letter} judges what the command line gave (exit 3: nothing on stdout, one stderr line). */
    @Test
    void theLetterCheckReadsTheExitCodeAndTheRightStream() {
        LetterExpectation written = new LetterExpectation(0,
                java.util.Map.of("nl", new OutputExpectation(List.of("Beste"), List.of("ZorgDomein"))));
        assertThat(letterProblems(written, new ScenarioChecks.Output(0, "Beste ouder,\n", ""))).isEmpty();
        assertThat(letterProblems(written, new ScenarioChecks.Output(0, "Beste ouder, ZorgDomein\n", "")))
                .singleElement().asString().contains("letter.nl.notContains").contains("ZorgDomein");
        assertThat(letterProblems(written, new ScenarioChecks.Output(3, "", "zorgregels: refused\n")))
                .singleElement().asString().contains("expected exit code 0 but was 3").contains("zorgregels: refused");

        LetterExpectation refused = new LetterExpectation(3,
                java.util.Map.of("nl", new OutputExpectation(List.of("SAFE-DATA"), List.of())));
        assertThat(letterProblems(refused, new ScenarioChecks.Output(3, "", "zorgregels: letter refused: SAFE-DATA\n"))).isEmpty();
        assertThat(letterProblems(refused, new ScenarioChecks.Output(3, "", "zorgregels: letter refused\n")))
                .singleElement().asString().contains("letter.nl (standard error).contains").contains("SAFE-DATA");
        assertThat(letterProblems(refused, new ScenarioChecks.Output(3, "Beste", "SAFE-DATA\n")))
                .singleElement().asString().contains("writes nothing on standard output");
        assertThat(letterProblems(refused, new ScenarioChecks.Output(3, "", "SAFE-DATA\nsecond line\n")))
                .singleElement().asString().contains("exactly one line on standard error");
        assertThat(letterProblems(refused, new ScenarioChecks.Output(0, "Beste ouder,\n", "")))
                .singleElement().asString().contains("expected exit code 3 but was 0");
    }

    private static List<String> letterProblems(LetterExpectation want, ScenarioChecks.Output result) {
        List<String> problems = new java.util.ArrayList<>();
        ScenarioChecks.letter(want, "nl", result, problems);
        return problems;
    }
}
