package io.huruhuru.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.signature.key.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Issues the registry's ES256 JWTs: access tokens for the service, and refresh tokens for the token endpoint. */
public final class TokenIssuer {

    /** How long a refresh token (an identity token of {@code grant_type=refresh_token}) is valid. */
    public static final Duration REFRESH_TTL = Duration.ofDays(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final String service;
    private final Duration ttl;
    private final SigningKey key;
    private final String kid;
    private final Clock clock;

    /** An issued token and when it was issued, for the token endpoint's answer. */
    public record Issued(String token, Instant issuedAt, Duration ttl) {
    }

    /** Signs with {@code key}, named in token headers by its key id. */
    public TokenIssuer(String issuer, String service, Duration ttl, SigningKey key, Clock clock) {
        this.issuer = issuer;
        this.service = service;
        this.ttl = ttl;
        this.key = key;
        this.kid = key.id().value();
        this.clock = clock;
    }

    public String service() {
        return service;
    }

    /** An access token for {@code subject} (empty for an anonymous caller). */
    public Issued issue(String subject, TokenAccess access) {
        Instant now = clock.instant();
        ObjectNode claims = claims(subject, service, now, ttl);
        claims.set("access", access.claim());
        return new Issued(sign(claims), now, ttl);
    }

    /**
     * A refresh token: its audience is the service's refresh audience, so the registry's API refuses it as an access
     * token, and only the token endpoint takes it. {@code credential} (claim {@code cred}) binds it to the user's
     * stored hash, so that a changed password ends it.
     */
    public String refreshToken(String subject, String credential) {
        return sign(claims(subject, refreshAudience(service), clock.instant(), REFRESH_TTL).put("cred", credential));
    }

    static String refreshAudience(String service) {
        return service + "#refresh";
    }

    private ObjectNode claims(String subject, String audience, Instant now, Duration validity) {
        return JSON.createObjectNode()
                .put("iss", issuer)
                .put("sub", subject)
                .put("aud", audience)
                .put("exp", now.plus(validity).getEpochSecond())
                .put("nbf", now.getEpochSecond())
                .put("iat", now.getEpochSecond())
                .put("jti", UUID.randomUUID().toString());
    }

    private String sign(ObjectNode claims) {
        ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", Jws.ES256).put("kid", kid);
        return Jws.sign(header, claims, key);
    }
}
