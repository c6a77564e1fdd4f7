package nl.zorgregels.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
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
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import nl.zorgregels.api.DecisionJson;
import nl.zorgregels.model.InvalidInputException;
import org.hl7.fhir.r4.model.Bundle;

/**
 * CDS Hooks calls for the service tests: a section-4 case written as FHIR by {@link FhirCases}
 * (the FHIR round trip's writer) and laid out as an EHR sends it, the Patient in
 * {@code prefetch.patient} and the other resources in the searchset Bundles of the discovery's
 * prefetch keys; and JWTs of a test EHR whose public key is in a trust file.
 */
final class CdsCalls {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<String, String> KEYS = Map.of("Condition", "conditions", "Observation", "observations",
            "Procedure", "procedures", "Coverage", "coverages", "QuestionnaireResponse", "questionnaireResponses");

    private CdsCalls() {
    }

    /**
     * A case as a call.
     *
     * @param input        a valid section-4 case, as {@link FhirCases#normalised} gives it
     * @param hookInstance the call's hookInstance
     * @param random       what {@link FhirCases#bundle} draws from
     * @return the request body
     */
    static String call(ObjectNode input, String hookInstance, SplittableRandom random) {
        Bundle bundle = FhirCases.bundle(input, random);
        JsonNode flat;
        try {
            flat = JSON.readTree(FhirCases.json(bundle));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode patient = null;
        Map<String, ArrayNode> sets = new LinkedHashMap<>();
        List<JsonNode> resources = new ArrayList<>();
        collect(flat, resources);
        for (JsonNode r : resources) {
            String type = r.path("resourceType").asText();
            if (type.equals("Patient")) {
                patient = (ObjectNode) r;
            } else if (KEYS.containsKey(type)) {
                // the searchset an EHR answers the prefetch template with; other resource types
                // (noise the reader ignores) are not what those searches return
                sets.computeIfAbsent(KEYS.get(type), k -> JSON.createArrayNode()).addObject()
                        .put("fullUrl", "https://ehr.test.example/fhir/" + type + "/" + UUID.randomUUID())
                        .<ObjectNode>set("resource", r).putObject("search").put("mode", "match");
            }
        }
        ObjectNode call = JSON.createObjectNode();
        call.put("hook", "patient-view");
        call.put("hookInstance", hookInstance);
        call.put("fhirServer", "https://ehr.test.example/fhir");
        call.putObject("context").put("userId", "Practitioner/1").put("patientId", patient.path("id").asText());
        call.putObject("extension").put("nl.zorgregels.assessmentDate", input.get("assessmentDate").asText());
        ObjectNode prefetch = call.putObject("prefetch");
        prefetch.set("patient", patient);
        for (String key : List.of("conditions", "observations", "procedures", "coverages", "questionnaireResponses")) {
            ArrayNode entries = sets.get(key);
            if (entries == null && random.nextBoolean()) {
                prefetch.putNull(key); // "nothing found" as some EHRs send it
                continue;
            }
            ObjectNode set = prefetch.putObject(key);
            set.put("resourceType", "Bundle").put("type", "searchset").put("total", entries == null ? 0 : entries.size());
            if (entries != null) {
                set.set("entry", entries);
            }
        }
        return call.toString();
    }

    private static void collect(JsonNode bundle, List<JsonNode> out) {
        for (JsonNode e : bundle.path("entry")) {
            JsonNode r = e.path("resource");
            if (r.path("resourceType").asText().equals("Bundle")) {
                collect(r, out);
            } else {
                out.add(r);
            }
        }
    }

    /**
     * @param input a section-4 case
     * @return its decision as {@code evaluate} gives it, without the layout (one line), or null
     *         if the JSON contract refuses the case
     */
    static String expected(ObjectNode input, nl.zorgregels.api.ZorgregelsEngine engine) {
        try {
            return DecisionJson.writeLine(engine.evaluate(DecisionJson.readAssessment(JSON.writeValueAsString(input))));
        } catch (InvalidInputException refused) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether the case has facts for a part (post-COVID or ALK) */
    static boolean hasPart(ObjectNode input) {
        return input.hasNonNull("postCovid") || input.hasNonNull("alk");
    }

    /** The decision in every card of a response, checked to be one and the same; null for no cards. */
    static String decisionOf(String body) {
        String key = "\"extension\":{\"nl.zorgregels.decision\":";
        String first = null;
        for (int at = body.indexOf(key); at >= 0; at = body.indexOf(key, at + 1)) {
            int start = at + key.length();
            String value = JSON_VALUE.apply(body.substring(start));
            if (first != null && !first.equals(value)) {
                throw new AssertionError("cards carry different decisions:\n" + first + "\n" + value);
            }
            first = value;
        }
        return first;
    }

    /** The JSON value at the start of the text, as its characters. */
    private static final java.util.function.Function<String, String> JSON_VALUE = text -> {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(text)) {
            p.nextToken();
            p.skipChildren();
            return text.substring(0, (int) p.getCurrentLocation().getCharOffset());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    static HttpResponse<String> post(URI uri, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A test EHR: a signing key (EC P-256 by default, or RSA), its trust file, and tokens as CDS Hooks asks for. */
    static final class Ehr {
        static final String ISSUER = "https://ehr.test.example";
        private final JWK key;
        private final JWSAlgorithm alg;
        private final JWSSigner signer;

        /** An EHR that signs with ES256. */
        Ehr() {
            this(JWSAlgorithm.ES256);
        }

        /** @param alg ES256 (a P-256 key) or one of RS256/RS384/RS512 (a 2048-bit RSA key) */
        Ehr(JWSAlgorithm alg) {
            this.alg = alg;
            try {
                if (JWSAlgorithm.Family.RSA.contains(alg)) {
                    RSAKey rsa = new RSAKeyGenerator(2048).keyID("ehr-1").generate();
                    key = rsa;
                    signer = new RSASSASigner(rsa);
                } else {
                    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ehr-1").generate();
                    key = ec;
                    signer = new ECDSASigner(ec);
                }
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        Path trustFile(Path dir) throws IOException {
            Path file = dir.resolve("trust.json");
            Files.writeString(file, "[{\"iss\":\"" + ISSUER + "\",\"jwks\":{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}}]");
            return file;
        }

        String token(String aud) {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("ehr-client").audience(aud)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(240)))
                    .jwtID(UUID.randomUUID().toString()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID("ehr-1").type(JOSEObjectType.JWT).build(), claims);
            try {
                jwt.sign(signer);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }
}
