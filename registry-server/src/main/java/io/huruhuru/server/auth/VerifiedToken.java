package io.huruhuru.server.auth;

import java.time.Instant;

/**
 * A token whose signature, issuer, audience and times were checked.
 *
 * @param issuer its {@code iss}
 * @param subject its {@code sub}: the user, or empty for an anonymous caller
 * @param notBefore its {@code nbf} (its {@code iat} without one)
 * @param expires its {@code exp}
 * @param access what it allows
 * @param credential its {@code cred}: for a refresh token, the digest of the user's stored hash when it was issued
 */
public record VerifiedToken(String issuer, String subject, Instant notBefore, Instant expires, TokenAccess access,
        String credential) {
}
