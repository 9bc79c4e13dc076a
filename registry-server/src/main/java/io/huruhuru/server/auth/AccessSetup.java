package io.huruhuru.server.auth;

import io.huruhuru.server.reload.Reloading;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.signature.key.KeyException;
import io.huruhuru.signature.key.KeyFiles;
import io.huruhuru.signature.key.SigningKey;
import io.huruhuru.signature.key.VerificationKey;
import java.io.IOException;
import java.nio.file.Files;
import io.huruhuru.server.config.SecurityConfig;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Access control as configured: the gate of every route, the token endpoint (mode token), and the file watchers that
 * reload the htpasswd and rules files; made once at start-up, where any error in those files stops the start.
 *
 * @param control the gate
 * @param tokens the built-in token endpoint, in mode token with an htpasswd file
 * @param limits the limits on callers and request bodies
 * @param watched the files reloaded when they change
 */
public record AccessSetup(AccessControl control, Optional<TokenEndpoint> tokens, SecurityConfig.Limits limits,
        List<Reloading<?>> watched, Optional<BcryptPool> bcrypt) implements AutoCloseable {

    /** No authentication, no limits beyond the default body limit. */
    public static AccessSetup open() {
        return new AccessSetup(AccessControl.open(), Optional.empty(), SecurityConfig.open().limits(), List.of(),
                Optional.empty());
    }

    /**
     * Reads the files of {@code config}, builds what it asks for and starts watching the files; throws
     * IllegalArgumentException naming a file that is wrong.
     */
    public static AccessSetup create(SecurityConfig config, Path dataDirectory, Vertx vertx, Blocking blocking) {
        SecurityConfig.Auth auth = config.auth();
        SecurityConfig.Token token = auth.token();
        Clock clock = Clock.systemUTC();
        RateLimiter rate = new RateLimiter(config.limits().requestsPerSecond(), System::nanoTime);
        Challenges challenges = new Challenges(auth.mode(), token.realm(), token.service());
        SecurityConfig.Limits limits = config.limits();
        if (auth.mode() == SecurityConfig.Mode.NONE) {
            return new AccessSetup(new AccessControl(auth.mode(),
                    Reloading.fixed(AccessRules.AUTHENTICATED_MAY_DO_EVERYTHING), Optional.empty(), Optional.empty(),
                    Optional.empty(), challenges, rate, Optional.empty()), Optional.empty(), limits, List.of(),
                    Optional.empty());
        }
        LoginLimiter failures = new LoginLimiter(limits.failedLogins(), limits.lockout(), clock);
        List<Reloading<?>> watched = new ArrayList<>();
        Reloading<AccessRules> rules = auth.rules()
                .map(file -> Reloading.load("access rules", List.of(file), () -> RulesLoader.load(file), r -> { }))
                .orElseGet(() -> Reloading.fixed(AccessRules.AUTHENTICATED_MAY_DO_EVERYTHING));
        watched.add(rules);
        Optional<BcryptPool> bcrypt = auth.htpasswd().map(file -> new BcryptPool(BcryptPool.THREADS, BcryptPool.QUEUE));
        Optional<Logins> logins = auth.htpasswd().map(file -> {
            Reloading<Htpasswd> users = Reloading.load("htpasswd", List.of(file), () -> Htpasswd.load(file), u -> { });
            watched.add(users);
            return new Logins(users, failures, bcrypt.orElseThrow(), clock);
        });
        watched.forEach(reloading -> reloading.watch(vertx, blocking, Reloading.EVERY));
        if (auth.mode() == SecurityConfig.Mode.BASIC) {
            return new AccessSetup(new AccessControl(auth.mode(), rules, logins, Optional.empty(), Optional.empty(),
                    challenges, rate, Optional.of(failures)), Optional.empty(), limits, watched, bcrypt);
        }
        Map<String, TokenVerifier.TrustedKey> keys = new HashMap<>();
        token.externalJwks().ifPresent(file -> externalKeys(file).forEach(key -> keys.put(key.id().value(),
                TokenVerifier.TrustedKey.of(token.externalIssuer().orElseThrow(), key))));
        Optional<TokenEndpoint> endpoint = Optional.empty();
        Optional<String> ownIssuer = Optional.empty();
        if (logins.isPresent()) {
            SigningKey key = signingKey(token.key().orElse(dataDirectory.resolve("token-key.pem")));
            String kid = key.id().value();
            if (keys.containsKey(kid)) {
                throw new IllegalArgumentException("the external JWKS holds the registry's own token key " + kid);
            }
            TokenVerifier.TrustedKey own = TokenVerifier.TrustedKey.of(token.issuer(), key.verificationKey());
            keys.put(kid, own);
            TokenIssuer issuer = new TokenIssuer(token.issuer(), token.service(), token.ttl(), key, clock);
            TokenVerifier refresh = new TokenVerifier(TokenIssuer.refreshAudience(token.service()), Map.of(kid, own),
                    clock);
            ObjectNode jwks = new ObjectMapper().createObjectNode();
            jwks.putArray("keys").add(key.verificationKey().jwk());
            endpoint = Optional.of(new TokenEndpoint(issuer, refresh, logins.get(), rules,
                    jwks.toString().getBytes(StandardCharsets.UTF_8)));
            ownIssuer = Optional.of(token.issuer());
        }
        TokenVerifier verifier = new TokenVerifier(token.service(), keys, clock);
        return new AccessSetup(new AccessControl(auth.mode(), rules, logins, Optional.of(verifier), ownIssuer,
                challenges, rate, Optional.of(failures)), endpoint, limits, watched, bcrypt);
    }

    /** The token signing key in {@code file}, made (mode 0600) if there is none. */
    private static SigningKey signingKey(Path file) {
        try {
            return KeyFiles.loadOrGenerate(file);
        } catch (KeyException e) {
            throw new IllegalArgumentException("token key: " + e.getMessage(), e);
        }
    }

    /** The P-256 keys of an external issuer's JWKS file. */
    private static List<VerificationKey> externalKeys(Path file) {
        List<VerificationKey> keys;
        try {
            keys = KeyFiles.parseJwks(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the external JWKS " + file + ": " + e.getMessage(), e);
        } catch (KeyException e) {
            throw new IllegalArgumentException("external JWKS: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the external JWKS " + file + " holds no P-256 signing key");
        }
        return keys;
    }

    @Override
    public void close() {
        watched.forEach(Reloading::close);
        bcrypt.ifPresent(BcryptPool::close);
    }
}
