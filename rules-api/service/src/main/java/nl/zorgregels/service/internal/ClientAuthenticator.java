package nl.zorgregels.service.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the bearer token of a request as CDS Hooks 2.0 "Trusting CDS Clients" asks: a JWT signed
 * (RS256/384/512 or ES256/384/512; never {@code none}, never HMAC) with a key of an issuer in the
 * trust file, named by the header's {@code kid} (required), whose {@code aud} is the URL requested, {@code exp} in the future and at most five
 * minutes ahead, {@code iat} not in the future (60 s allowed for clock skew), and whose
 * {@code jti} this service has not seen before within the token's lifetime. Signatures are verified
 * by nimbus-jose-jwt; no cryptography is written here. Safe for concurrent use.
 */
public final class ClientAuthenticator {
    /** The signature algorithms accepted: asymmetric only. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    /** Clock skew allowed for {@code iat}. */
    static final Duration SKEW = Duration.ofSeconds(60);
    /** Longest lifetime a token may have left ("SHALL NOT be more than five minutes in the future"), plus the skew. */
    static final Duration MAX_AHEAD = Duration.ofMinutes(5).plus(SKEW);
    /** Longest token accepted, in characters. */
    static final int MAX_TOKEN_LENGTH = 8192;

    private final Map<String, DefaultJWTProcessor<SecurityContext>> processors = new HashMap<>();
    private final Clock clock;
    /** {@code iss} + NUL + {@code jti} of the tokens seen, with their expiry; expired ones are dropped. */
    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong inserts = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param trusted the trusted issuers and their keys
     * @param clock   the clock the times are checked against
     */
    public ClientAuthenticator(TrustedClients trusted, Clock clock) {
        this.clock = clock;
        this.trusted = trusted;
    }

    private final TrustedClients trusted;

    private DefaultJWTProcessor<SecurityContext> processor(String issuer) {
        synchronized (processors) {
            return processors.computeIfAbsent(issuer, iss -> {
                JWKSet keys = trusted.keys(iss);
                if (keys == null) {
                    return null;
                }
                DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
                p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys)));
                p.setJWTClaimsSetVerifier((claims, context) -> { }); // the claims are checked below, with reasons
                return p;
            });
        }
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param audience      the URL requested, which {@code aud} must name
     * @return the verified claims
     * @throws HttpError 401 saying why the request is refused
     */
    public JWTClaimsSet authenticate(String authorization, String audience) {
        if (authorization == null || authorization.isBlank()) {
            throw refuse("no bearer token: send Authorization: Bearer <JWT> (CDS Hooks, Trusting CDS Clients)");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw refuse("the Authorization header must be Bearer <JWT>");
        }
        String token = authorization.substring(7).trim();
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw refuse("the token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw refuse("the token is not a JWT: " + e.getMessage());
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw refuse("the token is not signed (alg " + jwt.getHeader().getAlgorithm() + "); allowed: " + allowed());
        }
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw refuse("alg " + alg + " is not allowed; allowed: " + allowed());
        }
        String kid = signed.getHeader().getKeyID();
        if (kid == null || kid.isBlank()) {
            throw refuse("the token's header has no kid: CDS Hooks 2.0 requires the kid of the signing key"
                    + " (a key of the issuer's JWK Set)");
        }
        String issuer;
        try {
            issuer = signed.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw refuse("the token's claims are not a JSON object: " + e.getMessage());
        }
        if (issuer == null) {
            throw refuse("the token has no iss");
        }
        DefaultJWTProcessor<SecurityContext> processor = processor(issuer);
        if (processor == null) {
            throw refuse("issuer " + issuer + " is not in the trust file");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJOSEException | JOSEException e) {
            throw refuse("the signature does not verify with a key of issuer " + issuer + ": " + e.getMessage());
        }
        checkClaims(claims, issuer, audience);
        return claims;
    }

    private void checkClaims(JWTClaimsSet claims, String issuer, String audience) {
        List<String> aud = claims.getAudience();
        if (aud == null || aud.isEmpty()) {
            throw refuse("the token has no aud; it must be " + audience);
        }
        if (!aud.contains(audience)) {
            throw refuse("aud " + aud + " does not name this service's URL " + audience);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw refuse("the token has no exp");
        }
        if (!exp.toInstant().isAfter(now)) {
            throw refuse("the token expired at " + exp.toInstant());
        }
        if (exp.toInstant().isAfter(now.plus(MAX_AHEAD))) {
            throw refuse("exp " + exp.toInstant() + " is more than five minutes ahead (CDS Hooks: SHALL NOT be)");
        }
        Date iat = claims.getIssueTime();
        if (iat == null) {
            throw refuse("the token has no iat");
        }
        if (iat.toInstant().isAfter(now.plus(SKEW))) {
            throw refuse("iat " + iat.toInstant() + " is in the future (more than " + SKEW.toSeconds() + " s ahead)");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw refuse("the token has no jti");
        }
        String key = issuer + '\0' + jti;
        Instant expiry = exp.toInstant();
        Instant earlier = seen.putIfAbsent(key, expiry);
        if (earlier != null) {
            if (earlier.isAfter(now)) {
                throw refuse("jti " + jti + " was used before (a replayed token)");
            }
            // an expired entry not yet swept: the token is new only if it is not the one stored
            if (!seen.replace(key, earlier, expiry)) {
                throw refuse("jti " + jti + " was used before (a replayed token)");
            }
        }
        if (inserts.incrementAndGet() % 1024 == 0) {
            seen.values().removeIf(until -> !until.isAfter(now));
        }
    }

    private static String allowed() {
        return "RS256, RS384, RS512, ES256, ES384, ES512";
    }

    private static HttpError refuse(String why) {
        return new HttpError(401, "Authorization", why);
    }
}
