package nl.zorgregels.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import nl.zorgregels.api.ReloadableEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Reading what the prefetch lacks from the EHR's FHIR server: a real FHIR server on loopback (the
 * JDK's HttpServer) serving the resources of the example call ({@code examples/cds-hooks/request.json})
 * as FHIR reads and searchset Bundles, paged or failing as each test sets it.
 */
class FhirFetchTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TOKEN = "fhir-token-7f3a9c.secret";
    static final String PATIENT = "p1";
    /** The FHIR resource type each prefetch slot searches. */
    static final Map<String, String> TYPES = Map.of("conditions", "Condition", "observations", "Observation",
            "procedures", "Procedure", "coverages", "Coverage", "questionnaireResponses", "QuestionnaireResponse");

    static ObjectNode example;
    static CdsHooksServer server;
    static CdsHooksServer quick;
    static CdsHooksServer small;
    static Fhir fhir;
    static Fhir stranger;
    static ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void start() throws Exception {
        example = (ObjectNode) JSON.readTree(TestServers.exampleRequest());
        ReloadableEngine engine = new ReloadableEngine(TestServers.engine());
        server = TestServers.builder(engine).fhirFetchDeadline(Duration.ofSeconds(20)).start();
        quick = TestServers.builder(engine).fhirFetchDeadline(Duration.ofMillis(800)).start();
        small = TestServers.builder(engine).fhirMaxEntries(1).start();
        fhir = new Fhir();
        stranger = new Fhir();
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        server.close();
        quick.close();
        small.close();
        fhir.close();
        stranger.close();
    }

    @BeforeEach
    void reset() {
        fhir.reset();
        stranger.reset();
    }

    /** Whatever a test did, the token was never logged. */
    @AfterEach
    void tokenNeverLogged() {
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(TOKEN);
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(TOKEN);
            }
        }
    }

    // ---- the calls

    /** The example call with the FHIR server and token, and the prefetch given (a copy, to edit). */
    static ObjectNode call(String hookInstance) {
        ObjectNode c = example.deepCopy();
        c.put("hookInstance", hookInstance);
        c.put("fhirServer", fhir.base());
        c.putObject("fhirAuthorization").put("access_token", TOKEN).put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "zorgregels");
        return c;
    }

    static ObjectNode prefetch(ObjectNode call) {
        return (ObjectNode) call.get("prefetch");
    }

    /** The example's searchset of a slot (a copy). */
    static ObjectNode searchset(String slot) {
        return ((ObjectNode) example.path("prefetch").get(slot)).deepCopy();
    }

    static JsonNode post(CdsHooksServer to, JsonNode call) throws Exception {
        HttpResponse<String> r = ServiceFixture.post(to.baseUri().resolve("/cds-services/zorgregels"), call.toString(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The decision the response carries (once, in its extension), or null when it has none. */
    static JsonNode decision(JsonNode response) {
        // the whole decision is in the response's extension, once (CDS-HOOKS.md, "The cards")
        for (JsonNode card : response.path("cards")) {
            assertThat(card.path("extension").has("nl.zorgregels.decision")).as("no card repeats the decision").isFalse();
        }
        return response.path("extension").get("nl.zorgregels.decision");
    }

    /** The unreadable slots the response names: slot to reason (and detail), from the card's extension. */
    static Map<String, String> unreadable(JsonNode response) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        int cards = 0;
        for (JsonNode card : response.path("cards")) {
            JsonNode list = card.path("extension").get("nl.zorgregels.unreadable");
            if (list != null) {
                cards++;
                assertThat(card.path("indicator").asText()).isEqualTo("warning");
                assertThat(card.path("summary").asText().codePointCount(0, card.path("summary").asText().length())).isLessThanOrEqualTo(140);
                for (JsonNode u : list) {
                    String reason = u.path("reason").asText() + (u.has("detail") ? " " + u.path("detail").asText() : "");
                    out.put(u.path("slot").asText(), reason);
                    // the detail names the slot with the words of the bundles, and the reason
                    assertThat(card.path("detail").asText()).contains("`" + u.path("slot").asText() + "`");
                }
            }
        }
        assertThat(cards).as("at most one card names what could not be read").isLessThanOrEqualTo(1);
        return out;
    }

    /** The decision for the example call with these slots null (nothing found): what an unreadable slot must give. */
    static JsonNode decisionWithout(String... slots) throws Exception {
        ObjectNode c = example.deepCopy();
        c.put("hookInstance", "reference");
        for (String s : slots) {
            prefetch(c).putNull(s);
        }
        JsonNode r = post(server, c);
        assertThat(unreadable(r)).isEmpty();
        return decision(r);
    }

    /**
     * The response names exactly these slots as not read (slot, reason and detail), and decides as
     * the call with those slots null (nothing found) does: their facts absent, never guessed.
     */
    @SafeVarargs
    static void assertReadWithout(JsonNode response, Map.Entry<String, String>... unread) throws Exception {
        assertThat(unreadable(response)).containsExactly(unread);
        assertThat(decision(response)).isEqualTo(decisionWithout(java.util.Arrays.stream(unread).map(Map.Entry::getKey)
                .toArray(String[]::new)));
    }

    // ---- the tests

    @Test
    void withoutPrefetchEverythingIsReadFromTheFhirServerWithTheToken() throws Exception {
        JsonNode full = post(server, example);
        ObjectNode c = call("no-prefetch");
        c.remove("prefetch");
        JsonNode fetched = post(server, c);

        assertThat(decision(full)).isNotNull();
        assertThat(decision(fetched)).isEqualTo(decision(full));
        assertThat(unreadable(fetched)).isEmpty();
        assertThat(fetched.path("cards").size()).isEqualTo(full.path("cards").size());

        List<Fhir.Call> calls = new ArrayList<>(fhir.calls);
        assertThat(calls).hasSize(6);
        for (Fhir.Call call : calls) {
            assertThat(call.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(call.accept()).contains("application/fhir+json");
        }
        assertThat(calls).extracting(Fhir.Call::target).contains("/fhir/Patient/p1",
                "/fhir/Condition?patient=p1&code=http://snomed.info/sct|1119303003,http://snomed.info/sct|1119304009,http://snomed.info/sct|52702003",
                "/fhir/QuestionnaireResponse?patient=p1&questionnaire=http://zorgregels.nl/fhir/Questionnaire/intake");
    }

    @Test
    void onlyTheSlotsNotPrefetchedAreRead() throws Exception {
        ObjectNode c = call("partial");
        prefetch(c).remove("observations");
        prefetch(c).remove("procedures");
        JsonNode r = post(server, c);
        assertThat(decision(r)).isEqualTo(decision(post(server, example)));
        assertThat(fhir.calls).extracting(Fhir.Call::type).containsExactlyInAnyOrder("Observation", "Procedure");
    }

    @Test
    void nextLinksAreFollowedToTheLastPage() throws Exception {
        // three pages per search: two without entries, the last with the example's entries, so a
        // decision equal to the full prefetch's proves every page was read
        for (String slot : TYPES.keySet()) {
            fhir.route(TYPES.get(slot), (page, base) -> page < 3
                    ? Fhir.ok(bundle(List.of(), base + "/" + TYPES.get(slot) + "?_page=" + (page + 1)))
                    : Fhir.ok(searchset(slot).toString()));
        }
        ObjectNode c = call("paged");
        c.remove("prefetch");
        JsonNode r = post(server, c);
        assertThat(decision(r)).isEqualTo(decision(post(server, example)));
        assertThat(unreadable(r)).isEmpty();
        assertThat(fhir.calls).filteredOn(x -> x.type().equals("Condition")).hasSize(3);
        assertThat(fhir.calls).allSatisfy(x -> assertThat(x.authorization()).isEqualTo("Bearer " + TOKEN));
    }

    @Test
    void aPaginatedPrefetchIsCompletedFromTheFhirServer() throws Exception {
        ObjectNode c = call("paged-prefetch");
        // the EHR sent the first page of the observations, without entries; the Bell score is on page 2
        prefetch(c).set("observations", JSON.readTree(bundle(List.of(), fhir.base() + "/Observation?_page=2")));
        fhir.route("Observation", (page, base) -> Fhir.ok(searchset("observations").toString()));
        JsonNode r = post(server, c);
        assertThat(decision(r)).isEqualTo(decision(post(server, example)));
        assertThat(unreadable(r)).isEmpty();
        assertThat(fhir.calls).extracting(Fhir.Call::target).containsExactly("/fhir/Observation?_page=2");
    }

    @Test
    void aPaginatedPrefetchWithoutFhirServerAccessIsUnreadableNotItsFirstPage() throws Exception {
        ObjectNode c = example.deepCopy();
        c.put("hookInstance", "paged-no-access");
        ObjectNode observations = searchset("observations");
        observations.putArray("link").addObject().put("relation", "next").put("url", fhir.base() + "/Observation?_page=2");
        prefetch(c).set("observations", observations);
        JsonNode r = post(server, c);
        assertReadWithout(r, Map.entry("observations", "PAGINATED"));
        assertThat(fhir.calls).isEmpty();
    }

    @Test
    void pagesBeyondTheBoundAreNotReadAndTheSlotIsUnreadable() throws Exception {
        // a server whose search never ends
        fhir.route("Observation", (page, base) -> Fhir.ok(bundle(List.of(), base + "/Observation?_page=" + (page + 1))));
        ObjectNode c = call("endless");
        prefetch(c).remove("observations");
        JsonNode r = post(server, c);
        assertReadWithout(r, Map.entry("observations", "TOO_LARGE 10, 1000"));
        assertThat(fhir.calls).hasSize(nl.zorgregels.service.internal.FhirFetcher.MAX_PAGES);
    }

    @Test
    void moreEntriesThanTheBoundMakeTheSlotUnreadable() throws Exception {
        ObjectNode twice = searchset("conditions");
        ((ArrayNode) twice.get("entry")).add(twice.get("entry").get(0).deepCopy());
        fhir.route("Condition", (page, base) -> Fhir.ok(twice.toString()));
        ObjectNode c = call("too-many");
        prefetch(c).remove("conditions");
        JsonNode r = post(small, c);
        assertReadWithout(r, Map.entry("conditions", "TOO_LARGE 10, 1"));
    }

    @Test
    void aSlowServerIsCutOffAtTheDeadlineAndTheCallStillAnswers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        fhir.route("Observation", (page, base) -> {
            release.await(30, TimeUnit.SECONDS); // far beyond the 800 ms deadline
            return Fhir.ok(searchset("observations").toString());
        });
        try {
            ObjectNode c = call("slow");
            prefetch(c).remove("observations");
            JsonNode r = post(quick, c);
            assertReadWithout(r, Map.entry("observations", "TIMEOUT 0.8 s"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFailingServerMakesOnlyThoseSlotsUnreadable() throws Exception {
        fhir.route("Condition", (page, base) -> new Fhir.Answer(500, "{\"resourceType\":\"OperationOutcome\"}"));
        fhir.route("Procedure", (page, base) -> Fhir.ok("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":"));
        fhir.route("QuestionnaireResponse", (page, base) -> Fhir.ok("{\"resourceType\":\"OperationOutcome\",\"issue\":[]}"));
        ObjectNode c = call("failing");
        c.remove("prefetch");
        JsonNode r = post(server, c);
        assertReadWithout(r, Map.entry("conditions", "HTTP_STATUS 500"),
                Map.entry("procedures", "MALFORMED"), Map.entry("questionnaireResponses", "WRONG_TYPE OperationOutcome"));
    }

    @Test
    void aServerThatCannotBeReachedMakesTheSlotUnreadable() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ObjectNode c = call("unreachable");
        c.put("fhirServer", "http://127.0.0.1:" + closed + "/fhir");
        prefetch(c).remove("procedures");
        JsonNode r = post(server, c);
        assertReadWithout(r, Map.entry("procedures", "UNREACHABLE"));
    }

    @Test
    void anOperationOutcomeInAPrefetchSlotMakesThatSlotUnreadable() throws Exception {
        ObjectNode c = example.deepCopy();
        c.put("hookInstance", "operation-outcome");
        prefetch(c).set("observations", JSON.readTree("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                + "\"code\":\"timeout\",\"diagnostics\":\"the search took too long\"}]}"));
        JsonNode r = post(server, c);
        assertReadWithout(r, Map.entry("observations", "OPERATION_OUTCOME timeout"));
        // codes only: the EHR's free text is not repeated
        assertThat(r.toString()).doesNotContain("the search took too long");
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() throws Exception {
        fhir.route("Condition", (page, base) -> Fhir.ok(bundle(List.of(), stranger.base() + "/Condition?_page=2")));
        ObjectNode c = call("other-host");
        prefetch(c).remove("conditions");
        ObjectNode observations = searchset("observations");
        observations.putArray("link").addObject().put("relation", "next").put("url", stranger.base() + "/Observation?_page=2");
        prefetch(c).set("observations", observations);
        JsonNode r = post(server, c);
        assertReadWithout(r, Map.entry("conditions", "OTHER_HOST"), Map.entry("observations", "OTHER_HOST"));
        assertThat(stranger.calls).isEmpty();
    }

    @Test
    void errorsInReadDataNameWhereTheyWereRead() throws Exception {
        ObjectNode bad = searchset("observations");
        ((ObjectNode) bad.path("entry").get(0).path("resource")).put("valueInteger", 55);
        fhir.route("Observation", (page, base) -> Fhir.ok(bad.toString()));
        ObjectNode c = call("bad-read");
        prefetch(c).remove("observations");
        JsonNode r = post(server, c);
        JsonNode error = r.path("cards").get(0).path("extension").path("nl.zorgregels.error");
        assertThat(error.path("field").asText()).as(r.toString()).startsWith("fhirServer.observations.page[1].entry[0].resource");
    }

    @Test
    void aPatientThatCannotBeReadIs412() throws Exception {
        fhir.route("Patient", (page, base) -> new Fhir.Answer(404, "{\"resourceType\":\"OperationOutcome\"}"));
        ObjectNode c = call("no-patient");
        c.remove("prefetch");
        HttpResponse<String> r = ServiceFixture.post(server.baseUri().resolve("/cds-services/zorgregels"), c.toString(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(412);
        assertThat(JSON.readTree(r.body()).path("error").path("field").asText()).isEqualTo("prefetch.patient");
        assertThat(JSON.readTree(r.body()).path("error").path("rule").asText()).contains("HTTP_STATUS 404");

        fhir.route("Patient", (page, base) -> Fhir.ok("{\"resourceType\":\"Patient\",\"id\":\"p2\",\"birthDate\":\"1980-04-02\"}"));
        r = ServiceFixture.post(server.baseUri().resolve("/cds-services/zorgregels"), c.toString(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(412);
    }

    @Test
    void withoutFhirServerAccessWhatIsNotPrefetchedIsNamedNotSilentlyLeftOut() throws Exception {
        // the Patient only: no decision card, but one card that says what was not read
        JsonNode r = JSON.readTree(ServiceFixture.post(server.baseUri().resolve("/cds-services/zorgregels"),
                ServiceFixture.call("patient-only", "2026-11-23"), null).body());
        assertThat(unreadable(r)).containsExactly(Map.entry("conditions", "NOT_PREFETCHED"),
                Map.entry("observations", "NOT_PREFETCHED"), Map.entry("procedures", "NOT_PREFETCHED"),
                Map.entry("coverages", "NOT_PREFETCHED"), Map.entry("questionnaireResponses", "NOT_PREFETCHED"));
        assertThat(r.path("cards")).hasSize(1);
        assertThat(r.path("cards").get(0).path("summary").asText()).startsWith("Zorgregels kon een deel van het dossier niet lezen");
        assertThat(r.path("cards").get(0).path("detail").asText()).contains("Aandoeningen").contains("niet met de aanroep meegestuurd");

        // a fhirServer without a token is no access either: nothing is fetched
        ObjectNode c = example.deepCopy();
        c.put("hookInstance", "no-token");
        c.put("fhirServer", fhir.base());
        prefetch(c).remove("procedures");
        JsonNode noToken = post(server, c);
        assertReadWithout(noToken, Map.entry("procedures", "NOT_PREFETCHED"));
        assertThat(fhir.calls).isEmpty();
    }

    @Test
    void malformedFhirServerOrAuthorizationIs400() throws Exception {
        URI service = server.baseUri().resolve("/cds-services/zorgregels");
        ObjectNode c = call("bad-access");
        c.put("fhirServer", "ftp://ehr.example/fhir");
        assertBadRequest(service, c, "fhirServer");
        c = call("bad-access");
        ((ObjectNode) c.get("fhirAuthorization")).put("token_type", "MAC");
        assertBadRequest(service, c, "fhirAuthorization.token_type");
        c = call("bad-access");
        ((ObjectNode) c.get("fhirAuthorization")).put("access_token", "a\r\nX-Other: 1");
        assertBadRequest(service, c, "fhirAuthorization.access_token");
        assertThat(fhir.calls).isEmpty();
    }

    private static void assertBadRequest(URI service, JsonNode call, String field) throws Exception {
        HttpResponse<String> r = ServiceFixture.post(service, call.toString(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").path("field").asText()).isEqualTo(field);
    }

    /** A searchset Bundle with these entries and, if not null, a next link. */
    static String bundle(List<JsonNode> entries, String next) {
        ObjectNode b = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        if (next != null) {
            b.putArray("link").addObject().put("relation", "next").put("url", next);
        }
        ArrayNode list = b.putArray("entry");
        entries.forEach(list::add);
        return b.toString();
    }

    /**
     * A FHIR server on loopback: by default it answers the reads and searches of the prefetch
     * templates with the example's Patient and searchsets; a test routes a resource type elsewhere.
     * It records every request.
     */
    static final class Fhir implements AutoCloseable {
        record Call(String type, String target, String authorization, String accept) {
        }

        record Answer(int status, String body) {
        }

        interface Route {
            Answer answer(int page, String base) throws Exception;
        }

        static Answer ok(String body) {
            return new Answer(200, body);
        }

        final Queue<Call> calls = new ConcurrentLinkedQueue<>();
        private final Map<String, Route> routes = new ConcurrentHashMap<>();
        private final HttpServer http;
        private final ExecutorService threads = Executors.newCachedThreadPool();

        Fhir() throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.setExecutor(threads);
            http.createContext("/fhir/", this::handle);
            http.start();
        }

        String base() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/fhir";
        }

        void reset() {
            calls.clear();
            routes.clear();
        }

        void route(String type, Route route) {
            routes.put(type, route);
        }

        private void handle(HttpExchange ex) throws IOException {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            String target = URLDecoder.decode(path, StandardCharsets.UTF_8)
                    + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8));
            String type = path.substring("/fhir/".length()).split("/")[0];
            calls.add(new Call(type, target, ex.getRequestHeaders().getFirst("Authorization"),
                    ex.getRequestHeaders().getFirst("Accept")));
            int page = query != null && query.startsWith("_page=") ? Integer.parseInt(query.substring(6)) : 1;
            Answer answer;
            try {
                Route route = routes.get(type);
                answer = route != null ? route.answer(page, base()) : standard(type, path);
            } catch (Exception e) {
                answer = new Answer(500, "{}");
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/fhir+json");
            try {
                ex.sendResponseHeaders(answer.status(), body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (IOException e) {
                // the service gave up on this answer (its deadline): nothing to do
            } finally {
                ex.close();
            }
        }

        /** The example's Patient for a read of it, the example's searchset for a search. */
        private static Answer standard(String type, String path) {
            if (type.equals("Patient")) {
                return path.equals("/fhir/Patient/" + PATIENT) ? ok(example.path("prefetch").get("patient").toString())
                        : new Answer(404, "{\"resourceType\":\"OperationOutcome\"}");
            }
            for (Map.Entry<String, String> e : TYPES.entrySet()) {
                if (e.getValue().equals(type)) {
                    return ok(example.path("prefetch").get(e.getKey()).toString());
                }
            }
            return new Answer(404, "{\"resourceType\":\"OperationOutcome\"}");
        }

        @Override
        public void close() {
            http.stop(0);
            threads.shutdownNow();
        }
    }
}
