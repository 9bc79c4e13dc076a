package io.huruhuru.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.signature.key.VerificationKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Checks bearer tokens: ES256 only, a {@code kid} of a trusted key, that key's issuer as {@code iss}, this registry's
 * service in {@code aud}, and {@code exp}/{@code nbf} within a 60-second leeway. A token that passed is kept by its
 * string (in a {@link TokenCache}) until it expires, so that the requests of a push each cost a map lookup instead of
 * an ECDSA verification.
 */
public final class TokenVerifier {

    /** Allowed difference between the issuer's clock and ours (as CNCF Distribution allows). */
    public static final Duration LEEWAY = Duration.ofSeconds(60);

    /** A key that may sign tokens, and the issuer its tokens must name. */
    public record TrustedKey(String issuer, VerificationKey key) {

        /** A registry key (the token issuer's own, or one of an external JWKS) that signs {@code issuer}'s tokens. */
        public static TrustedKey of(String issuer, VerificationKey key) {
            return new TrustedKey(issuer, key);
        }
    }

    private final String audience;
    private final Map<String, TrustedKey> keys;
    private final Clock clock;
    private final TokenCache verified;

    public TokenVerifier(String audience, Map<String, TrustedKey> keys, Clock clock) {
        this(audience, keys, clock, new TokenCache(TokenCache.MAX_ENTRIES, TokenCache.MAX_BYTES));
    }

    TokenVerifier(String audience, Map<String, TrustedKey> keys, Clock clock, TokenCache cache) {
        this.audience = audience;
        this.keys = Map.copyOf(keys);
        this.clock = clock;
        this.verified = cache;
    }

    public VerifiedToken verify(String token) throws InvalidTokenException {
        Instant now = clock.instant();
        Optional<VerifiedToken> known = verified.get(token, now);
        if (known.isPresent()) {
            checkTimes(known.get(), now);
            return known.get();
        }
        VerifiedToken checked = check(token);
        checkTimes(checked, now);
        verified.put(token, checked, now);
        return checked;
    }

    private VerifiedToken check(String token) throws InvalidTokenException {
        Jws.Parsed parsed = Jws.parse(token);
        String kid = parsed.kid();
        TrustedKey key = kid == null ? null : keys.get(kid);
        if (key == null) {
            throw new InvalidTokenException("token signed by an unknown key: " + kid);
        }
        if (!Jws.verifies(parsed, key.key())) {
            throw new InvalidTokenException("token signature does not verify");
        }
        JsonNode claims = parsed.payload();
        if (!key.issuer().equals(claims.path("iss").asText(null))) {
            throw new InvalidTokenException("token issuer is not " + key.issuer());
        }
        if (!audienceMatches(claims.get("aud"))) {
            throw new InvalidTokenException("token audience is not " + audience);
        }
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw new InvalidTokenException("token has no exp");
        }
        JsonNode nbf = claims.has("nbf") ? claims.get("nbf") : claims.get("iat");
        if (nbf != null && !nbf.isNumber()) {
            throw new InvalidTokenException("token nbf is not a number");
        }
        JsonNode sub = claims.get("sub");
        if (sub != null && !sub.isTextual()) {
            throw new InvalidTokenException("token sub is not a string");
        }
        return new VerifiedToken(key.issuer(), sub == null ? "" : sub.asText(),
                nbf == null ? Instant.EPOCH : instant(nbf, claims.has("nbf") ? "nbf" : "iat"), instant(exp, "exp"),
                TokenAccess.parse(claims.get("access")), claims.path("cred").asText(""));
    }

    /** A NumericDate claim as an Instant; one beyond what an Instant holds makes the token invalid. */
    private static Instant instant(JsonNode seconds, String claim) throws InvalidTokenException {
        if (!seconds.canConvertToExactIntegral() || !seconds.canConvertToLong()
                || seconds.asLong() < Instant.MIN.getEpochSecond() || seconds.asLong() > Instant.MAX.getEpochSecond()) {
            throw new InvalidTokenException("token " + claim + " is not a time: " + seconds);
        }
        return Instant.ofEpochSecond(seconds.asLong());
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return aud.asText().equals(audience);
        }
        if (aud.isArray()) {
            for (JsonNode one : aud) {
                if (one.isTextual() && one.asText().equals(audience)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void checkTimes(VerifiedToken token, Instant now) throws InvalidTokenException {
        if (now.isAfter(token.expires().plus(LEEWAY))) {
            throw InvalidTokenException.outOfTime("token expired at " + token.expires());
        }
        if (now.isBefore(token.notBefore().minus(LEEWAY))) {
            throw InvalidTokenException.outOfTime("token not valid before " + token.notBefore());
        }
    }
}
