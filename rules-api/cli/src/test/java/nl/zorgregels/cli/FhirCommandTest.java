package nl.zorgregels.cli;

import static nl.zorgregels.cli.CliCall.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import nl.zorgregels.cli.CliCall.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line's FHIR side (CONTRACT.md section 8): {@code evaluate BUNDLE.json --date}, {@code --format
 * fhir}, {@code questionnaire}, and every refusal the issue names: exit 2, one line naming the
 * FHIR path and the rule, no stack trace.
 */
class FhirCommandTest {
    private static final Path EXAMPLE = Path.of("..", "..", "examples", "fhir", "adult-eligible-bundle.json");

    /** The §4 case the example Bundle is equivalent to (CONTRACT.md section 8's mapping, applied by hand). */
    private static final String EQUIVALENT = """
            {"assessmentDate":"2026-11-23",
             "patient":{"birthDate":"1980-04-02","umcRegion":"UMCG","dutchGeneralPractitioner":true,
                        "dutchHealthInsurance":true},
             "postCovid":{"complaintsAttributedToCovid":true,"otherCausesInvestigated":true,"positiveTest":false,
                          "complaintOnsetDate":"2025-01-10","bellScore":50,
                          "complaintsFromPreExistingDisease":false,"treatmentPathway":"COMPLETED"}}
            """;



    @Test
    void codesGivesADeployersTableThatIsReadWithTheKnowledgeBasesAndRefusedWithFileAndLine(@TempDir Path dir)
            throws java.io.IOException {
        // the example Bundle with its post-COVID Condition coded by a made-up local code (test data)
        String local = java.nio.file.Files.readString(EXAMPLE).replace(
                "\"system\": \"http://snomed.info/sct\", \"code\": \"1119304009\"",
                "\"system\": \"http://example.org/test/local\", \"code\": \"PC-TEST\"");
        assertThat(local).doesNotContain("1119304009");
        Path bundle = dir.resolve("local.json");
        java.nio.file.Files.writeString(bundle, local);
        Path table = dir.resolve("local-codes.csv");
        java.nio.file.Files.writeString(table, """
                # test data: a made-up local code
                element,system,code,fact,value,opensSection,requirement,note
                Condition.code,http://example.org/test/local,PC-TEST,postCovid.complaintsAttributedToCovid,true,true,PC-A1 PC-C1,test
                Condition.code,http://example.org/test/local,PC-TEST,postCovid.complaintOnsetDate,onset,true,PC-A2 PC-C2,test
                """);
        Result with = run("", "evaluate", bundle.toString(), "--date", "2026-11-23", "--codes", table.toString());
        Result snomed = run("", "evaluate", EXAMPLE.toString(), "--date", "2026-11-23");
        Result without = run("", "evaluate", bundle.toString(), "--date", "2026-11-23");
        assertThat(with.code()).as(with.err()).isZero();
        assertThat(with.out()).isEqualTo(snomed.out()).contains("\"outcome\": \"ELIGIBLE\"");
        assertThat(without.code()).isZero();
        assertThat(without.out()).contains("\"outcome\": \"INSUFFICIENT_DATA\"");

        java.nio.file.Files.writeString(table, java.nio.file.Files.readString(table).replace(",onset,", ",onsett,"));
        Result bad = run("", "evaluate", bundle.toString(), "--date", "2026-11-23", "--codes", table.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains(table + ":4: value \"onsett\": a date fact is read from the resource");

        Result json = run(EQUIVALENT, "evaluate", "-", "--codes", table.toString());
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.err()).contains("--codes is for FHIR input only");
    }

    @Test
    void aBundleGivesExactlyTheDecisionOfItsEquivalentJson() {
        Result fhir = run("", "evaluate", EXAMPLE.toString(), "--date", "2026-11-23");
        Result json = run(EQUIVALENT, "evaluate", "-");
        assertThat(fhir.code()).as(fhir.err()).isZero();
        assertThat(fhir.err()).isEmpty();
        assertThat(json.code()).isZero();
        assertThat(fhir.out()).isEqualTo(json.out()).contains("\"outcome\": \"ELIGIBLE\"");
    }

    @Test
    void theTextReportOfABundleIsThatOfItsEquivalentJson() {
        Result fhir = run("", "evaluate", EXAMPLE.toString(), "--date", "2026-11-23", "--format", "text", "--lang", "en");
        Result json = run(EQUIVALENT, "evaluate", "-", "--format", "text", "--lang", "en");
        assertThat(fhir.code()).isZero();
        assertThat(fhir.out()).isEqualTo(json.out());
    }

    @Test
    void formatFhirWritesAGuidanceResponse() {
        Result r = run(EQUIVALENT.replace("\"bellScore\":50,", ""), "evaluate", "-", "--format", "fhir");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"resourceType\": \"GuidanceResponse\"")
                .contains("\"status\": \"data-required\"")
                .contains("\"valueString\": \"postCovid.bellScore\"")
                .contains("\"moduleUri\": \"http://zorgregels.nl/fhir/PlanDefinition/zorgregels|")
                .contains("\"type\": \"Observation\"") // bellScore is read from an Observation (codes.csv) or the intake
                .doesNotContain("\"subject\""); // a section-4 case names no patient
        Result bundle = run("", "evaluate", EXAMPLE.toString(), "--date", "2026-11-23", "--format", "fhir");
        assertThat(bundle.code()).as(bundle.err()).isZero();
        assertThat(bundle.out()).contains("\"subject\": {\n    \"reference\": \"Patient/p1\"\n  }")
                .contains("\"name\": \"outcome\",\n        \"valueCode\": \"ELIGIBLE\"");
    }

    @Test
    void aBundleNeedsDateAndAJsonCaseRefusesIt() {
        Result noDate = run("", "evaluate", EXAMPLE.toString());
        assertThat(noDate.code()).isEqualTo(2);
        assertThat(noDate.err()).startsWith("zorgregels: a FHIR Bundle needs --date YYYY-MM-DD");
        Result jsonWithDate = run(EQUIVALENT, "evaluate", "-", "--date", "2026-11-23");
        assertThat(jsonWithDate.code()).isEqualTo(2);
        assertThat(jsonWithDate.err()).startsWith("zorgregels: --date is for FHIR input only");
        Result badDate = run("", "evaluate", EXAMPLE.toString(), "--date", "2026-02-30");
        assertThat(badDate.code()).isEqualTo(2);
        assertThat(badDate.err()).startsWith("zorgregels: --date must be a date YYYY-MM-DD but was 2026-02-30");
        Result otherCommand = run("", "check-kb", "x", "--date", "2026-11-23");
        assertThat(otherCommand.code()).isEqualTo(2);
    }

    @Test
    void questionnairePrintsTheIntakeQuestionnaire() {
        Result r = run("", "questionnaire");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"resourceType\": \"Questionnaire\"")
                .contains("\"url\": \"http://zorgregels.nl/fhir/Questionnaire/intake\"")
                .contains("\"linkId\": \"postCovid.bellScore\"");
        assertThat(run("", "questionnaire", "extra").code()).isEqualTo(2);
    }

    /** The refusals of the issue, through the command line: exit 2, the FHIR path and the rule. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no Patient           | {"resourceType":"Bundle","type":"collection","entry":[<qr>]}                       | Bundle.entry | exactly one Patient
            two Patients         | {"resourceType":"Bundle","type":"collection","entry":[<p>,<qr>,{"resource":{"resourceType":"Patient","id":"q","birthDate":"1990-01-01"}}]} | Bundle.entry[2].resource | second Patient
            partial birth date   | {"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","birthDate":"1980-04"}}]} | Bundle.entry[0].resource.birthDate | partial date
            answer of wrong type | <bundle>{"linkId":"postCovid.bellScore","answer":[{"valueString":"50"}]}]}}]}       | Bundle.entry[1].resource.item[0].item[0].answer[0].valueString | must be valueInteger
            integer as a string  | <bundle>{"linkId":"postCovid.bellScore","answer":[{"valueInteger":"50"}]}]}}]}      | Bundle.entry[1].resource.item[0].item[0].answer[0].valueInteger | JSON whole number
            unknown linkId       | <bundle>{"linkId":"postCovid.belScore","answer":[{"valueInteger":50}]}]}}]}         | Bundle.entry[1].resource.item[0].item[0].linkId | unknown linkId "postCovid.belScore" (did you mean postCovid.bellScore?)
            Bell score 55        | <bundle>{"linkId":"postCovid.bellScore","answer":[{"valueInteger":55}]}]}}]}        | Bundle.entry[1].resource.item[0].item[0].answer[0].valueInteger | 0, 10, 20
            Bell with a decimal  | {"resourceType":"Bundle","type":"collection","entry":[<p>,<qr>,<bell>"valueQuantity":{"value":50.5}}}]} | Bundle.entry[2].resource.valueQuantity | must be valueInteger
            Bell decimal integer | {"resourceType":"Bundle","type":"collection","entry":[<p>,<qr>,<bell>"valueInteger":50.5}}]} | Bundle.entry[2].resource.valueInteger | not a valid FHIR R4 value for valueInteger (was "50.5")
            two sources disagree | {"resourceType":"Bundle","type":"collection","entry":[<p>,<qrbell>,<bell>"valueInteger":60}}]} | Bundle.entry[1].resource.item[0].item[0].answer[0].valueInteger | Bundle.entry[2].resource.valueInteger gives 60
            unknown enum code    | <bundle>{"linkId":"postCovid.treatmentPathway","answer":[{"valueCoding":{"system":"http://zorgregels.nl/fhir/CodeSystem/TreatmentPathway","code":"DONE"}}]}]}}]} | Bundle.entry[1].resource.item[0].item[0].answer[0].valueCoding.code | COMPLETED
            wrong code system    | <bundle>{"linkId":"postCovid.treatmentPathway","answer":[{"valueCoding":{"system":"http://snomed.info/sct","code":"COMPLETED"}}]}]}}]} | Bundle.entry[1].resource.item[0].item[0].answer[0].valueCoding.system | http://zorgregels.nl/fhir/CodeSystem/TreatmentPathway
            two answers          | <bundle>{"linkId":"postCovid.positiveTest","answer":[{"valueBoolean":true},{"valueBoolean":false}]}]}}]} | Bundle.entry[1].resource.item[0].item[0].answer[1] | takes one answer
            item at the top level | <top>{"linkId":"postCovid.bellScore","answer":[{"valueInteger":50}]}]}}]}       | Bundle.entry[1].resource.item[0].linkId | postCovid.bellScore stands at the top level; the intake Questionnaire has it in the group postCovid
            item twice           | <bundle>{"linkId":"postCovid.bellScore","answer":[{"valueInteger":50}]},{"linkId":"postCovid.bellScore","answer":[{"valueInteger":50}]}]}}]} | Bundle.entry[1].resource.item[0].item[1].linkId | postCovid.bellScore stands twice in one group postCovid
            group twice          | <top>{"linkId":"postCovid"},{"linkId":"postCovid"}]}}]}                           | Bundle.entry[1].resource.item[1].linkId | postCovid stands twice in one QuestionnaireResponse
            other PAIS not in the KB | <bundle>{"linkId":"postCovid.otherPais","answer":[{"valueCoding":{"system":"http://zorgregels.nl/fhir/CodeSystem/OtherPais","code":"SEVERE"}}]}]}}]} | Bundle.entry[1].resource.item[0].item[0].answer[0].valueCoding.code | other-pais.csv
            another patient      | {"resourceType":"Bundle","type":"collection","entry":[<p>,<qr>,<bell>"valueInteger":50,"subject":{"reference":"Patient/other"}}}]} | Bundle.entry[2].resource.subject.reference | not to the Patient
            onset after the date | <bundle>{"linkId":"postCovid.complaintOnsetDate","answer":[{"valueDate":"2027-01-01"}]}]}}]} | Bundle.entry[1].resource.item[0].item[0].answer[0].valueDate | must not be after assessmentDate
            unknown element      | {"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","birthDate":"1980-04-02","birthdate":"x"}}]} | Bundle.entry[0].resource.birthdate | not an element
            not a Bundle         | {"resourceType":"Patient","birthDate":"1980-04-02"}                                 | resourceType | must be Bundle
            duplicate key        | {"resourceType":"Bundle","type":"collection","type":"batch"}                        | $ | Duplicate field
            """)
    void refusesNamingTheFhirPathAndTheRule(String what, String bundle, String field, String rule) {
        String p = "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\",\"birthDate\":\"1980-04-02\"}}";
        String qrHead = "{\"resource\":{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\","
                + "\"questionnaire\":\"http://zorgregels.nl/fhir/Questionnaire/intake\",\"item\":[";
        // <bundle>: the items in the group postCovid, as the Questionnaire has them; <top>: at the top level
        String grouped = bundle.startsWith("<bundle>") ? bundle.substring(0, bundle.length() - "]}}]}".length()) + "]}]}}]}"
                : bundle;
        String text = grouped
                .replace("<bundle>", "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + p + "," + qrHead
                        + "{\"linkId\":\"postCovid\",\"item\":[")
                .replace("<top>", "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + p + "," + qrHead)
                .replace("<qrbell>", qrHead + "{\"linkId\":\"postCovid\",\"item\":[{\"linkId\":\"postCovid.bellScore\","
                        + "\"answer\":[{\"valueInteger\":50}]}]}]}}")
                .replace("<qr>", qrHead + "{\"linkId\":\"postCovid\"}]}}")
                .replace("<p>", p)
                .replace("<bell>", "{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":"
                        + "[{\"system\":\"http://zorgregels.nl/fhir/CodeSystem/observation\",\"code\":\"bell-cfids-score\"}]},"
                        + "\"effectiveDateTime\":\"2026-11-01\",");
        Result r = run(text, "evaluate", "-", "--date", "2026-11-23");
        assertThat(r.code()).as(what + ": " + r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).as(what).startsWith("zorgregels: invalid input: " + field + ": ").contains(rule);
        assertThat(r.err().strip().lines()).as("one line, no stack trace").hasSize(1);
    }

    /**
     * questionnaire --prefill: the intake holding what the record says. The record's Patient and
     * that QuestionnaireResponse alone decide exactly as the whole record does (nothing lost,
     * nothing added), and a fact the record lacks has no answer.
     */
    @Test
    void thePrefilledIntakeHoldsWhatTheRecordSaysAndDecidesTheSame() throws Exception {
        Result prefill = run("", "questionnaire", "--prefill", EXAMPLE.toString(), "--date", "2026-11-23");
        assertThat(prefill.code()).as(prefill.err()).isZero();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode qr = json.readTree(prefill.out());
        assertThat(qr.path("resourceType").asText()).isEqualTo("QuestionnaireResponse");
        assertThat(qr.path("status").asText()).isEqualTo("in-progress");
        assertThat(qr.path("questionnaire").asText()).startsWith("http://zorgregels.nl/fhir/Questionnaire/intake|");
        assertThat(prefill.out()).contains("\"linkId\": \"postCovid.bellScore\"").contains("\"valueInteger\": 50")
                .contains("\"linkId\": \"postCovid.treatmentPathway\"").contains("\"code\": \"COMPLETED\"")
                .doesNotContain("postCovid.reducedFunctioning").doesNotContain("\"linkId\": \"alk\"");
        // the record's Patient and the pre-filled intake alone
        com.fasterxml.jackson.databind.node.ObjectNode bundle = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(EXAMPLE.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode entries = json.createArrayNode();
        for (com.fasterxml.jackson.databind.JsonNode e : bundle.path("entry")) {
            if (e.path("resource").path("resourceType").asText().equals("Patient")) {
                entries.add(e);
            }
        }
        entries.addObject().put("fullUrl", "urn:uuid:5b0a4c1e-0000-4000-8000-000000000001").set("resource", qr);
        bundle.set("entry", entries);
        Result fromPrefill = run(json.writeValueAsString(bundle), "evaluate", "-", "--date", "2026-11-23");
        Result whole = run("", "evaluate", EXAMPLE.toString(), "--date", "2026-11-23");
        assertThat(fromPrefill.code()).as(fromPrefill.err()).isZero();
        assertThat(fromPrefill.out()).isEqualTo(whole.out());
        // usage: --prefill needs --date, and belongs to questionnaire
        assertThat(run("", "questionnaire", "--prefill", EXAMPLE.toString()).code()).isEqualTo(Main.INVALID);
        assertThat(run("", "evaluate", EXAMPLE.toString(), "--prefill", EXAMPLE.toString(), "--date", "2026-11-23").code())
                .isEqualTo(Main.INVALID);
    }
}
