package io.huruhuru.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Decodes the request's path and query once, before any route matches a path or a handler reads a parameter, and
 * refuses a malformed percent escape ({@code %zz}, say) with REQUEST_INVALID. Vert.x throws on one when it first
 * decodes it: in a handler that would be an internal error, and in route matching an error logged with its stack
 * trace for every such request.
 */
final class UriCheck implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        try {
            ctx.normalizedPath();
            if (ctx.request().query() != null) {
                ctx.request().params();
            }
        } catch (IllegalArgumentException e) {
            ctx.fail(RegistryException.of(ErrorCode.REQUEST_INVALID, "malformed request URI: " + e.getMessage()));
            return;
        }
        ctx.next();
    }
}
