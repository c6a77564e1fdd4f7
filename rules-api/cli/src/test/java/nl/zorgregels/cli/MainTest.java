package nl.zorgregels.cli;

import static nl.zorgregels.cli.CliCall.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import nl.zorgregels.cli.CliCall.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line as a user meets it: exit codes, output, and errors naming the field. */
class MainTest {

    private static final String VALID = """
            {"assessmentDate":"2026-11-23",
             "patient":{"birthDate":"1980-04-02","dutchGeneralPractitioner":true,"dutchHealthInsurance":true},
             "postCovid":{"complaintsAttributedToCovid":true,"otherCausesInvestigated":true,
                          "complaintOnsetDate":"2025-01-10","bellScore":50,
                          "complaintsFromPreExistingDisease":false,"treatmentPathway":"COMPLETED"}}
            """;



    @Test
    void evaluatesACaseFromStandardInputAsJson() {
        Result r = run(VALID, "evaluate", "-");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("\"outcome\": \"ELIGIBLE\"").contains("\"checksum\": \"sha256:");
    }

    @Test
    void evaluatesACaseFileAsADutchAndAnEnglishReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("case.json");
        Files.writeString(file, VALID);
        Result nl = run("", "evaluate", file.toString(), "--format", "text", "--lang", "nl");
        Result en = run("", "evaluate", file.toString(), "--format", "text", "--lang", "en");
        assertThat(nl.code()).isZero();
        assertThat(nl.out()).contains("KOMT IN AANMERKING").contains("Bell CFIDS-score 50 is 60 of lager");
        assertThat(en.code()).isZero();
        assertThat(en.out()).contains("ELIGIBLE for referral").contains("Bell CFIDS score 50 is 60 or lower");
    }

    @Test
    void aNotEligibleDecisionStillExitsZero() {
        Result r = run(VALID.replace("\"bellScore\":50", "\"bellScore\":70"), "evaluate", "-");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"outcome\": \"NOT_ELIGIBLE\"");
    }

    /** Every input rule of CONTRACT.md section 4: exit code 2, the field path and the rule on stderr, no stack trace. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON                 | {"assessmentDate": "2026-11-23",                          | $                             | malformed JSON
            unknown field (typo)           | <pc>"belScore":50}}                                       | postCovid.belScore            | bellScore
            unknown enum value             | <pc>"treatmentPathway":"DONE"}}                           | postCovid.treatmentPathway    | COMPLETED
            unknown otherPais value        | <pc>"otherPais":["LYME","FLU"]}}                           | postCovid.otherPais[1]        | ME_CVS
            missing assessmentDate         | {"patient":{"birthDate":"1980-04-02"}}                     | assessmentDate                | required
            missing birthDate              | {"assessmentDate":"2026-11-23","patient":{}}               | patient.birthDate             | required
            birthDate after assessment     | {"assessmentDate":"2026-11-23","patient":{"birthDate":"2026-11-24"}} | patient.birthDate   | after
            age over 130                   | {"assessmentDate":"2026-11-23","patient":{"birthDate":"1890-01-01"}} | patient.birthDate   | 130
            Bell score not a multiple of 10| <pc>"bellScore":55}}                                      | postCovid.bellScore           | 0, 10, 20
            Bell score above 100           | <pc>"bellScore":110}}                                     | postCovid.bellScore           | 0, 10, 20
            Bell score below 0             | <pc>"bellScore":-10}}                                     | postCovid.bellScore           | 0, 10, 20
            onset after assessment         | <pc>"complaintOnsetDate":"2026-12-01"}}                   | postCovid.complaintOnsetDate  | after
            onset before birth             | <pc>"complaintOnsetDate":"1970-01-01"}}                   | postCovid.complaintOnsetDate  | before
            not a date                     | <pc>"complaintOnsetDate":"2026-02-30"}}                   | postCovid.complaintOnsetDate  | YYYY-MM-DD
            boolean as string              | <pc>"complaintsAttributedToCovid":"true"}}                | postCovid.complaintsAttributedToCovid | boolean
            """)
    void refusesInvalidInputNamingTheField(String rule, String json, String field, String ruleText) {
        String input = json.replace("<pc>", "{\"assessmentDate\":\"2026-11-23\",\"patient\":{\"birthDate\":\"1980-04-02\"},\"postCovid\":{");
        Result r = run(input, "evaluate", "-");
        assertThat(r.code()).as(rule).isEqualTo(2);
        assertThat(r.out()).as(rule).isEmpty();
        assertThat(r.err()).as(rule).contains("invalid input: " + field + ":").containsIgnoringCase(ruleText)
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void theAlkReportGroupsPrimaryThenLighterOptionsWithReferralAndReimbursement() {
        String alk = """
                {"assessmentDate":"2026-11-23","patient":{"birthDate":"%s"},
                 "alk":{"complaintOnsetDate":"2026-05-01","limitsFunctioningOrCausesSuffering":true,
                        "complaintPattern":"MULTIPLE","functionalLimitation":"LIGHT"}}
                """;
        Result adult = run(alk.formatted("1985-03-14"), "evaluate", "-", "--format", "text", "--lang", "en");
        Result child = run(alk.formatted("2012-03-14"), "evaluate", "-", "--format", "text", "--lang", "en");
        for (Result r : new Result[] {adult, child}) {
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("the card APPLIES").contains("Severity: moderate");
            assertThat(r.out().indexOf("Treatment options at this severity"))
                    .isPositive().isLessThan(r.out().indexOf("Lighter options (still available)"));
            assertThat(r.out()).contains("referral: ").contains("reimbursement: ");
        }
        assertThat(child.out()).contains("youth doctor");
        assertThat(adult.out()).doesNotContain("youth doctor").doesNotContain("Youth Act");
    }

    @Test
    void aMissingFileIsAUsageError() {
        Result r = run("", "evaluate", "/no/such/case.json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageError() {
        assertThat(run("", "decide", "x.json").code()).isEqualTo(2);
        Result r = run("", "evaluate", "-", "--colour", "red");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option --colour");
        assertThat(run("", "evaluate", "-", "--lang", "de").err()).contains("--lang must be one of nl, en but was de");
    }

    @Test
    void tooLargeInputIsRefused() {
        String huge = "{\"assessmentDate\":\"2026-11-23\",\"x\":\"" + "a".repeat(Main.MAX_INPUT_BYTES) + "\"}";
        Result r = run(huge, "evaluate", "-");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("larger than");
    }

    private static final String KB_SOURCES = Path.of("..", "..", "rules-kb", "src", "main", "resources").toString();

    @Test
    void checkKbAcceptsThePackagedSourcesAndEvaluateCanUseThem() {
        Result check = run("", "check-kb", KB_SOURCES);
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).startsWith("ok: ").contains("sha256:");
        Result r = run(VALID, "evaluate", "-", "--kb", KB_SOURCES);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"outcome\": \"ELIGIBLE\"").contains("\"version\": \"local:");
    }

    @Test
    void aBrokenKnowledgeBaseExitsTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path drl = dir.resolve("broken.drl");
        Files.writeString(drl, "package nl.zorgregels.kb;\n\nrule \"X\"\n  @id(\"PC-A1\") @source(\"000_b510353f4949bed4.txt — x\")\nwhen\n  Foo(\nthen\nend\n");
        Files.writeString(dir.resolve("messages_nl.properties"), "");
        Files.writeString(dir.resolve("messages_en.properties"), "");
        for (Result r : new Result[] {run("", "check-kb", dir.toString()), run(VALID, "evaluate", "-", "--kb", dir.toString())}) {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("knowledge base unusable").contains(drl + ":").doesNotContain("\tat ");
        }
    }

    @Test
    void helpPrintsUsage() {
        Result r = run("", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: zorgregels evaluate");
    }

    private static final String GP_CASE = """
            {"assessmentDate":"2026-11-23","patient":{"birthDate":"1980-04-02","umcRegion":"%s",
              "dutchGeneralPractitioner":true,"dutchHealthInsurance":true},
             "postCovid":{"complaintsAttributedToCovid":true,"otherCausesInvestigated":true,
              "complaintOnsetDate":"%s","bellScore":%d,"complaintsFromPreExistingDisease":false,
              "treatmentPathway":"COMPLETED"}}
            """;

    /** CONTRACT.md §9 text report: deciding criteria, what to do next, the rest, footnotes, KB last; dd-mm-jjjj; Bell level. */
    @Test
    void theTextReportPutsTheDecidingCriteriaAndWhatToDoNextFirst() {
        Result r = run(GP_CASE.formatted("UMCG", "2026-01-10", 50), "evaluate", "-", "--format", "text");
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("beoordeling op 23-11-2026").contains("Opnieuw beoordelen vanaf 10-01-2027")
                .doesNotContain("2026-11-23").contains("Bell CFIDS 50: matige klachten in rust");
        assertThat(out.indexOf("Doorslaggevend")).isPositive().isLessThan(out.indexOf("[-] PC-A2"));
        assertThat(out.indexOf("[-] PC-A2")).isLessThan(out.indexOf("Wat te doen"));
        assertThat(out.indexOf("Wat te doen")).isLessThan(out.indexOf("Overige criteria"));
        assertThat(out.indexOf("Overige criteria")).isLessThan(out.indexOf("Bronnen:"));
        assertThat(out.indexOf("Bronnen:")).isLessThan(out.indexOf("Kennisbank "));
        assertThat(out).contains("  [1] 000_b510353f4949bed4.txt — ");
        Result eligible = run(GP_CASE.formatted("AMSTERDAM_UMC", "2025-01-10", 50), "evaluate", "-",
                "--format", "text", "--lang", "en");
        assertThat(eligible.out()).contains("place if allotted — Amsterdam UMC").doesNotContain("— AMSTERDAM_UMC")
                .contains("assessment on 2026-11-23");
    }

    /** The letter says only what the decision supports: lottery and e-mail when eligible, second opinion when not (more in LetterReportTest). */
    @Test
    void theLetterSaysWhatTheDecisionMeansForThePatient() {
        Result eligible = run(GP_CASE.formatted("UMCG", "2025-01-10", 50), "evaluate", "-", "--format", "letter");
        assertThat(eligible.code()).as(eligible.err()).isZero();
        assertThat(eligible.out()).startsWith("CONCEPT — door de huisarts na te lezen").contains("loting")
                .contains("ZorgDomein").contains("ongewenste e-mail").contains("definitieve verwijzing")
                .contains("eigen risico").contains("UMCG").contains("helpdesk@postcovidexpertisecentra.nl")
                .doesNotContain("second opinion").doesNotContain("sha256");
        Result notYet = run(GP_CASE.formatted("UMCG", "2026-01-10", 50), "evaluate", "-", "--format", "letter",
                "--lang", "en");
        assertThat(notYet.out()).contains("not possible").contains("from 10 January 2027").contains("second opinion")
                .doesNotContain("lottery").doesNotContain("ZorgDomein").doesNotContain("deductible");
        Result open = run(GP_CASE.formatted("UMCG", "2025-01-10", 50).replace("\"bellScore\":50,", ""), "evaluate", "-",
                "--format", "letter", "--lang", "en");
        assertThat(open.out()).contains("how much the symptoms limit you in daily life").doesNotContain("lottery")
                .doesNotContain("deductible").doesNotContain("second opinion").doesNotContain("Bell");
        Result bell70 = run(GP_CASE.formatted("UMCG", "2025-01-10", 70), "evaluate", "-", "--format", "letter");
        assertThat(bell70.out()).contains("second opinion").doesNotContain("nieuwe afspraak");
    }

    /** The referral summary (--format referral): only for ELIGIBLE, every criterion met with its message, the KB; else exit 3, one line. */
    @Test
    void theReferralSummaryIsGivenOnlyWhenEligible() {
        Result eligible = run(GP_CASE.formatted("UMCG", "2025-01-10", 50), "evaluate", "-", "--format", "referral");
        assertThat(eligible.code()).as(eligible.err()).isZero();
        Result json = run(GP_CASE.formatted("UMCG", "2025-01-10", 50), "evaluate", "-");
        com.fasterxml.jackson.databind.JsonNode decision;
        try {
            decision = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(eligible.out()).startsWith("Verwijzing post-COVID-expertisecentrum — samenvatting\n")
                .contains("Beoordeeld op: 23-11-2026").contains("komt in aanmerking voor verwijzing (volwassene)")
                .contains("UMCG").contains(decision.path("knowledgeBase").path("checksum").asText());
        for (com.fasterxml.jackson.databind.JsonNode c : decision.path("postCovid").path("criteria")) {
            assertThat(c.path("status").asText()).isEqualTo("MET");
            assertThat(eligible.out()).contains("- " + c.path("id").asText() + ": " + c.path("message").path("nl").asText() + "\n");
        }
        Result english = run(GP_CASE.formatted("UMCG", "2025-01-10", 50), "evaluate", "-", "--format", "referral", "--lang", "en");
        assertThat(english.out()).startsWith("Referral to a post-COVID expertise centre — summary\n").contains("Assessed on: 2026-11-23");
        Result notEligible = run(GP_CASE.formatted("UMCG", "2025-01-10", 70), "evaluate", "-", "--format", "referral");
        assertThat(notEligible.code()).isEqualTo(Main.LETTER_WITHHELD);
        assertThat(notEligible.out()).isEmpty();
        assertThat(notEligible.err().strip()).doesNotContain("\n").contains("NOT_ELIGIBLE").startsWith("zorgregels: Geen verwijzingssamenvatting");
        Result open = run(GP_CASE.formatted("UMCG", "2025-01-10", 50).replace("\"bellScore\":50,", ""), "evaluate", "-",
                "--format", "referral", "--lang", "en");
        assertThat(open.code()).isEqualTo(Main.LETTER_WITHHELD);
        assertThat(open.err()).contains("INSUFFICIENT_DATA");
    }
}
