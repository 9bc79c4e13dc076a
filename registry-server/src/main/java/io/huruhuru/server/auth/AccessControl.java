package io.huruhuru.server.auth;

import io.huruhuru.server.reload.Reloading;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.config.SecurityConfig;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;

/**
 * The gate in front of every route: identifies the caller (Basic credentials, a Bearer token, or nobody), applies the
 * per-identity request rate, and lets the request on only if the caller may do the route's action. A refusal is 401
 * with a {@code WWW-Authenticate} challenge when other credentials could help, 403 DENIED when the rules refuse the
 * authenticated caller, and 429 with {@code Retry-After} for a locked-out login or an exceeded rate.
 */
public final class AccessControl {

    /** The detail of a refusal by the request rate limit, which metrics tell apart from a lockout's. */
    public static final String RATE_LIMITED = "request rate limit exceeded";

    private final SecurityConfig.Mode mode;
    private final Reloading<AccessRules> rules;
    private final Optional<Logins> logins;
    private final Optional<TokenVerifier> tokens;
    private final Optional<String> ownIssuer;
    private final Challenges challenges;
    private final RateLimiter rate;
    /** Counts failed authentications per client address, those that check no password as well as failed logins. */
    private final Optional<LoginLimiter> failures;

    public AccessControl(SecurityConfig.Mode mode, Reloading<AccessRules> rules, Optional<Logins> logins,
            Optional<TokenVerifier> tokens, Optional<String> ownIssuer, Challenges challenges, RateLimiter rate,
            Optional<LoginLimiter> failures) {
        this.mode = mode;
        this.rules = rules;
        this.logins = logins;
        this.tokens = tokens;
        this.ownIssuer = ownIssuer;
        this.challenges = challenges;
        this.rate = rate;
        this.failures = failures;
    }

    /** Authentication off and no rate limit: every request goes on, as before access control existed. */
    public static AccessControl open() {
        return new AccessControl(SecurityConfig.Mode.NONE, Reloading.fixed(AccessRules.AUTHENTICATED_MAY_DO_EVERYTHING),
                Optional.empty(), Optional.empty(), Optional.empty(), new Challenges(SecurityConfig.Mode.NONE,
                        Optional.empty(), "huruhuru"), new RateLimiter(0, System::nanoTime), Optional.empty());
    }

    /** A route of a repository ({@code name} path parameter) that needs {@code action}. */
    public Handler<RoutingContext> repository(Action action) {
        return ctx -> gate(ctx, caller -> decide(ctx, caller, ctx.pathParam("name"), action));
    }

    /**
     * A route of a repository named by a query parameter ({@code /sel4/v1/validations?repository=}) that needs every
     * one of {@code actions}.
     */
    public Handler<RoutingContext> repositoryParameter(String parameter, Action... actions) {
        return ctx -> gate(ctx, caller -> decide(ctx, caller, ctx.queryParams().get(parameter), actions));
    }

    /**
     * Routes whose repositories are known only once the handler has read the request (a preview names its image in the
     * body, a kept preview its manifests in storage): identifies the caller and lets the request on; the handler then
     * asks {@link #mayPull} before it answers anything of a repository. An anonymous caller whom no rule lets pull
     * anything gets the 401 challenge at once, before its body is read or anything is looked up.
     */
    public Handler<RoutingContext> identified() {
        return ctx -> gate(ctx, caller -> {
            if (mode != SecurityConfig.Mode.NONE && caller.user().isEmpty()
                    && !(caller instanceof TokenCaller) && !rules.current().anonymousMayPullSomething()) {
                refuse(ctx, caller, Optional.empty(), false);
                return false;
            }
            return true;
        });
    }

    /**
     * Whether the caller that {@link #identified} let on may pull from every one of {@code repositories}, answering
     * nothing: for what must not reveal whether it exists to a caller who may not see it.
     */
    public boolean maySee(RoutingContext ctx, java.util.Collection<RepositoryName> repositories) {
        Caller caller = Caller.of(ctx);
        return repositories.stream().allMatch(repository -> caller.may(repository, Action.PULL));
    }

    /**
     * Whether the caller that {@link #identified} let on may pull from every one of {@code repositories}; if not,
     * fails {@code ctx} with the refusal (401 with a challenge, or 403 DENIED) and returns false.
     */
    public boolean mayPull(RoutingContext ctx, java.util.Collection<RepositoryName> repositories) {
        Caller caller = Caller.of(ctx);
        for (RepositoryName repository : repositories) {
            if (!caller.may(repository, Action.PULL)) {
                refuse(ctx, caller, Optional.of(Scope.repository(repository, Action.PULL)),
                        mayByRules(caller, repository, Action.PULL));
                return false;
            }
        }
        return true;
    }

    /** {@code /v2/}: any authenticated caller; it is where clients learn how to log in. */
    public Handler<RoutingContext> authenticated() {
        return ctx -> gate(ctx, caller -> {
            if (mode == SecurityConfig.Mode.NONE || caller.user().isPresent()) {
                return true;
            }
            refuse(ctx, caller, Optional.empty(), false);
            return false;
        });
    }

    /**
     * Routes of the registry as a whole ({@code /sel4/v1/gc}): an authenticated caller whom a rule over every
     * repository ({@code **}) lets delete.
     */
    public Handler<RoutingContext> administration() {
        return ctx -> gate(ctx, caller -> {
            if (mode == SecurityConfig.Mode.NONE
                    || caller.user().filter(user -> rules.current().administers(user)).isPresent()) {
                return true;
            }
            refuse(ctx, caller, Optional.empty(), false);
            return false;
        });
    }

    /** {@code /v2/_catalog}: an authenticated caller (with {@code registry:catalog:*} in a token). */
    public Handler<RoutingContext> catalog() {
        return ctx -> gate(ctx, caller -> {
            boolean tokenAllows = !(caller instanceof TokenCaller token) || token.token().access().catalog();
            if (mode == SecurityConfig.Mode.NONE || caller.user().isPresent() && tokenAllows) {
                return true;
            }
            refuse(ctx, caller, Optional.of(Scope.CATALOG), caller.user().isPresent());
            return false;
        });
    }

    private boolean decide(RoutingContext ctx, Caller caller, String name, Action... actions) {
        if (name == null || !RepositoryName.isValid(name)) {
            return true; // the handler answers NAME_INVALID; no repository means no data to guard
        }
        RepositoryName repository = RepositoryName.parse(name);
        if (java.util.Arrays.stream(actions).allMatch(action -> caller.may(repository, action))) {
            return true;
        }
        Scope scope = actions.length == 1 ? Scope.repository(repository, actions[0])
                : new Scope("repository", repository.value(), java.util.Arrays.stream(actions).map(Action::wire)
                        .toList());
        refuse(ctx, caller, Optional.of(scope), java.util.Arrays.stream(actions)
                .allMatch(action -> mayByRules(caller, repository, action)));
        return false;
    }

    /**
     * Identifies the caller and lets the request on if {@code decide} says so (it answers a refusal itself). While a
     * password is checked on a worker, the request is paused so that no byte of its body arrives before a handler
     * reads it.
     */
    private void gate(RoutingContext ctx, java.util.function.Predicate<Caller> decide) {
        Future<Caller> caller = identify(ctx);
        if (caller.isComplete()) {
            if (caller.failed()) {
                fail(ctx, caller.cause());
            } else if (decide.test(caller.result())) {
                ctx.next();
            }
            return;
        }
        ctx.request().pause();
        caller.onSuccess(known -> {
            if (decide.test(known)) {
                ctx.request().resume();
                ctx.next();
            }
        }).onFailure(failure -> fail(ctx, failure));
    }

    /** A route anyone may use (the token endpoint, public keys): only the rate limit applies. */
    public Handler<RoutingContext> anyone() {
        return ctx -> {
            if (limited(ctx, identity(ctx, Optional.empty()))) {
                return;
            }
            ctx.next();
        };
    }

    private Future<Caller> identify(RoutingContext ctx) {
        if (mode == SecurityConfig.Mode.NONE) {
            if (limited(ctx, identity(ctx, Optional.empty()))) {
                return Future.failedFuture(Handled.INSTANCE);
            }
            Caller.EVERYONE.attach(ctx);
            return Future.succeededFuture(Caller.EVERYONE);
        }
        String authorization = ctx.request().getHeader("Authorization");
        Future<Caller> caller;
        if (authorization == null) {
            caller = Future.succeededFuture(anonymous());
        } else if (mode == SecurityConfig.Mode.BASIC && startsWith(authorization, "Basic ")) {
            caller = logins.orElseThrow().basic(ctx.vertx(), authorization.substring(6), address(ctx))
                    .map(this::user);
        } else if (mode == SecurityConfig.Mode.TOKEN && startsWith(authorization, "Bearer ")) {
            caller = bearer(ctx, authorization.substring(7).trim());
        } else {
            caller = counted(ctx, RegistryException.of(ErrorCode.UNAUTHORIZED,
                    "this registry takes " + (mode == SecurityConfig.Mode.BASIC ? "Basic" : "Bearer") + " credentials"));
        }
        return caller.compose(known -> {
            if (limited(ctx, identity(ctx, known.user()))) {
                return Future.failedFuture(Handled.INSTANCE);
            }
            known.attach(ctx);
            return Future.succeededFuture(known);
        });
    }

    /** A token from an address locked out by failures is refused unchecked; an invalid one counts as a failure. */
    private Future<Caller> bearer(RoutingContext ctx, String token) {
        Optional<Duration> locked = failures.flatMap(limiter -> limiter.addressRefusedFor(address(ctx)));
        if (locked.isPresent()) {
            return Future.failedFuture(new Logins.LockedOut(locked.get()));
        }
        try {
            VerifiedToken verified = tokens.orElseThrow().verify(token);
            return Future.succeededFuture(new TokenCaller(verified, rules.current(), ownIssuer));
        } catch (InvalidTokenException e) {
            InvalidToken invalid = new InvalidToken(e.getMessage());
            // an expired token is a genuine one a client is about to replace, not a guess
            return e.outOfTime() ? Future.failedFuture(invalid) : counted(ctx, invalid);
        }
    }

    /** {@code failure} of an authentication that checked no password, counted against the client's address. */
    private <T> Future<T> counted(RoutingContext ctx, Throwable failure) {
        return failures.<Future<T>>map(limiter -> Logins.failedWithoutCheck(ctx.vertx(), limiter, address(ctx),
                failure)).orElseGet(() -> Future.failedFuture(failure));
    }

    private Caller anonymous() {
        AccessRules current = rules.current();
        return new Caller(Optional.empty(), (repository, action) -> current.allowed(Optional.empty(), repository)
                .contains(action), repository -> current.allowed(Optional.empty(), repository).contains(Action.PULL),
                false);
    }

    private Caller user(String user) {
        AccessRules current = rules.current();
        Optional<String> name = Optional.of(user);
        return new Caller(name, (repository, action) -> current.allowed(name, repository).contains(action),
                repository -> current.allowed(name, repository).contains(Action.PULL), false);
    }

    /** Whether the rules let the caller do it although the credentials presented do not (a token of narrower scope). */
    private boolean mayByRules(Caller caller, RepositoryName repository, Action action) {
        return caller.user().isPresent() && rules.current().allowed(caller.user(), repository).contains(action);
    }

    private void refuse(RoutingContext ctx, Caller caller, Optional<Scope> scope, boolean couldWithOtherToken) {
        if (caller.user().isPresent() && !(mode == SecurityConfig.Mode.TOKEN && couldWithOtherToken)) {
            ctx.fail(RegistryException.of(ErrorCode.DENIED, scope.map(s -> "not allowed: " + s).orElse("not allowed")));
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", challenges.challenge(ctx, scope,
                caller.user().isPresent() ? Optional.of("insufficient_scope") : Optional.empty()));
        ctx.fail(RegistryException.of(ErrorCode.UNAUTHORIZED, scope.map(s -> "needs " + s).orElse("needs a login")));
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        if (failure == Handled.INSTANCE) {
            return;
        }
        if (failure instanceof Logins.LockedOut locked) {
            ctx.response().putHeader("Retry-After", seconds(locked.retryAfter()));
            ctx.fail(RegistryException.of(ErrorCode.TOOMANYREQUESTS, locked.getMessage()));
        } else if (failure instanceof InvalidToken invalid) {
            ctx.response().putHeader("WWW-Authenticate", challenges.challenge(ctx, Optional.empty(),
                    Optional.of("invalid_token")));
            ctx.fail(RegistryException.of(ErrorCode.UNAUTHORIZED, "invalid token: " + invalid.getMessage()));
        } else if (failure instanceof RegistryException refused && refused.code() == ErrorCode.UNAUTHORIZED) {
            ctx.response().putHeader("WWW-Authenticate", challenges.challenge(ctx, Optional.empty(), Optional.empty()));
            ctx.fail(refused);
        } else {
            ctx.fail(failure);
        }
    }

    private boolean limited(RoutingContext ctx, String identity) {
        Optional<Duration> wait = rate.take(identity);
        if (wait.isEmpty()) {
            return false;
        }
        ctx.response().putHeader("Retry-After", seconds(wait.get()));
        ctx.fail(RegistryException.of(ErrorCode.TOOMANYREQUESTS, RATE_LIMITED));
        return true;
    }

    private static String identity(RoutingContext ctx, Optional<String> user) {
        return user.map(name -> "user\0" + name).orElseGet(() -> "address\0" + address(ctx));
    }

    static String address(RoutingContext ctx) {
        var remote = ctx.request().remoteAddress();
        return remote == null ? "" : remote.hostAddress();
    }

    static String seconds(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    private static boolean startsWith(String header, String scheme) {
        return header.regionMatches(true, 0, scheme, 0, scheme.length());
    }

    /** A refusal already answered (rate limit); nothing more to do. */
    private static final class Handled extends RuntimeException {
        static final Handled INSTANCE = new Handled();

        private Handled() {
            super("handled", null, false, false);
        }
    }

    private static final class InvalidToken extends RuntimeException {
        InvalidToken(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A caller identified by a token: may what the token allows; the catalog shows what the rules let it pull. */
    static final class TokenCaller extends Caller {
        private final VerifiedToken token;

        TokenCaller(VerifiedToken token, AccessRules rules, Optional<String> ownIssuer) {
            super(token.subject().isEmpty() ? Optional.empty() : Optional.of(token.subject()),
                    (repository, action) -> token.access().allows(repository, action),
                    repository -> token.access().allows(repository, Action.PULL)
                            || ownIssuer.filter(token.issuer()::equals).isPresent() && !token.subject().isEmpty()
                                    && rules.allowed(Optional.of(token.subject()), repository).contains(Action.PULL),
                    false);
            this.token = token;
        }

        VerifiedToken token() {
            return token;
        }
    }
}
