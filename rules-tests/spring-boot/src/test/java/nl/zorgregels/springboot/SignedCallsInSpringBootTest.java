package nl.zorgregels.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.service.CdsHooksServlet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The servlet mounted with a trust file, as a vendor deploys it: a CDS client's call signed by a
 * trusted issuer (ES384, "Trusting CDS Clients") is answered when the token's {@code aud} is the URL
 * it called, context path and the servlet's mapping included; the same token for the URL without the
 * mapping, and a call without a token, get 401 with {@code WWW-Authenticate}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignedCallsInSpringBootTest {
    private static final String ISSUER = "https://ehr.test.example";
    private static final ECKey KEY;
    private static final Path TRUST;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    static {
        try {
            KEY = new ECKeyGenerator(Curve.P_384).keyID("ehr-1").generate();
            TRUST = Files.createTempFile("trust", ".json");
            Files.writeString(TRUST, "[{\"iss\":\"" + ISSUER + "\",\"jwks\":{\"keys\":[" + KEY.toPublicJWK().toJSONString() + "]}}]");
            TRUST.toFile().deleteOnExit();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A second mount of the service, at /secure/*, with the trust file. */
    @TestConfiguration
    static class Secured {
        @Bean
        ServletRegistrationBean<CdsHooksServlet> secured(ReloadableEngine engine) {
            ServletRegistrationBean<CdsHooksServlet> bean = new ServletRegistrationBean<>(
                    CdsHooksServlet.builder(engine).trustFile(TRUST).build(), "/secure/*");
            bean.setName("zorgregels-secured");
            return bean;
        }
    }

    @LocalServerPort
    private int port;

    private String token(String aud) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("client-1").audience(aud)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(240))).jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(KEY.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(KEY));
        return jwt.serialize();
    }

    private HttpResponse<String> call(String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(Path.of("../../examples/cds-hooks/request.json"))));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedCallForTheMountedUrlIsAnsweredAndOthersAreRefused() throws Exception {
        String service = "/secure/cds-services/zorgregels";
        HttpResponse<String> signed = call(service, token("http://127.0.0.1:" + port + service));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(signed.body()).path("cards").size()).isPositive();

        HttpResponse<String> wrongAudience = call(service, token("http://127.0.0.1:" + port + "/cds-services/zorgregels"));
        assertThat(wrongAudience.statusCode()).as(wrongAudience.body()).isEqualTo(401);
        assertThat(wrongAudience.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        HttpResponse<String> none = call(service, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
    }
}
