package io.huruhuru.server.auth;

import io.huruhuru.oci.RepositoryName;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Who made a request and what they may do, as {@link AccessControl} found out; handlers ask it where a request's
 * outcome depends on access beyond its route (the catalog's entries, the source of a cross-repository mount).
 */
public class Caller {

    private static final String KEY = "huruhuru.caller";
    /** Every caller when authentication is off. */
    public static final Caller EVERYONE = new Caller(Optional.empty(), (repository, action) -> true, r -> true, true);
    /** Where access control did not run: may do nothing, so that a route left unguarded fails closed. */
    public static final Caller NOBODY = new Caller(Optional.empty(), (repository, action) -> false, r -> false, false);

    private final Optional<String> user;
    private final BiPredicate<RepositoryName, Action> may;
    private final Predicate<RepositoryName> mayList;
    private final boolean unrestricted;

    Caller(Optional<String> user, BiPredicate<RepositoryName, Action> may, Predicate<RepositoryName> mayList,
            boolean unrestricted) {
        this.user = user;
        this.may = may;
        this.mayList = mayList;
        this.unrestricted = unrestricted;
    }

    /** The caller of the request, {@link #NOBODY} where access control did not run. */
    public static Caller of(RoutingContext ctx) {
        Caller caller = ctx.get(KEY);
        return caller == null ? NOBODY : caller;
    }

    void attach(RoutingContext ctx) {
        ctx.put(KEY, this);
    }

    /** The authenticated user, empty for an anonymous caller (and when authentication is off). */
    public Optional<String> user() {
        return user;
    }

    public boolean may(RepositoryName repository, Action action) {
        return may.test(repository, action);
    }

    /** Whether the catalog shows {@code repository} to this caller: it may pull from it by the rules. */
    public boolean mayList(RepositoryName repository) {
        return mayList.test(repository);
    }

    /** Whether this caller may mount a blob from {@code from}, or, without it, from any repository. */
    public boolean mayMountFrom(Optional<String> from) {
        if (from.isEmpty()) {
            return unrestricted;
        }
        return RepositoryName.isValid(from.get()) && may(RepositoryName.parse(from.get()), Action.PULL);
    }
}
