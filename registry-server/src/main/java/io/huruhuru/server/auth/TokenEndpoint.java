package io.huruhuru.server.auth;

import io.huruhuru.server.reload.Reloading;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in Docker token endpoint: {@code GET /token?service=&scope=} with Basic credentials (or none, for an
 * anonymous token), and the OAuth2 form {@code POST /token} with {@code grant_type=password} or
 * {@code refresh_token} that containerd and containers/image send. The token grants, of each scope asked for, the
 * actions the rules allow the caller; a scope of which the caller may do nothing is left out of the token (rather than
 * refused), so that the registry's refusal, not the token endpoint's, tells the client what went wrong. A request
 * asks for at most {@link #MAX_SCOPES} scopes, which keeps tokens small.
 */
public final class TokenEndpoint {

    public static final String PATH = "/token";
    public static final String JWKS_PATH = "/token/jwks";
    /** More than any client asks for (a push with mounts asks for a handful); beyond it the request is refused. */
    public static final int MAX_SCOPES = 32;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORM_DECODED = "huruhuru.token.formDecoded";

    private final TokenIssuer issuer;
    private final TokenVerifier refreshTokens;
    private final Logins logins;
    private final Reloading<AccessRules> rules;
    private final byte[] jwks;

    public TokenEndpoint(TokenIssuer issuer, TokenVerifier refreshTokens, Logins logins, Reloading<AccessRules> rules,
            byte[] jwks) {
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.logins = logins;
        this.rules = rules;
        this.jwks = jwks.clone();
    }

    /** {@code GET /token}: Basic credentials or none, {@code scope} parameters. */
    public void get(RoutingContext ctx) {
        MultiMap params = ctx.queryParams();
        if (!serviceMatches(params.get("service"))) {
            ctx.fail(RegistryException.of(ErrorCode.REQUEST_INVALID, "unknown service " + params.get("service")));
            return;
        }
        List<Scope> scopes = Scope.parseAll(params.getAll("scope"));
        if (tooMany(ctx, scopes)) {
            return;
        }
        String authorization = ctx.request().getHeader("Authorization");
        Future<Optional<String>> user;
        if (authorization == null) {
            user = Future.succeededFuture(Optional.empty());
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            user = logins.basic(ctx.vertx(), authorization.substring(6), AccessControl.address(ctx)).map(Optional::of);
        } else {
            user = Future.failedFuture(RegistryException.of(ErrorCode.UNAUTHORIZED, "the token endpoint takes Basic"
                    + " credentials"));
        }
        user.onSuccess(name -> respond(ctx, name, scopes, false)).onFailure(failure -> fail(ctx, failure));
    }

    /** {@code POST /token}: the OAuth2 password or refresh-token grant, form-encoded. */
    public void post(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        if (!serviceMatches(form.get("service"))) {
            ctx.fail(RegistryException.of(ErrorCode.REQUEST_INVALID, "unknown service " + form.get("service")));
            return;
        }
        String grant = form.get("grant_type");
        List<Scope> scopes = Scope.parseAll(form.getAll("scope"));
        if (tooMany(ctx, scopes)) {
            return;
        }
        boolean offline = "offline".equals(form.get("access_type"));
        Future<Optional<String>> user;
        if ("password".equals(grant)) {
            String name = form.get("username");
            String password = form.get("password");
            user = name == null || password == null
                    ? Future.failedFuture(RegistryException.of(ErrorCode.UNAUTHORIZED, "username and password needed"))
                    : logins.password(ctx.vertx(), name, password, AccessControl.address(ctx)).map(Optional::of);
        } else if ("refresh_token".equals(grant)) {
            user = refreshed(ctx, form.get("refresh_token"));
        } else {
            ctx.fail(RegistryException.of(ErrorCode.REQUEST_INVALID, "grant_type must be password or refresh_token"));
            return;
        }
        user.onSuccess(name -> respond(ctx, name, scopes, offline && name.isPresent()))
                .onFailure(failure -> fail(ctx, failure));
    }

    /** Marks the form as decoded: a failure before this mark is the form decoder's (see {@link #formRefused}). */
    public static void formDecoded(RoutingContext ctx) {
        ctx.put(FORM_DECODED, Boolean.TRUE);
        ctx.next();
    }

    /**
     * A {@code POST /token} form the decoder refused (a field over 8 KB, more than 256 fields, bad encoding) as 400
     * REQUEST_INVALID: the client's mistake, not the registry's; other failures go on to the failure handler as they
     * are.
     */
    public static void formRefused(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure == null || ctx.request().method() != io.vertx.core.http.HttpMethod.POST
                || !PATH.equals(ctx.request().path()) || ctx.get(FORM_DECODED) != null
                || failure instanceof RegistryException
                || failure instanceof io.vertx.ext.web.handler.HttpException) {
            ctx.next();
            return;
        }
        ctx.put(FORM_DECODED, Boolean.TRUE); // the refusal below passes through here again
        ctx.fail(RegistryException.of(ErrorCode.REQUEST_INVALID, "malformed token form: fields of at most 8 KB and"
                + " at most 256 fields"));
    }

    /** {@code GET /token/jwks}: the public key of the tokens, for other services that verify them. */
    public void jwks(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/jwk-set+json")
                .putHeader("Content-Length", Integer.toString(jwks.length)).end(Buffer.buffer(jwks));
    }

    /** The user of a refresh token that verifies and is bound to the user's current password; see Logins. */
    private Future<Optional<String>> refreshed(RoutingContext ctx, String token) {
        if (token == null) {
            return Future.failedFuture(RegistryException.of(ErrorCode.UNAUTHORIZED, "refresh_token needed"));
        }
        String address = AccessControl.address(ctx);
        VerifiedToken verified;
        try {
            verified = refreshTokens.verify(token);
        } catch (InvalidTokenException e) {
            return logins.refused(ctx.vertx(), address, "invalid refresh token: " + e.getMessage());
        }
        if (verified.subject().isEmpty()) {
            return logins.refused(ctx.vertx(), address, "invalid refresh token: it names no user");
        }
        return logins.refreshed(ctx.vertx(), verified.subject(), verified.credential(), address).map(Optional::of);
    }

    private void respond(RoutingContext ctx, Optional<String> user, List<Scope> scopes, boolean withRefreshToken) {
        TokenIssuer.Issued issued = issuer.issue(user.orElse(""), grant(user, scopes));
        ObjectNode body = JSON.createObjectNode()
                .put("token", issued.token())
                .put("access_token", issued.token())
                .put("expires_in", issued.ttl().toSeconds())
                .put("issued_at", DateTimeFormatter.ISO_INSTANT.format(issued.issuedAt()));
        if (withRefreshToken) {
            // bound to the stored hash the login was checked against (or, if it changed meanwhile, the new one)
            body.put("refresh_token", issuer.refreshToken(user.get(), logins.credential(user.get()).orElse("")));
        }
        byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .putHeader("Content-Length", Integer.toString(bytes.length)).end(Buffer.buffer(bytes));
    }

    /** Of each scope, the actions the rules allow {@code user} (a scope with none is left out); the catalog to any
     * authenticated user. */
    TokenAccess grant(Optional<String> user, List<Scope> scopes) {
        AccessRules current = rules.current();
        Map<RepositoryName, Set<Action>> repositories = new LinkedHashMap<>();
        boolean catalog = false;
        for (Scope scope : scopes) {
            if (scope.type().equals("repository") && RepositoryName.isValid(scope.name())) {
                RepositoryName repository = RepositoryName.parse(scope.name());
                Set<Action> asked = Action.parseKnown(scope.actions());
                asked.retainAll(current.allowed(user, repository));
                if (!asked.isEmpty()) {
                    repositories.computeIfAbsent(repository, r -> EnumSet.noneOf(Action.class)).addAll(asked);
                }
            } else if (scope.equals(Scope.CATALOG) && user.isPresent()) {
                catalog = true;
            }
        }
        return new TokenAccess(repositories, catalog);
    }

    private static boolean tooMany(RoutingContext ctx, List<Scope> scopes) {
        if (scopes.size() <= MAX_SCOPES) {
            return false;
        }
        ctx.fail(RegistryException.of(ErrorCode.REQUEST_INVALID, scopes.size() + " scopes asked for; at most "
                + MAX_SCOPES + " per token"));
        return true;
    }

    private boolean serviceMatches(String service) {
        return service == null || service.isEmpty() || service.equals(issuer.service());
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof Logins.LockedOut locked) {
            ctx.response().putHeader("Retry-After", AccessControl.seconds(locked.retryAfter()));
            ctx.fail(RegistryException.of(ErrorCode.TOOMANYREQUESTS, locked.getMessage()));
            return;
        }
        if (failure instanceof RegistryException refused && refused.code() == ErrorCode.UNAUTHORIZED) {
            ctx.response().putHeader("WWW-Authenticate", Challenges.basic(issuer.service()));
        }
        ctx.fail(failure);
    }
}
