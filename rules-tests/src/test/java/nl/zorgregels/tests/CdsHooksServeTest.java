package nl.zorgregels.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.nio.file.Path;
import java.util.SplittableRandom;
import nl.zorgregels.cli.scenario.Scenario;
import nl.zorgregels.api.ZorgregelsEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code serve} command as an EHR meets it: the packaged jar started by the test on a free
 * loopback port, called with the JDK {@code HttpClient}, with JWTs of a test EHR in the trust file.
 * Two instances stand behind one "load balancer" URL ({@code --public-url}, the tokens' {@code aud})
 * and share nothing.
 */
class CdsHooksServeTest {
    static final String PUBLIC = "https://cds.test.example";
    static final String SERVICE = PUBLIC + "/cds-services/zorgregels";

    @TempDir
    static Path dir;
    static CdsCalls.Ehr ehr;
    static ServeProcess a;
    static ServeProcess b;

    @BeforeAll
    static void start() throws Exception {
        ehr = new CdsCalls.Ehr();
        Path trust = ehr.trustFile(dir);
        a = ServeProcess.start(dir.resolve("a.log"), "--trust", trust.toString(), "--public-url", PUBLIC);
        b = ServeProcess.start(dir.resolve("b.log"), "--trust", trust.toString(), "--public-url", PUBLIC);
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private static HttpResponse<String> call(ServeProcess to, String body) throws Exception {
        return CdsCalls.post(to.base.resolve("/cds-services/zorgregels"), body, ehr.token(SERVICE));
    }

    /**
     * Every scenario whose input has post-COVID or ALK facts, sent as a CDS Hooks call (prefetch
     * from the FHIR round trip's writer), gives cards whose decision is {@code evaluate}'s, byte
     * for byte (its output without the layout), one card per part. The calls alternate between
     * the two instances; every fifth is sent to both, and both answer the same bytes.
     */
    @Test
    void everyScenarioGivesEvaluatesDecisionInItsCards() throws Exception {
        ZorgregelsEngine engine = Engines.shared();
        SplittableRandom random = new SplittableRandom(20261201L);
        int decided = 0;
        int refusedByJson = 0;
        int both = 0;
        int i = 0;
        for (Scenario s : ScenarioLoader.allScenarios()) {
            ObjectNode input = FhirCases.normalised(s.input());
            if (!CdsCalls.hasPart(input)) {
                continue;
            }
            i++;
            String expected = CdsCalls.expected(input, engine);
            if (expected == null) {
                refusedByJson++; // the JSON contract refuses it, so it has no FHIR form to send
                continue;
            }
            String label = s.toString() + "\n" + input;
            String body = CdsCalls.call(input, "scenario-" + i, random.split());
            ServeProcess to = i % 2 == 0 ? a : b;
            HttpResponse<String> r = call(to, body);
            assertThat(r.statusCode()).as(label + "\n" + r.body()).isEqualTo(200);
            assertThat(CdsCalls.decisionOf(r.body())).as(label).isEqualTo(expected);

            CliRunner.Result evaluate = CliRunner.run(CdsCalls.JSON.writeValueAsBytes(input), "evaluate", "-");
            assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
            assertThat(CdsCalls.JSON.writeValueAsString(CdsCalls.JSON.readTree(evaluate.out()))).as(label).isEqualTo(expected);

            JsonNode cards = CdsCalls.JSON.readTree(r.body()).path("cards");
            JsonNode decision = CdsCalls.JSON.readTree(expected);
            assertThat(cards).as(label).hasSize((decision.has("postCovid") ? 1 : 0) + (decision.has("alk") ? 1 : 0));
            for (JsonNode card : cards) {
                assertThat(card.path("summary").asText().codePointCount(0, card.path("summary").asText().length()))
                        .isBetween(1, 140);
                assertThat(card.path("source").path("label").asText()).contains(engine.knowledgeBase().version());
                assertThat(card.path("indicator").asText()).isIn("info", "warning");
            }
            if (i % 5 == 0) {
                HttpResponse<String> other = call(to == a ? b : a, body);
                assertThat(other.body()).as("the other instance, " + label).isEqualTo(r.body());
                both++;
            }
            decided++;
        }
        assertThat(decided).isGreaterThan(100);
        assertThat(both).isGreaterThan(20);
        Figures.report("serve: {} scenarios with post-COVID or ALK facts decided through CDS Hooks as evaluate decides them, "
                + "{} of them by both instances with the same bytes; {} refused by the JSON contract (no FHIR form)", decided, both, refusedByJson);
    }

    @Test
    void aRequestWithoutATokenIsRefusedAndHealthNeedsNone() throws Exception {
        HttpResponse<String> r = CdsCalls.post(a.base.resolve("/cds-services/zorgregels"), "{}", null);
        assertThat(r.statusCode()).isEqualTo(401);
        HttpResponse<String> health = CdsCalls.get(b.base.resolve("/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains(Engines.shared().knowledgeBase().checksum());
        assertThat(a.stderr()).contains("refused POST /cds-services/zorgregels: no bearer token");
    }

    /** Bad requests to the process, each with a valid token: the right status, and it still serves. */
    @Test
    void badRequestsGetTheirStatusAndTheServiceStillServes() throws Exception {
        java.net.URI service = a.base.resolve("/cds-services/zorgregels");
        assertThat(CdsCalls.post(service, "{\"hook\": \"patient-view\",", ehr.token(SERVICE)).statusCode()).isEqualTo(400);
        HttpResponse<String> types = CdsCalls.post(service, "{\"hook\":\"patient-view\",\"hookInstance\":1,\"context\":{\"patientId\":\"p\"}}",
                ehr.token(SERVICE));
        assertThat(types.statusCode()).isEqualTo(400);
        assertThat(types.body()).contains("\"field\":\"hookInstance\"");
        String huge = "{\"hook\":\"patient-view\",\"pad\":\"" + "x".repeat((1 << 20) + 1) + "\"}";
        assertThat(CdsCalls.post(service, huge, ehr.token(SERVICE)).statusCode()).isEqualTo(413);
        assertThat(CdsCalls.post(a.base.resolve("/cds-services/other"), "{}", ehr.token(PUBLIC + "/cds-services/other")).statusCode())
                .isEqualTo(404);
        HttpResponse<String> get = CdsCalls.CLIENT.send(java.net.http.HttpRequest.newBuilder(service)
                .header("Authorization", "Bearer " + ehr.token(SERVICE)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        String example = Files.readString(ServeProcess.ROOT.resolve("examples/cds-hooks/request.json"));
        HttpResponse<String> still = call(a, example);
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(CdsCalls.decisionOf(still.body())).isNotNull();
    }

    /**
     * Every decision served leaves one audit record (NEN 7513: who looked at which patient, when):
     * a JSON line on the logger nl.zorgregels.audit with the client's iss and sub, the user, the
     * patient id, hookInstance, the outcome per part and the knowledge base, and none of the facts.
     */
    @Test
    void everyDecisionServedLeavesOneAuditRecordWithoutThePatientsFacts() throws Exception {
        String hook = "audit-" + UUID.randomUUID();
        String example = Files.readString(ServeProcess.ROOT.resolve("examples/cds-hooks/request.json"))
                .replace("\"hookInstance\": \"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\"", "\"hookInstance\": \"" + hook + "\"");
        HttpResponse<String> r = call(a, example);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        long deadline = System.nanoTime() + 10_000_000_000L; // the audit trail is written asynchronously
        while (!a.stderr().contains("\"hookInstance\":\"" + hook + "\"") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<String> records = a.stderr().lines().filter(l -> l.contains("\"hookInstance\":\"" + hook + "\"")).toList();
        assertThat(records).hasSize(1);
        com.fasterxml.jackson.databind.JsonNode audit = new com.fasterxml.jackson.databind.ObjectMapper().readTree(records.get(0));
        assertThat(audit.path("event").asText()).isEqualTo("decision");
        assertThat(audit.path("channel").asText()).isEqualTo("cds-hooks");
        assertThat(audit.path("client").path("iss").asText()).isEqualTo(CdsCalls.Ehr.ISSUER);
        assertThat(audit.path("client").path("sub").asText()).isEqualTo("ehr-client");
        assertThat(audit.path("user").asText()).isEqualTo("Practitioner/gp-17");
        assertThat(audit.path("patient").asText()).isEqualTo("p1");
        com.fasterxml.jackson.databind.JsonNode decision = new com.fasterxml.jackson.databind.ObjectMapper().readTree(CdsCalls.decisionOf(r.body()));
        assertThat(audit.path("outcome").path("postCovid").asText()).isEqualTo(decision.path("postCovid").path("outcome").asText());
        assertThat(audit.path("outcome").path("alk").asText()).isEqualTo(decision.path("alk").path("outcome").asText());
        assertThat(audit.path("knowledgeBase").path("checksum").asText()).isEqualTo(Engines.shared().knowledgeBase().checksum());
        assertThat(audit.path("durationMicros").asLong()).isPositive();
        List<String> fields = new ArrayList<>();
        audit.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("time", "event", "channel", "client", "user", "patient", "hookInstance", "case",
                "outcome", "knowledgeBase", "durationMicros");
        assertThat(records.get(0)).doesNotContain("birthDate").doesNotContain("bellScore").doesNotContain("1980");
    }

    /** Feedback on a card the process issued is logged with the KB version, and never the clinician's free text. */
    @Test
    void feedbackIsLoggedWithTheKnowledgeBaseVersionAndWithoutFreeText() throws Exception {
        String example = Files.readString(ServeProcess.ROOT.resolve("examples/cds-hooks/request.json"));
        HttpResponse<String> issued = call(b, example);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        String card = new com.fasterxml.jackson.databind.ObjectMapper().readTree(issued.body()).path("cards").get(0).path("uuid").asText();
        String feedback = PUBLIC + "/cds-services/zorgregels/feedback";
        String comment = "Moeder wil eerst afwachten, zie gesprek 12-11";
        HttpResponse<String> r = CdsCalls.post(b.base.resolve("/cds-services/zorgregels/feedback"),
                "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":"
                        + "{\"code\":\"patient-declines\"},\"userComment\":\"" + comment + "\"},"
                        + "\"outcomeTimestamp\":\"2026-11-23T10:00:00Z\"}]}", ehr.token(feedback));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String version = Engines.shared().knowledgeBase().version();
        long deadline = System.nanoTime() + 10_000_000_000L; // the access and feedback log is written asynchronously
        while (!b.stderr().contains("card=" + card) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(b.stderr()).contains("feedback kb=" + version).contains("card=" + card + " outcome=overridden")
                .contains("overrideReason=|patient-declines").doesNotContain(comment).doesNotContain("Moeder");
    }

    @Test
    void aNonLoopbackHostWithoutATrustFileIsRefused() throws Exception {
        ServeProcess.Result r = ServeProcess.runToEnd("--host", "0.0.0.0", "--port", "0");
        assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("not a loopback address").contains("--trust");
        ServeProcess.Result bad = ServeProcess.runToEnd("--port", "0", "--trust", dir.resolve("nothing.json").toString());
        assertThat(bad.exitCode()).as(bad.output()).isEqualTo(2);
        Path broken = Files.writeString(dir.resolve("broken-trust.json"), "[{\"iss\":\"x\"}]");
        ServeProcess.Result invalid = ServeProcess.runToEnd("--port", "0", "--trust", broken.toString());
        assertThat(invalid.exitCode()).as(invalid.output()).isEqualTo(2);
        assertThat(invalid.output()).contains("[0].jwks");
    }

    /** SIGTERM while a request is being received: it is answered in full, then the process ends. */
    @Test
    void sigtermLetsARequestInFlightFinish() throws Exception {
        ServeProcess c = ServeProcess.start(dir.resolve("c.log"));
        try (Socket socket = new Socket(c.base.getHost(), c.base.getPort())) {
            socket.setSoTimeout(30_000);
            byte[] body = Files.readString(ServeProcess.ROOT.resolve("examples/cds-hooks/request.json")).getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /cds-services/zorgregels HTTP/1.1\r\nHost: " + c.base.getAuthority() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(1000);
            c.process.destroy(); // SIGTERM
            Thread.sleep(1000);
            assertThat(c.process.isAlive()).as("still finishing the request in flight").isTrue();
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"cards\":[").contains("nl.zorgregels.decision");
        }
        assertThat(c.terminate()).isNotEqualTo(-1);
        assertThat(c.stderr()).contains("stopping").contains("stopped");
    }

    /**
     * {@code --kb DIR --watch}: an edit is served once it builds; a broken edit is refused and the
     * knowledge base before it keeps serving, and {@code /health} says which one serves.
     */
    @Test
    void watchReloadsAndKeepsTheOldKnowledgeBaseWhenTheNewOneFails() throws Exception {
        Path kb = KbSources.copy(dir.resolve("kb"));
        ServeProcess w = ServeProcess.start(dir.resolve("w.log"), "--kb", kb.toString(), "--watch");
        try {
            String first = checksum(w);
            Path messages = kb.resolve("nl/zorgregels/kb/messages_en.properties");
            Files.writeString(messages, Files.readString(messages) + "\n# edited by CdsHooksServeTest\n");
            String second = awaitChecksumOtherThan(w, first);
            assertThat(w.stderr()).contains("knowledge base reloaded");

            Path drl = Files.walk(kb).filter(p -> p.toString().endsWith(".drl")).sorted().findFirst().orElseThrow();
            Files.writeString(drl, Files.readString(drl) + "\nrule \"broken\" when then this is not java; end\n");
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!w.stderr().contains("refused, still serving") && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(w.stderr()).contains("refused, still serving");
            assertThat(checksum(w)).isEqualTo(second);
            HttpResponse<String> r = CdsCalls.post(w.base.resolve("/cds-services/zorgregels"),
                    Files.readString(ServeProcess.ROOT.resolve("examples/cds-hooks/request.json")), null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(CdsCalls.JSON.readTree(CdsCalls.decisionOf(r.body())).path("knowledgeBase").path("checksum").asText())
                    .isEqualTo(second);
            // /metrics counts both attempts and names the knowledge base serving
            String metrics = CdsCalls.get(w.base.resolve("/metrics")).body();
            assertThat(counter(metrics, "zorgregels_knowledge_base_reloads_total{result=\"ok\"}")).isGreaterThanOrEqualTo(1);
            assertThat(counter(metrics, "zorgregels_knowledge_base_reloads_total{result=\"refused\"}")).isGreaterThanOrEqualTo(1);
            assertThat(metrics).contains("zorgregels_knowledge_base_info{checksum=\"" + second + "\"");
        } finally {
            w.close();
        }
    }

    /** The value of one series in Prometheus text format; -1 when it is not there. */
    private static double counter(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElse(-1);
    }

    private static String checksum(ServeProcess p) throws Exception {
        return CdsCalls.JSON.readTree(CdsCalls.get(p.base.resolve("/health")).body()).path("knowledgeBase").path("checksum").asText();
    }

    private static String awaitChecksumOtherThan(ServeProcess p, String old) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        String now = checksum(p);
        while (now.equals(old) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            now = checksum(p);
        }
        assertThat(now).as("reloaded within 180 s").isNotEqualTo(old);
        return now;
    }
}
