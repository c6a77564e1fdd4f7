package nl.zorgregels.service.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trust file of {@code serve --trust FILE}: the CDS clients (EHRs) allowed to call, each an
 * issuer ({@code iss} of its JWTs) with the public keys it signs with, as a JSON Web Key Set:
 * {@code [{"iss": "https://ehr.example.org", "jwks": {"keys": [...]}}]}. Private keys and
 * symmetric keys are refused: the file lists only what verifies.
 */
public final class TrustedClients {
    private final Map<String, JWKSet> byIssuer;

    private TrustedClients(Map<String, JWKSet> byIssuer) {
        this.byIssuer = Collections.unmodifiableMap(byIssuer);
    }

    /**
     * @param file the trust file
     * @return its issuers and keys
     * @throws IllegalArgumentException naming the file and the entry when the file cannot be read
     *                                  or is not a trust list
     */
    public static TrustedClients read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the trust file: " + e);
        }
        return parse(text, file.toString());
    }

    /**
     * @param json the trust list as JSON
     * @param name the file name, for errors
     * @return its issuers and keys
     * @throws IllegalArgumentException naming the entry when the text is not a trust list
     */
    public static TrustedClients parse(String json, String name) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.toString()));
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new IllegalArgumentException(name + ": must be a non-empty JSON array of {\"iss\": ..., \"jwks\": {\"keys\": [...]}}");
        }
        Map<String, JWKSet> issuers = new LinkedHashMap<>();
        for (int i = 0; i < root.size(); i++) {
            String at = name + ": [" + i + "]";
            JsonNode entry = root.get(i);
            if (!entry.isObject() || !entry.path("iss").isTextual() || entry.path("iss").asText().isBlank()) {
                throw new IllegalArgumentException(at + ".iss: must be the issuer's name (a non-empty string)");
            }
            String iss = entry.get("iss").asText();
            if (issuers.containsKey(iss)) {
                throw new IllegalArgumentException(at + ".iss: issuer " + iss + " is listed twice");
            }
            JsonNode jwks = entry.path("jwks");
            if (!jwks.isObject() || !jwks.path("keys").isArray() || jwks.path("keys").isEmpty()) {
                throw new IllegalArgumentException(at + ".jwks: must be a JSON Web Key Set {\"keys\": [...]} with at least one key");
            }
            JWKSet set;
            try {
                set = JWKSet.parse(jwks.toString());
            } catch (ParseException e) {
                throw new IllegalArgumentException(at + ".jwks: not a JSON Web Key Set: " + e.getMessage());
            }
            for (int k = 0; k < set.getKeys().size(); k++) {
                JWK key = set.getKeys().get(k);
                String kty = key.getKeyType().getValue();
                if (!kty.equals("RSA") && !kty.equals("EC")) {
                    throw new IllegalArgumentException(at + ".jwks.keys[" + k + "]: key type " + kty
                            + " is not allowed; only RSA and EC public keys (RS256/384/512, ES256/384/512)");
                }
                if (key.isPrivate()) {
                    throw new IllegalArgumentException(at + ".jwks.keys[" + k + "]: is a private key; list only the public key");
                }
            }
            issuers.put(iss, set);
        }
        return new TrustedClients(issuers);
    }

    /**
     * @param issuer the {@code iss} of a token
     * @return the issuer's keys, or null if the issuer is not trusted
     */
    JWKSet keys(String issuer) {
        return byIssuer.get(issuer);
    }

    /** @return the number of trusted issuers */
    public int size() {
        return byIssuer.size();
    }
}
