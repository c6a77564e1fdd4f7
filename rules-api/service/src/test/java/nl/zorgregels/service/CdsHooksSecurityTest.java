package nl.zorgregels.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CDS Hooks "Trusting CDS Clients": every refusal is a 401, a valid token is served, /health needs none. */
class CdsHooksSecurityTest {
    @TempDir
    static Path dir;
    static ServiceFixture keys;
    static CdsHooksServer server;
    static URI service;
    static String aud;

    @BeforeAll
    static void start() throws Exception {
        keys = new ServiceFixture();
        server = TestServers.builder(new ReloadableEngine(TestServers.engine())).trustFile(keys.trustFile(dir)).start();
        service = server.baseUri().resolve("/cds-services/zorgregels");
        aud = service.toString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(String token) throws Exception {
        return ServiceFixture.post(service, ServiceFixture.call(UUID.randomUUID().toString(), "2026-11-23"), token);
    }

    private static void refused(String token, String reason) throws Exception {
        HttpResponse<String> r = call(token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(r.body()).contains(reason).doesNotContain("cards");
    }

    @Test
    void validRsaAndEcTokensAreServed() throws Exception {
        HttpResponse<String> r = call(keys.rsaToken(aud));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"cards\":[");
        String es = ServiceFixture.sign(keys.ec, JWSAlgorithm.ES256, ServiceFixture.claims(ServiceFixture.EC_ISSUER, aud).build());
        assertThat(call(es).statusCode()).isEqualTo(200);
        String rs512 = ServiceFixture.sign(keys.rsa, JWSAlgorithm.RS512, ServiceFixture.claims(ServiceFixture.ISSUER, aud).build());
        assertThat(call(rs512).statusCode()).isEqualTo(200);
    }

    @Test
    void noToken() throws Exception {
        refused(null, "no bearer token");
    }

    @Test
    void notBearer() throws Exception {
        HttpResponse<String> r = ServiceFixture.CLIENT.send(java.net.http.HttpRequest.newBuilder(service)
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ServiceFixture.call("x", "2026-11-23"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Bearer");
    }

    @Test
    void garbageToken() throws Exception {
        refused("not.a.jwt", "not a JWT");
    }

    @Test
    void badSignature() throws Exception {
        // same kid and issuer, signed by a key not in the trust file
        refused(ServiceFixture.sign(keys.stranger, JWSAlgorithm.RS256, ServiceFixture.claims(ServiceFixture.ISSUER, aud).build()),
                "signature does not verify");
    }

    @Test
    void tamperedClaims() throws Exception {
        String good = keys.rsaToken(aud);
        String[] parts = good.split("\\.");
        String other = ServiceFixture.sign(keys.stranger, JWSAlgorithm.RS256,
                ServiceFixture.claims(ServiceFixture.ISSUER, aud).subject("someone-else").build()).split("\\.")[1];
        refused(parts[0] + "." + other + "." + parts[2], "signature does not verify");
    }

    @Test
    void unknownIssuer() throws Exception {
        refused(ServiceFixture.sign(keys.rsa, JWSAlgorithm.RS256, ServiceFixture.claims("https://other.example", aud).build()),
                "not in the trust file");
    }

    @Test
    void algNone() throws Exception {
        refused(new PlainJWT(ServiceFixture.claims(ServiceFixture.ISSUER, aud).build()).serialize(), "not signed");
    }

    /** CDS Hooks 2.0: the JWT header SHALL contain kid; a token signed by a trusted key but without it is refused. */
    @Test
    void noKid() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                ServiceFixture.claims(ServiceFixture.ISSUER, aud).build());
        jwt.sign(new RSASSASigner(keys.rsa));
        refused(jwt.serialize(), "header has no kid");
    }

    @Test
    void hmac() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), ServiceFixture.claims(ServiceFixture.ISSUER, aud).build());
        jwt.sign(new MACSigner(keys.rsa.toPublicJWK().toRSAPublicKey().getEncoded()));
        refused(jwt.serialize(), "alg HS256 is not allowed");
    }

    @Test
    void wrongAudience() throws Exception {
        refused(keys.rsaToken("https://another-service.example/cds-services/zorgregels"), "does not name this service's URL");
        refused(keys.rsaToken(server.baseUri().resolve("/cds-services").toString()), "does not name this service's URL");
    }

    @Test
    void noAudience() throws Exception {
        JWTClaimsSet c = ServiceFixture.claims(ServiceFixture.ISSUER, aud).audience((String) null).build();
        refused(ServiceFixture.sign(keys.rsa, JWSAlgorithm.RS256, c), "no aud");
    }

    @Test
    void expired() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet c = ServiceFixture.claims(ServiceFixture.ISSUER, aud).issueTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.minusSeconds(1))).build();
        refused(ServiceFixture.sign(keys.rsa, JWSAlgorithm.RS256, c), "expired");
    }

    @Test
    void noExpiry() throws Exception {
        JWTClaimsSet c = ServiceFixture.claims(ServiceFixture.ISSUER, aud).expirationTime(null).build();
        refused(ServiceFixture.sign(keys.rsa, JWSAlgorithm.RS256, c), "no exp");
    }

    @Test
    void expiryTooFarAhead() throws Exception {
        JWTClaimsSet c = ServiceFixture.claims(ServiceFixture.ISSUER, aud)
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
        refused(ServiceFixture.sign(keys.rsa, JWSAlgorithm.RS256, c), "more than five minutes ahead");
    }

    @Test
    void issuedInTheFuture() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet c = ServiceFixture.claims(ServiceFixture.ISSUER, aud).issueTime(Date.from(now.plusSeconds(120)))
                .expirationTime(Date.from(now.plusSeconds(300))).build();
        refused(ServiceFixture.sign(keys.rsa, JWSAlgorithm.RS256, c), "in the future");
    }

    @Test
    void issuedWithinTheSkewIsServed() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet c = ServiceFixture.claims(ServiceFixture.ISSUER, aud).issueTime(Date.from(now.plusSeconds(30))).build();
        assertThat(call(ServiceFixture.sign(keys.rsa, JWSAlgorithm.RS256, c)).statusCode()).isEqualTo(200);
    }

    @Test
    void noIssueTime() throws Exception {
        JWTClaimsSet c = ServiceFixture.claims(ServiceFixture.ISSUER, aud).issueTime(null).build();
        refused(ServiceFixture.sign(keys.rsa, JWSAlgorithm.RS256, c), "no iat");
    }

    @Test
    void replayedJti() throws Exception {
        String token = keys.rsaToken(aud);
        assertThat(call(token).statusCode()).isEqualTo(200);
        refused(token, "was used before");
        // a new token with the same jti is a replay too
        String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        refused(ServiceFixture.sign(keys.rsa, JWSAlgorithm.RS256, ServiceFixture.claims(ServiceFixture.ISSUER, aud).jwtID(jti).build()),
                "was used before");
    }

    @Test
    void noJti() throws Exception {
        JWTClaimsSet c = ServiceFixture.claims(ServiceFixture.ISSUER, aud).jwtID(null).build();
        refused(ServiceFixture.sign(keys.rsa, JWSAlgorithm.RS256, c), "no jti");
    }

    @Test
    void everyRouteButHealthNeedsAToken() throws Exception {
        URI discovery = server.baseUri().resolve("/cds-services");
        assertThat(ServiceFixture.get(discovery, null).statusCode()).isEqualTo(401);
        assertThat(ServiceFixture.get(discovery, keys.rsaToken(discovery.toString())).statusCode()).isEqualTo(200);
        URI feedback = server.baseUri().resolve("/cds-services/zorgregels/feedback");
        assertThat(ServiceFixture.post(feedback, "{\"feedback\":[]}", null).statusCode()).isEqualTo(401);
        // with a token the request reaches the feedback check (an empty list is malformed feedback: 400, not 401)
        assertThat(ServiceFixture.post(feedback, "{\"feedback\":[]}", keys.rsaToken(feedback.toString())).statusCode()).isEqualTo(400);
        HttpResponse<String> health = ServiceFixture.get(server.baseUri().resolve("/health"), null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains(server.engine().knowledgeBase().checksum());
    }

    @Test
    void trustFileErrorsNameTheEntry() throws Exception {
        Path bad = dir.resolve("bad-trust.json");
        java.nio.file.Files.writeString(bad, "[{\"iss\":\"a\",\"jwks\":{\"keys\":[" + keys.rsa.toJSONString() + "]}}]");
        assertThatThrownBy(() -> TestServers.builder(server.engine()).trustFile(bad).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0].jwks.keys[0]").hasMessageContaining("private key");
        java.nio.file.Files.writeString(bad, "[{\"iss\":\"a\",\"jwks\":{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}}]");
        assertThatThrownBy(() -> TestServers.builder(server.engine()).trustFile(bad).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key type oct is not allowed");
    }

    @Test
    void nonLoopbackHostNeedsATrustFile() {
        assertThatThrownBy(() -> TestServers.builder(server.engine()).host("0.0.0.0").start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a loopback address");
    }

    static ZorgregelsEngine engine() {
        return TestServers.engine();
    }
}
