package io.huruhuru.server.http;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the typed parts of a /v2 request (repository name, digests); a malformed one throws its oci parse exception,
 * which {@link FailureHandler} maps to its code.
 */
public final class Requests {

    private Requests() {
    }

    /** The {@code name} path parameter as a repository name, or NAME_INVALID. */
    public static RepositoryName repository(RoutingContext ctx) {
        return repository(ctx.pathParam("name"));
    }

    /** {@code name} as a repository name, or NAME_INVALID. */
    public static RepositoryName repository(String name) {
        if (name == null || name.isEmpty()) {
            throw RegistryException.of(ErrorCode.NAME_INVALID, "a repository name is required");
        }
        return RepositoryName.parse(name);
    }

    /**
     * The address and port the request's connection reached, as a registry host ({@code 127.0.0.1:5000},
     * {@code [::1]:5000}): what the connection itself says, not the {@code Host} header that the client chooses.
     */
    public static String reachedAddress(RoutingContext ctx) {
        SocketAddress local = ctx.request().localAddress();
        String host = local.hostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + local.port();
    }

    /** A digest from a path or query parameter, or DIGEST_INVALID. */
    public static Digest digest(String text) {
        if (text == null || text.isEmpty()) {
            throw RegistryException.of(ErrorCode.DIGEST_INVALID, "a digest is required");
        }
        return Digest.parse(text);
    }
}
