package nl.zorgregels.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.zorgregels.api.ReloadableEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service without a trust file (loopback): routes, statuses, limits, cards, CORS, slow clients. */
class CdsHooksProtocolTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ORIGIN = "https://ehr.test.example";
    static CdsHooksServer server;
    static URI base;
    static URI service;

    @BeforeAll
    static void start() {
        // the clock: 2026-11-23 23:30 UTC is already 2026-11-24 in Amsterdam
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T23:30:00Z"), ZoneId.of("Europe/Amsterdam"));
        server = TestServers.builder(new ReloadableEngine(TestServers.engine())).clock(clock)
                .corsOrigins(List.of(ORIGIN)).idleTimeout(Duration.ofSeconds(2)).start();
        base = server.baseUri();
        service = base.resolve("/cds-services/zorgregels");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Whatever a test sent, the server still serves. */
    @AfterEach
    void stillServing() throws Exception {
        assertThat(ServiceFixture.get(base.resolve("/health"), null).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return ServiceFixture.post(service, body, null);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static void badRequest(String body, int status, String field) throws Exception {
        HttpResponse<String> r = post(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(json(r).path("error").path("field").asText()).as(r.body()).isEqualTo(field);
        assertThat(json(r).path("error").path("rule").asText()).isNotBlank();
    }

    @Test
    void discoveryListsTheServiceAndItsPrefetch() throws Exception {
        HttpResponse<String> r = ServiceFixture.get(base.resolve("/cds-services"), null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode s = json(r).path("services").get(0);
        assertThat(s.path("id").asText()).isEqualTo("zorgregels");
        assertThat(s.path("hook").asText()).isEqualTo("patient-view");
        List<String> keys = new ArrayList<>();
        s.path("prefetch").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("patient", "conditions", "observations", "procedures", "coverages",
                "questionnaireResponses");
        assertThat(s.path("prefetch").path("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        s.path("prefetch").forEach(t -> assertThat(t.asText()).contains("{{context.patientId}}"));
        // a card can name every slot that could not be read
        s.path("prefetch").fieldNames().forEachRemaining(key -> assertThat(
                nl.zorgregels.api.ZorgregelsEngine.packaged().text("card.slot." + key)).as(key).isPresent());
        // the searches come from the code table; the documented example is what the service serves
        assertThat(s.path("prefetch").path("conditions").asText())
                .isEqualTo(nl.zorgregels.fhir.FhirCodes.packaged().searches("{{context.patientId}}").get("conditions"));
        assertThat(json(r)).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Files.readString(java.nio.file.Path.of("..", "..", "examples", "cds-hooks", "discovery.json"))));
    }

    @Test
    void cardsCarryTheDecisionAsEvaluateGivesIt() throws Exception {
        String body = TestServers.exampleRequest();
        HttpResponse<String> r = post(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode cards = json(r).path("cards");
        assertThat(cards).hasSize(2);
        JsonNode card = cards.get(0);
        // the FHIR prefetch gives exactly the decision its section 4 JSON gives, byte for byte, once,
        // in the response's extension; each card carries what it shows
        String extension = "\"extension\":{\"nl.zorgregels.decision\":" + TestServers.exampleDecision("2026-11-23") + "}";
        assertThat(r.body().split(java.util.regex.Pattern.quote(extension), -1)).hasSize(2);
        assertThat(r.body()).endsWith(extension + "}");
        JsonNode whole = json(r).path("extension").path("nl.zorgregels.decision");
        for (JsonNode c : cards) {
            JsonNode shows = c.path("extension").path("nl.zorgregels.card");
            String part = shows.path("part").asText();
            assertThat(part).isIn("postCovid", "alk");
            assertThat(shows.path("outcome").asText()).isEqualTo(whole.path(part).path("outcome").asText());
            whole.path(part).path("criteria").forEach(k ->
                    assertThat(shows.path("criteria").path(k.path("id").asText()).asText()).isEqualTo(k.path("status").asText()));
            assertThat(c.path("extension").has("nl.zorgregels.decision")).isFalse();
            // override reasons offered on every decided card, from the knowledge base
            assertThat(c.path("overrideReasons")).isNotEmpty();
            c.path("overrideReasons").forEach(o -> {
                assertThat(o.path("system").asText()).isEqualTo("http://zorgregels.nl/fhir/CodeSystem/override-reason");
                assertThat(o.path("display").asText()).isNotBlank().doesNotStartWith("overrideReason.");
            });
        }
        JsonNode alk = cards.get(1);
        assertThat(alk.path("summary").asText()).hasSizeLessThanOrEqualTo(140).contains("ALK").contains("matig");
        assertThat(alk.path("detail").asText()).contains("ALK-D1").contains("**Behandelmogelijkheden bij deze ernst**");
        assertThat(alk.path("indicator").asText())
                .isEqualTo(whole.path("alk").path("warnings").isEmpty() ? "info" : "warning");
        assertThat(alk.path("uuid").asText()).isNotEqualTo(card.path("uuid").asText());
        assertThat(card.path("summary").asText()).hasSizeLessThanOrEqualTo(140).contains("komt in aanmerking");
        assertThat(card.path("indicator").asText()).isEqualTo("info");
        assertThat(card.path("source").path("label").asText()).contains("Zorgregels")
                .contains(TestServers.engine().knowledgeBase().version());
        assertThat(card.path("detail").asText()).contains("PC-A1").contains("**Criteria**").contains("**Bronnen**")
                .contains("000_b510353f4949bed4.txt");
        // ELIGIBLE: the FAQ's next step (registration via ZorgDomein) as a link, and the referral
        // summary to paste into it: every criterion met, the knowledge base's version
        assertThat(card.path("links").findValuesAsText("url")).contains("https://www.zorgdomein.nl/");
        card.path("links").forEach(k -> assertThat(k.path("type").asText()).isEqualTo("absolute"));
        assertThat(card.has("suggestions")).as("nothing to create for an eligible patient").isFalse();
        String detail = card.path("detail").asText();
        String summary = detail.substring(detail.indexOf("**Verwijzingssamenvatting"));
        int start = summary.indexOf("```text\n") + 8;
        summary = summary.substring(start, summary.indexOf("\n```", start));
        for (JsonNode c : whole.path("postCovid").path("criteria")) {
            assertThat(summary).contains("- " + c.path("id").asText() + ": " + c.path("message").path("nl").asText());
        }
        assertThat(summary).contains(TestServers.engine().knowledgeBase().version())
                .contains(TestServers.engine().knowledgeBase().checksum()).contains("23-11-2026");
        // ALK applies: the choice card's own references as links
        assertThat(alk.path("links").findValuesAsText("url")).contains("https://nalk.info/zorgkaart/");
        // same request, same uuid; another hook instance, another
        assertThat(json(post(body)).path("cards").get(0).path("uuid").asText()).isEqualTo(card.path("uuid").asText());
        assertThat(json(post(body.replace("d1577c69", "e2577c69"))).path("cards").get(0).path("uuid").asText())
                .isNotEqualTo(card.path("uuid").asText());
    }

    /** The example of CDS-HOOKS.md is what the service answers (the KB checksum masked). */
    @Test
    void theDocumentedExampleResponseIsCurrent() throws Exception {
        String actual = post(TestServers.exampleRequest()).body();
        String example = java.nio.file.Files.readString(java.nio.file.Path.of("../../examples/cds-hooks/response.json"));
        String exampleChecksum = JSON.readTree(example).path("extension").path("nl.zorgregels.decision")
                .path("knowledgeBase").path("checksum").asText();
        String checksum = TestServers.engine().knowledgeBase().checksum();
        assertThat(JSON.readTree(actual.replace(checksum, "sha256:masked")))
                .as("examples/cds-hooks/response.json is out of date: regenerate it from examples/cds-hooks/request.json (CDS-HOOKS.md)")
                .isEqualTo(JSON.readTree(example.replace(exampleChecksum, "sha256:masked")));
    }

    /** What to do next (the decision's toMeet and questions) is in the card the GP reads, not only in the extension. */
    @Test
    void aMissingFactGivesItsQuestionAndWhatWouldMeetTheCriterionInTheCard() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode request = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(TestServers.exampleRequest());
        // no Bell score Observation in the record: PC-A3 is UNKNOWN
        ((com.fasterxml.jackson.databind.node.ObjectNode) request.path("prefetch").path("observations"))
                .put("total", 0).putArray("entry");
        HttpResponse<String> r = post(JSON.writeValueAsString(request));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode card = json(r).path("cards").get(0);
        JsonNode decision = json(r).path("extension").path("nl.zorgregels.decision").path("postCovid");
        assertThat(decision.path("outcome").asText()).isEqualTo("INSUFFICIENT_DATA");
        // a suggestion that creates a Task to complete the intake questionnaire for this patient,
        // and a link to that questionnaire; no referral summary while data is missing
        JsonNode suggestion = card.path("suggestions").get(0);
        assertThat(card.path("selectionBehavior").asText()).isEqualTo("at-most-one");
        assertThat(suggestion.path("label").asText()).isNotBlank().doesNotStartWith("suggest.");
        JsonNode action = suggestion.path("actions").get(0);
        assertThat(action.path("type").asText()).isEqualTo("create");
        JsonNode task = action.path("resource");
        assertThat(task.path("resourceType").asText()).isEqualTo("Task");
        assertThat(task.path("status").asText()).isEqualTo("requested");
        assertThat(task.path("for").path("reference").asText())
                .isEqualTo("Patient/" + request.path("context").path("patientId").asText());
        assertThat(task.path("input").get(0).path("valueCanonical").asText())
                .isEqualTo("http://zorgregels.nl/fhir/Questionnaire/intake|" + TestServers.engine().knowledgeBase().version());
        assertThat(card.path("links").findValuesAsText("url")).contains(base.resolve("/fhir/Questionnaire/intake").toString());
        assertThat(card.path("links").findValuesAsText("url")).doesNotContain("https://www.zorgdomein.nl/");
        assertThat(card.path("detail").asText()).doesNotContain("Verwijzingssamenvatting");
        assertThat(decision.path("missingFacts").toString()).contains("postCovid.bellScore");
        String question = decision.path("questions").get(0).path("question").path("nl").asText();
        assertThat(question).contains("Bell");
        String toMeet = null;
        for (JsonNode c : decision.path("criteria")) {
            if (c.path("id").asText().equals("PC-A3")) {
                toMeet = c.path("toMeet").path("message").path("nl").asText();
            }
        }
        assertThat(toMeet).isNotBlank();
        assertThat(card.path("detail").asText())
                .contains("**Vragen voor de ontbrekende gegevens**").contains(question)
                .contains("nodig om te voldoen").contains(toMeet);
    }

    /** A safety item (CONTRACT.md §10): every card warns, flags its summary and shows the banner first. */
    @Test
    void aSafetyItemMakesEveryCardAWarningWithTheBannerFirst() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode request = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(TestServers.exampleRequest());
        // ME/CVS or PEM recorded in the ALK section: the banner item SAFE-MECVS
        for (JsonNode section : request.path("prefetch").path("questionnaireResponses").path("entry").get(0).path("resource").path("item")) {
            for (JsonNode item : section.path("item")) {
                if (item.path("linkId").asText().equals("alk.meCvsOrPem")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) item.path("answer").get(0)).put("valueBoolean", true);
                }
            }
        }
        HttpResponse<String> r = post(JSON.writeValueAsString(request));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode cards = json(r).path("cards");
        assertThat(cards).hasSize(2);
        JsonNode safety = json(r).path("extension").path("nl.zorgregels.decision").path("safety");
        assertThat(safety).hasSize(1);
        assertThat(safety.get(0).path("id").asText()).isEqualTo("SAFE-MECVS");
        for (JsonNode card : cards) {
            assertThat(card.path("indicator").asText()).isEqualTo("warning");
            assertThat(card.path("summary").asText()).startsWith("⚠ Let op: ").hasSizeLessThanOrEqualTo(140);
            String detail = card.path("detail").asText();
            assertThat(detail).startsWith("**LET OP — eerst lezen**\n\n- ").contains("(SAFE-MECVS) [1]");
            assertThat(detail.indexOf("(SAFE-MECVS)")).isLessThan(detail.indexOf("**Uitkomst:**"));
        }
        // the ALK caution says something else than the banner item: still in the ALK card
        assertThat(cards.get(1).path("detail").asText()).contains("(ALK-W1)");
    }

    /** INSUFFICIENT_DATA: the centre and the notes on registration hold only once every criterion is met. */
    @Test
    void anOpenCriterionFramesTheCentreAndTheRegistrationNotesAsConditional() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode request = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(TestServers.exampleRequest());
        ((com.fasterxml.jackson.databind.node.ObjectNode) request.path("prefetch").path("observations"))
                .put("total", 0).putArray("entry");
        JsonNode card = json(post(JSON.writeValueAsString(request))).path("cards").get(0);
        assertThat(card.path("indicator").asText()).isEqualTo("info");
        assertThat(card.path("detail").asText())
                .contains("**Centrum (pas van belang als aan alle criteria is voldaan):** aangeboden — UMCG")
                .contains("**Als aan alle criteria is voldaan**\n\n- ")
                .doesNotContain("**Let op**").doesNotContain("**Centrum:**");
    }

    @Test
    void cardsInEnglishWithLangEn() throws Exception {
        try (CdsHooksServer en = TestServers.builder(new ReloadableEngine(TestServers.engine())).language("en").start()) {
            HttpResponse<String> r = ServiceFixture.post(en.baseUri().resolve("/cds-services/zorgregels"), TestServers.exampleRequest(), null);
            JsonNode cards = json(r).path("cards");
            assertThat(cards.get(0).path("summary").asText()).isEqualTo("Post-COVID expertise centre: eligible for referral — UMCG");
            assertThat(cards.get(0).path("detail").asText()).contains("**Outcome:** eligible for referral (adult)").contains("**Sources**");
            assertThat(cards.get(1).path("summary").asText()).contains("Persistent physical symptoms (ALK): the card applies, severity moderate");
            assertThat(cards.get(0).path("source").path("label").asText()).startsWith("Zorgregels, knowledge base ");
            // the decision is the same whatever the language of the cards
            assertThat(r.body()).contains(TestServers.exampleDecision("2026-11-23"));
        }
    }

    @Test
    void aPatientWithoutPostCovidOrAlkFactsGetsNoCards() throws Exception {
        // every search answered "nothing found" (null); a search not sent at all is named as not read (FhirFetchTest)
        HttpResponse<String> r = post(ServiceFixture.call("hook-0", "2026-11-23").replace("}}}",
                "},\"conditions\":null,\"observations\":null,\"procedures\":null,\"coverages\":null,"
                        + "\"questionnaireResponses\":null}}"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"cards\":[]}");
    }

    @Test
    void withoutTheExtensionTheDateIsTodayInAmsterdam() throws Exception {
        String body = TestServers.exampleRequest().replace("\"nl.zorgregels.assessmentDate\": \"2026-11-23\"", "\"other\": 1");
        assertThat(body).doesNotContain("nl.zorgregels.assessmentDate");
        HttpResponse<String> r = post(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("extension").path("nl.zorgregels.decision").path("assessmentDate").asText())
                .isEqualTo("2026-11-24");
        assertThat(r.body()).contains(TestServers.exampleDecision("2026-11-24"));
    }

    @Test
    void invalidRecordGivesOneCannotAssessCard() throws Exception {
        HttpResponse<String> r = post(TestServers.exampleRequest().replace("\"1980-04-02\"", "\"1980-04\""));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode cards = json(r).path("cards");
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).path("indicator").asText()).isEqualTo("warning");
        JsonNode error = cards.get(0).path("extension").path("nl.zorgregels.error");
        assertThat(error.path("field").asText()).isEqualTo("prefetch.patient.birthDate");
        assertThat(error.path("rule").asText()).isNotBlank();
        assertThat(cards.get(0).path("extension").has("nl.zorgregels.decision")).isFalse();
        assertThat(cards.get(0).path("summary").asText()).hasSizeLessThanOrEqualTo(140).contains("kan niet beoordelen");
    }

    @Test
    void errorsInSearchResultsNameTheirPlaceInThePrefetch() throws Exception {
        HttpResponse<String> r = post(TestServers.exampleRequest().replace("\"valueInteger\": 50", "\"valueInteger\": 55"));
        JsonNode error = json(r).path("cards").get(0).path("extension").path("nl.zorgregels.error");
        assertThat(error.path("field").asText()).as(r.body()).startsWith("prefetch.observations.entry[0].resource");
    }

    @Test
    void malformedRequestsAre400NamingTheField() throws Exception {
        badRequest("{\"hook\":", 400, "$");
        badRequest("[1,2]", 400, "$");
        badRequest("{}", 400, "hook");
        badRequest("{\"hook\":7,\"hookInstance\":\"h\",\"context\":{\"patientId\":\"p1\"}}", 400, "hook");
        badRequest("{\"hook\":\"order-select\",\"hookInstance\":\"h\",\"context\":{\"patientId\":\"p1\"}}", 400, "hook");
        badRequest("{\"hook\":\"patient-view\",\"context\":{\"patientId\":\"p1\"}}", 400, "hookInstance");
        badRequest("{\"hook\":\"patient-view\",\"hookInstance\":[],\"context\":{\"patientId\":\"p1\"}}", 400, "hookInstance");
        badRequest("{\"hook\":\"patient-view\",\"hookInstance\":\"h\"}", 400, "context");
        badRequest("{\"hook\":\"patient-view\",\"hookInstance\":\"h\",\"context\":{}}", 400, "context.patientId");
        badRequest("{\"hook\":\"patient-view\",\"hookInstance\":\"h\",\"context\":{\"patientId\":12}}", 400, "context.patientId");
        badRequest(ServiceFixture.call("h", "2026-02-30"), 400, "extension.nl.zorgregels.assessmentDate");
        badRequest(ServiceFixture.call("h", "2026-11-23").replace("\"id\":\"p1\"", "\"id\":\"p2\""), 400, "prefetch.patient.id");
        badRequest(ServiceFixture.call("h", "2026-11-23").replace("\"resourceType\":\"Patient\"", "\"resourceType\":\"Person\""),
                400, "prefetch.patient");
        badRequest(ServiceFixture.call("h", "2026-11-23").replace("}}}", "},\"conditions\":[]}}"), 400, "prefetch.conditions");
        badRequest("{\"hook\":\"patient-view\",\"hook\":\"patient-view\"}", 400, "$");
        badRequest("", 400, "$");
    }

    @Test
    void noPatientIs412() throws Exception {
        String noPrefetch = "{\"hook\":\"patient-view\",\"hookInstance\":\"h\",\"context\":{\"patientId\":\"p1\"},"
                + "\"fhirServer\":\"https://ehr.example/fhir\"}";
        badRequest(noPrefetch, 412, "prefetch.patient");
        badRequest(noPrefetch.replace("}", "").replace("\"fhirServer\":\"https://ehr.example/fhir\"", "\"prefetch\":{\"patient\":null}") + "}}",
                412, "prefetch.patient");
    }

    private interface Send {
        HttpResponse<String> send() throws Exception;
    }

    /**
     * Sends a request the server refuses before reading its whole body. The server answers and
     * closes; if it closes while the client is still sending, TCP may reset the connection before
     * the client has read the answer (more likely on a loaded machine), which the client reports as
     * an IOException without a response. Such an attempt is repeated, at most three times; every
     * response that does arrive is checked by the caller.
     */
    private static HttpResponse<String> refusedWhileSending(Send send) throws Exception {
        java.io.IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return send.send();
            } catch (java.io.IOException e) {
                last = e;
            }
        }
        throw last;
    }

    @Test
    void bodiesOverOneMebibyteAre413() throws Exception {
        String pad = "x".repeat(1 << 20);
        String big = ServiceFixture.call("h", "2026-11-23").replace("\"userId\"", "\"pad\":\"" + pad + "\",\"userId\"");
        HttpResponse<String> r = refusedWhileSending(() -> post(big));
        assertThat(r.statusCode()).isEqualTo(413);
        // without Content-Length (chunked): the limit holds while reading
        HttpResponse<String> chunked = refusedWhileSending(() -> ServiceFixture.CLIENT.send(HttpRequest.newBuilder(service)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString()));
        assertThat(chunked.statusCode()).isEqualTo(413);
        // exactly at the limit is read (and then judged as a request)
        String atLimit = "{\"hook\":\"patient-view\",\"pad\":\"" + "y".repeat((1 << 20) - 32) + "\"}";
        assertThat(atLimit.length()).isEqualTo(1 << 20);
        assertThat(post(atLimit).statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        HttpResponse<String> r = ServiceFixture.post(base.resolve("/cds-services/other"), ServiceFixture.call("h", "2026-11-23"), null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("no CDS service other");
        assertThat(ServiceFixture.get(base.resolve("/nothing"), null).statusCode()).isEqualTo(404);
        HttpResponse<String> get = ServiceFixture.get(service, null);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> put = ServiceFixture.CLIENT.send(HttpRequest.newBuilder(base.resolve("/cds-services"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(ServiceFixture.post(base.resolve("/health"), "{}", null).statusCode()).isEqualTo(405);
    }

    @Test
    void healthTellsTheKnowledgeBaseAndNothingElse() throws Exception {
        JsonNode h = json(ServiceFixture.get(base.resolve("/health"), null));
        List<String> fields = new ArrayList<>();
        h.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("status", "knowledgeBase");
        assertThat(h.path("knowledgeBase").path("checksum").asText()).isEqualTo(TestServers.engine().knowledgeBase().checksum());
    }

    @Test
    void questionnaireIsServedAsFhirJson() throws Exception {
        HttpResponse<String> r = ServiceFixture.get(base.resolve("/fhir/Questionnaire/intake"), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/fhir+json"));
        assertThat(json(r).path("resourceType").asText()).isEqualTo("Questionnaire");
        assertThat(json(r).path("url").asText()).isEqualTo("http://zorgregels.nl/fhir/Questionnaire/intake");
        assertThat(r.body()).isEqualTo(nl.zorgregels.fhir.FhirQuestionnaire.intakeJson(TestServers.engine()));
    }

    /** The conformance resources of what the service writes: the extension's definition, the code systems. */
    @Test
    void conformanceResourcesAreServedAsFhirJson() throws Exception {
        HttpResponse<String> sd = ServiceFixture.get(base.resolve("/fhir/StructureDefinition/input-path"), null);
        assertThat(sd.statusCode()).as(sd.body()).isEqualTo(200);
        assertThat(sd.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/fhir+json"));
        assertThat(json(sd).path("url").asText()).isEqualTo("http://zorgregels.nl/fhir/StructureDefinition/input-path");
        HttpResponse<String> cs = ServiceFixture.get(base.resolve("/fhir/CodeSystem/override-reason"), null);
        assertThat(cs.statusCode()).as(cs.body()).isEqualTo(200);
        assertThat(json(cs).path("url").asText()).isEqualTo(nl.zorgregels.service.internal.Cards.OVERRIDE_REASON_SYSTEM);
        assertThat(json(cs).path("version").asText()).isEqualTo(TestServers.engine().knowledgeBase().version());
        // the codes the cards offer, no more, no less
        List<String> codes = new ArrayList<>();
        json(cs).path("concept").forEach(c -> codes.add(c.path("code").asText()));
        assertThat(codes).containsExactly(TestServers.engine().text("card.overrideReasons").orElseThrow().nl().trim().split("\\s+"));
        HttpResponse<String> none = ServiceFixture.get(base.resolve("/fhir/CodeSystem/no-such-system"), null);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("override-reason").contains("Centre");
        assertThat(ServiceFixture.post(base.resolve("/fhir/CodeSystem/override-reason"), "{}", null).statusCode()).isEqualTo(405);
    }

    /** SDC $populate: the intake pre-filled from the record in the body (a Bundle, or Parameters carrying it). */
    @Test
    void populateGivesTheIntakeHoldingWhatTheRecordSays() throws Exception {
        String bundle = java.nio.file.Files.readString(java.nio.file.Path.of("../../examples/fhir/adult-eligible-bundle.json"));
        URI populate = base.resolve("/fhir/Questionnaire/intake/$populate?date=2026-11-23");
        HttpResponse<String> r = ServiceFixture.post(populate, bundle, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/fhir+json"));
        assertThat(r.body()).isEqualTo(nl.zorgregels.fhir.FhirQuestionnaire.prefillJson(TestServers.engine(), bundle,
                java.time.LocalDate.parse("2026-11-23")));
        assertThat(json(r).path("resourceType").asText()).isEqualTo("QuestionnaireResponse");
        assertThat(r.body()).contains("\"linkId\": \"postCovid.bellScore\"");
        String parameters = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"context\",\"part\":["
                + "{\"name\":\"name\",\"valueString\":\"record\"},{\"name\":\"content\",\"resource\":" + bundle + "}]}]}";
        assertThat(ServiceFixture.post(populate, parameters, null).body()).isEqualTo(r.body());
        HttpResponse<String> notARecord = ServiceFixture.post(populate, "{\"resourceType\":\"Patient\"}", null);
        assertThat(notARecord.statusCode()).isEqualTo(400);
        assertThat(json(notARecord).path("error").path("field").asText()).isEqualTo("resourceType");
        HttpResponse<String> badDate = ServiceFixture.post(base.resolve("/fhir/Questionnaire/intake/$populate?date=23-11-2026"), bundle, null);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(json(badDate).path("error").path("field").asText()).isEqualTo("date");
    }

    @Test
    void feedbackOnAnIssuedCardIsAcceptedAndEveryFieldIsChecked() throws Exception {
        URI feedback = base.resolve("/cds-services/zorgregels/feedback");
        HttpResponse<String> call = post(TestServers.exampleRequest().replace("\"hookInstance\": \"", "\"hookInstance\": \"feedback-"));
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        String card = json(call).path("cards").get(0).path("uuid").asText();
        assertThat(card).isNotBlank();
        String accepted = "{\"card\":\"" + card + "\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-23T10:00:00Z\"}";
        assertThat(ServiceFixture.post(feedback, "{\"feedback\":[" + accepted + "]}", null).statusCode()).isEqualTo(200);
        String overridden = "{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-23T10:00:00+01:00\","
                + "\"overrideReason\":{\"reason\":{\"system\":\"http://zorgregels.nl/fhir/CodeSystem/override-reason\",\"code\":\"patient-declines\"},\"userComment\":\"x\"}}";
        assertThat(ServiceFixture.post(feedback, "{\"feedback\":[" + overridden + "]}", null).statusCode()).isEqualTo(200);

        feedbackRefused(feedback, "{\"feedback\":[{\"card\":\"9b1c\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-23T10:00:00Z\"}]}",
                "feedback[0].card");
        feedbackRefused(feedback, "{\"feedback\":[" + accepted + ",{\"outcome\":\"accepted\"}]}", "feedback[1].card");
        feedbackRefused(feedback, "{\"feedback\":[" + accepted.replace("\"accepted\"", "\"ignored\"") + "]}", "feedback[0].outcome");
        feedbackRefused(feedback, "{\"feedback\":[" + accepted.replace(",\"outcomeTimestamp\":\"2026-11-23T10:00:00Z\"", "") + "]}",
                "feedback[0].outcomeTimestamp");
        feedbackRefused(feedback, "{\"feedback\":[" + accepted.replace("2026-11-23T10:00:00Z", "yesterday") + "]}",
                "feedback[0].outcomeTimestamp");
        feedbackRefused(feedback, "{\"feedback\":[" + accepted.replace("}", ",\"overrideReason\":{}}") + "]}",
                "feedback[0].overrideReason");
        // a reason the cards did not offer, or of another code system
        feedbackRefused(feedback, "{\"feedback\":[" + overridden.replace("patient-declines", "patient-preference") + "]}",
                "feedback[0].overrideReason.reason");
        feedbackRefused(feedback, "{\"feedback\":[" + overridden.replace("http://zorgregels.nl/fhir/CodeSystem/override-reason", "http://example.org") + "]}",
                "feedback[0].overrideReason.reason");
        feedbackRefused(feedback, "{\"feedback\":[" + overridden.replace("\"userComment\":\"x\"", "\"userComment\":7") + "]}",
                "feedback[0].overrideReason.userComment");
        feedbackRefused(feedback, "{\"feedback\":[" + accepted.replace("}", ",\"acceptedSuggestions\":[{}]}") + "]}",
                "feedback[0].acceptedSuggestions[0].id");
        feedbackRefused(feedback, "{\"feedback\":[]}", "feedback");
        feedbackRefused(feedback, "nope", "$");
    }

    private static void feedbackRefused(URI feedback, String body, String field) throws Exception {
        HttpResponse<String> r = ServiceFixture.post(feedback, body, null);
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        assertThat(json(r).path("error").path("field").asText()).as(r.body()).isEqualTo(field);
    }

    @Test
    void corsAnswersOnlyTheAllowedOrigin() throws Exception {
        HttpResponse<String> preflight = ServiceFixture.CLIENT.send(HttpRequest.newBuilder(service)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization,content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        HttpResponse<String> other = ServiceFixture.CLIENT.send(HttpRequest.newBuilder(service)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> call = ServiceFixture.CLIENT.send(HttpRequest.newBuilder(service).header("Origin", ORIGIN)
                .POST(HttpRequest.BodyPublishers.ofString(ServiceFixture.call("h-cors", "2026-11-23"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        // the browser lets the EHR's script read WWW-Authenticate (why a 401 was given)
        assertThat(call.headers().firstValue("Access-Control-Expose-Headers").orElse("")).containsIgnoringCase("WWW-Authenticate");
    }

    /**
     * Slow clients (slowloris): a few connections trickle a request's headers or body slower than
     * the idle timeout (2 s here); the server closes each, and serves others meanwhile. Bounded: 6
     * connections, each given at most 15 s.
     */
    @Test
    void slowClientsAreCutOffAndOthersServed() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                s.setSoTimeout(15_000);
                OutputStream out = s.getOutputStream();
                if (i % 2 == 0) {
                    out.write("POST /cds-services/zorgregels HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(("POST /cds-services/zorgregels HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 5000\r\n\r\n{\"hook\":").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                sockets.add(s);
            }
            // meanwhile, a normal client is served
            assertThat(post(ServiceFixture.call("h-slow", "2026-11-23")).statusCode()).isEqualTo(200);
            Set<Integer> closed = new java.util.HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            for (int i = 0; i < sockets.size(); i++) {
                Socket s = sockets.get(i);
                InputStream in = s.getInputStream();
                try {
                    // trickle one byte every 3 s (slower than the idle timeout) until the server gives up
                    while (System.nanoTime() < deadline) {
                        s.setSoTimeout(3000);
                        try {
                            int b = in.read();
                            // the server answered (e.g. 408/400 for a stalled body) or closed
                            closed.add(i);
                            if (b == -1) {
                                break;
                            }
                            in.readAllBytes();
                            break;
                        } catch (SocketTimeoutException quiet) {
                            s.getOutputStream().write('a');
                            s.getOutputStream().flush();
                        }
                    }
                } catch (java.io.IOException reset) {
                    closed.add(i);
                }
            }
            assertThat(closed).hasSize(sockets.size());
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
