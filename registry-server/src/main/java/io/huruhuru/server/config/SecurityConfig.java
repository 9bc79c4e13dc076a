package io.huruhuru.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may do what, over which transport: authentication, TLS and the limits on callers.
 *
 * @param plainHttp whether the plain-HTTP port ({@code http.listen}) is served; off only with TLS
 * @param tls the TLS port, when a certificate is configured
 * @param auth how callers are identified and what they may do
 * @param limits failed logins, request rates and body sizes allowed per caller
 */
public record SecurityConfig(boolean plainHttp, Optional<Tls> tls, Auth auth, Limits limits) {

    public SecurityConfig {
        if (!plainHttp && tls.isEmpty()) {
            throw new IllegalArgumentException(ConfigKey.HTTP_PLAIN + " may be false only when "
                    + ConfigKey.TLS_CERTIFICATE + " and " + ConfigKey.TLS_KEY + " are set");
        }
    }

    /** No authentication, no TLS: every caller may do everything, as before access control existed. */
    public static SecurityConfig open() {
        return RegistryConfig.defaults().security();
    }

    /**
     * @param listen where the TLS port listens
     * @param certificate PEM certificate chain, server certificate first; reloaded when it changes
     * @param key PEM private key (PKCS#8 or PKCS#1); reloaded when it changes
     */
    public record Tls(RegistryConfig.Listen listen, Path certificate, Path key) {
    }

    /** How callers prove who they are. */
    public enum Mode {
        /** Nobody is asked: every request may do everything. */
        NONE,
        /** HTTP Basic credentials on every request, checked against the htpasswd file. */
        BASIC,
        /** Docker token authentication: Bearer JWTs from the built-in token endpoint or an external issuer. */
        TOKEN;

        public static Mode parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ConfigKey.AUTH_MODE + " must be none, basic or token, got: " + text,
                        e);
            }
        }
    }

    /**
     * @param mode none, basic or token
     * @param htpasswd users and their bcrypt hashes; reloaded when it changes
     * @param rules the access rules file (YAML); without one, every authenticated user may do everything
     * @param token the token issuer's and verifier's settings (mode token)
     */
    public record Auth(Mode mode, Optional<Path> htpasswd, Optional<Path> rules, Token token) {

        public Auth {
            if (mode == Mode.BASIC && htpasswd.isEmpty()) {
                throw new IllegalArgumentException(ConfigKey.AUTH_MODE + " basic needs " + ConfigKey.AUTH_HTPASSWD);
            }
            if (mode == Mode.TOKEN && htpasswd.isEmpty() && token.externalJwks().isEmpty()) {
                throw new IllegalArgumentException(ConfigKey.AUTH_MODE + " token needs " + ConfigKey.AUTH_HTPASSWD
                        + " (for the built-in token endpoint) or " + ConfigKey.AUTH_TOKEN_EXTERNAL_JWKS);
            }
        }
    }

    /**
     * @param realm the token endpoint's URL announced in {@code WWW-Authenticate}; by default
     *     {@code <scheme>://<Host of the request>/token}
     * @param service the audience of the tokens, the {@code service} of the challenge
     * @param issuer the {@code iss} of the tokens this registry issues
     * @param ttl how long an issued token is valid
     * @param key the token signing key (PKCS#8 PEM, EC P-256); by default {@code token-key.pem} in the data directory,
     *     made on first start
     * @param externalIssuer the {@code iss} of an external token issuer whose tokens are accepted
     * @param externalJwks that issuer's public keys (a JWKS file)
     */
    public record Token(Optional<String> realm, String service, String issuer, Duration ttl, Optional<Path> key,
            Optional<String> externalIssuer, Optional<Path> externalJwks) {

        public Token {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException(ConfigKey.AUTH_TOKEN_TTL_SECONDS + " must be positive");
            }
            if (externalIssuer.isPresent() != externalJwks.isPresent()) {
                throw new IllegalArgumentException(ConfigKey.AUTH_TOKEN_EXTERNAL_ISSUER + " and "
                        + ConfigKey.AUTH_TOKEN_EXTERNAL_JWKS + " go together");
            }
            if (externalIssuer.filter(issuer::equals).isPresent()) {
                // the external issuer's tokens would pass for the registry's own (whose subjects the catalog trusts)
                throw new IllegalArgumentException(ConfigKey.AUTH_TOKEN_EXTERNAL_ISSUER + " must differ from "
                        + ConfigKey.AUTH_TOKEN_ISSUER + " (" + issuer + ")");
            }
        }
    }

    /**
     * @param failedLogins failed logins per user or per client address before further attempts are refused (429)
     * @param lockout how long such a user or address stays refused
     * @param requestsPerSecond requests per second allowed per identity (user, or address when anonymous); zero is
     *     unlimited
     * @param maxBodyBytes the largest body of a request that is neither a blob upload nor a manifest
     * @param maxUploadBytes the largest body of one blob upload request (POST, PATCH or PUT); zero is unlimited
     */
    public record Limits(int failedLogins, Duration lockout, double requestsPerSecond, long maxBodyBytes,
            long maxUploadBytes) {

        public Limits {
            if (failedLogins < 1) {
                throw new IllegalArgumentException(ConfigKey.LIMITS_FAILED_LOGINS + " must be at least 1");
            }
            if (lockout.isNegative() || lockout.isZero()) {
                throw new IllegalArgumentException(ConfigKey.LIMITS_LOCKOUT_SECONDS + " must be positive");
            }
            if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
                throw new IllegalArgumentException(ConfigKey.LIMITS_REQUESTS_PER_SECOND
                        + " must be a finite number, not negative");
            }
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException(ConfigKey.LIMITS_MAX_BODY_BYTES + " must be positive");
            }
            if (maxUploadBytes < 0) {
                throw new IllegalArgumentException(ConfigKey.LIMITS_MAX_UPLOAD_BYTES + " must not be negative");
            }
        }
    }

    public SecurityConfig withAuth(Auth auth) {
        return new SecurityConfig(plainHttp, tls, auth, limits);
    }

    public SecurityConfig withTls(Optional<Tls> tls, boolean plainHttp) {
        return new SecurityConfig(plainHttp, tls, auth, limits);
    }

    public SecurityConfig withLimits(Limits limits) {
        return new SecurityConfig(plainHttp, tls, auth, limits);
    }
}
