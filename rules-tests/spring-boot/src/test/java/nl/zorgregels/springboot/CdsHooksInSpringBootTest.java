package nl.zorgregels.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.service.CdsHooksServlet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The vendor's Spring Boot 3.5 application, started on a random port with its own Tomcat, answers
 * CDS Hooks at the mapping it gave the servlet: the discovery and the decision of the shipped
 * examples ({@code examples/cds-hooks}), the typed errors, and nothing of Jetty on its class path.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CdsHooksInSpringBootTest {
    private static final Path EXAMPLES = Path.of("../../examples/cds-hooks");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private ReloadableEngine engine;

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(at(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(at(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void discoveryIsTheShippedExample() throws Exception {
        HttpResponse<String> r = get("/zorgregels/cds-services");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWithIgnoringCase("application/json"));
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree(Files.readString(EXAMPLES.resolve("discovery.json"))));
        // the service is not at the application's root: that is the application's (404 from Spring)
        assertThat(get("/cds-services").statusCode()).isEqualTo(404);
    }

    @Test
    void theExampleCallGetsTheExampleDecision() throws Exception {
        HttpResponse<String> r = post("/zorgregels/cds-services/zorgregels", Files.readString(EXAMPLES.resolve("request.json")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        JsonNode expected = JSON.readTree(Files.readString(EXAMPLES.resolve("response.json")));
        assertThat(answer.path("extension").path("nl.zorgregels.decision"))
                .isEqualTo(expected.path("extension").path("nl.zorgregels.decision"))
                .isNotEmpty();
        assertThat(summaries(answer)).isEqualTo(summaries(expected)).isNotEmpty();
        // the knowledge base deciding is the one this application serves
        assertThat(answer.path("extension").path("nl.zorgregels.decision").path("knowledgeBase").path("checksum").asText())
                .isEqualTo(engine.knowledgeBase().checksum());
    }

    /** Each card's summary and indicator (its uuid differs per call). */
    private static List<String> summaries(JsonNode response) {
        List<String> out = new ArrayList<>();
        response.path("cards").forEach(c -> out.add(c.path("indicator").asText() + " | " + c.path("summary").asText()));
        return out;
    }

    @Test
    void aBadRequestGetsTheTypedErrorNamingTheField() throws Exception {
        String request = Files.readString(EXAMPLES.resolve("request.json")).replace("\"hook\": \"patient-view\"", "\"hook\": \"order-sign\"");
        assertThat(request).contains("order-sign");
        HttpResponse<String> r = post("/zorgregels/cds-services/zorgregels", request);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("status").asInt()).isEqualTo(400);
        assertThat(error.path("field").asText()).isEqualTo("hook");
        assertThat(error.path("rule").asText()).isNotBlank();
        HttpResponse<String> notJson = post("/zorgregels/cds-services/zorgregels", "nope");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).path("error").path("field").asText()).isEqualTo("$");
    }

    @Test
    void getOnTheServiceIs405AndUnknownPaths404() throws Exception {
        HttpResponse<String> r = get("/zorgregels/cds-services/zorgregels");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(JSON.readTree(r.body()).path("error").path("field").asText()).isEqualTo("method");
        HttpResponse<String> other = post("/zorgregels/cds-services/other", "{}");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(other.body()).path("error").path("rule").asText()).contains("no CDS service other");
        HttpResponse<String> health = get("/zorgregels/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("knowledgeBase").path("checksum").asText()).isEqualTo(engine.knowledgeBase().checksum());
    }

    /**
     * No Jetty on the application's class path: Boot's Jetty 12.0 and ours (12.1) cannot clash. Nor
     * the standalone server's metrics (Prometheus) or Drools' compiler, which the servlet does without.
     */
    @Test
    void noJettyOnTheClassPath() {
        for (String absent : List.of("org.eclipse.jetty.server.Server", "org.eclipse.jetty.ee10.servlet.ServletContextHandler",
                "io.prometheus.metrics.core.metrics.Counter", "org.drools.model.codegen.ExecutableModelProject")) {
            assertThatThrownBy(() -> Class.forName(absent)).as(absent).isInstanceOf(ClassNotFoundException.class);
        }
        // what does answer is Boot's Tomcat, with the servlet API of Tomcat's embedded jar
        assertThat(org.apache.catalina.startup.Tomcat.class).isNotNull();
        assertThat(jakarta.servlet.http.HttpServlet.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .contains("tomcat-embed-core");
    }

    /**
     * Without a trust file requests are not authenticated, so only a client on a loopback address
     * is answered: one from another machine gets 403 (the servlet called directly, with Spring's
     * mock request giving the remote address); /health answers it.
     */
    @Test
    void withoutATrustFileOnlyLoopbackClientsAreAnswered() throws Exception {
        CdsHooksServlet servlet = CdsHooksServlet.builder(engine).build();
        MockHttpServletResponse refused = get(servlet, "/cds-services", "10.1.2.3");
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(JSON.readTree(refused.getContentAsString()).path("error").path("rule").asText()).contains("trust file");
        assertThat(get(servlet, "/cds-services", "127.0.0.1").getStatus()).isEqualTo(200);
        assertThat(get(servlet, "/health", "10.1.2.3").getStatus()).isEqualTo(200);
    }

    /** GET /zorgregels + path from a client at that address, the servlet mapped at /zorgregels/*. */
    private static MockHttpServletResponse get(CdsHooksServlet servlet, String path, String remoteAddress) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/zorgregels" + path);
        request.setServletPath("/zorgregels");
        request.setPathInfo(path);
        request.setRemoteAddr(remoteAddress);
        MockHttpServletResponse response = new MockHttpServletResponse();
        servlet.service(request, response);
        return response;
    }
}
