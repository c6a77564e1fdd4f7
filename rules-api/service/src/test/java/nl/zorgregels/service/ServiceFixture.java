package nl.zorgregels.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Keys, a trust file and signed tokens for the service tests, made with nimbus-jose-jwt. */
final class ServiceFixture {
    static final String ISSUER = "https://ehr.test.example";
    static final String EC_ISSUER = "https://ec-ehr.test.example";

    final RSAKey rsa;
    final ECKey ec;
    final RSAKey stranger;

    ServiceFixture() {
        try {
            rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
            stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate(); // same kid, other key
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a trust file listing the RSA issuer and the EC issuer (public keys only). */
    Path trustFile(Path dir) throws IOException {
        String json = "[{\"iss\":\"" + ISSUER + "\",\"jwks\":{\"keys\":[" + rsa.toPublicJWK().toJSONString() + "]}},"
                + "{\"iss\":\"" + EC_ISSUER + "\",\"jwks\":{\"keys\":[" + ec.toPublicJWK().toJSONString() + "]}}]";
        Path file = dir.resolve("trust.json");
        Files.writeString(file, json);
        return file;
    }

    /** A token with the claims CDS Hooks asks for, valid now for five minutes. */
    static JWTClaimsSet.Builder claims(String iss, String aud) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(iss).subject("client-1").audience(aud)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(240)))
                .jwtID(UUID.randomUUID().toString());
    }

    static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String rsaToken(String aud) {
        return sign(rsa, JWSAlgorithm.RS256, claims(ISSUER, aud).build());
    }

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    static HttpResponse<String> post(URI uri, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A minimal patient-view call with a prefetched Patient. */
    static String call(String hookInstance, String date) {
        return "{\"hook\":\"patient-view\",\"hookInstance\":\"" + hookInstance + "\",\"context\":{\"userId\":\"Practitioner/1\","
                + "\"patientId\":\"p1\"},\"extension\":{\"nl.zorgregels.assessmentDate\":\"" + date + "\"},"
                + "\"prefetch\":{\"patient\":{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"1980-04-02\"}}}";
    }

    static List<String> lines(String s) {
        return s.lines().toList();
    }
}
