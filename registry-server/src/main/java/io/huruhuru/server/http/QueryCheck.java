package io.huruhuru.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Decodes the query string once before any handler reads a parameter, refusing a malformed one (a {@code %zz}
 * escape, say) with REQUEST_INVALID; decoding throws, and a handler reading a parameter would answer 500.
 */
final class QueryCheck implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().query() != null) {
            try {
                ctx.request().params();
            } catch (IllegalArgumentException e) {
                ctx.fail(RegistryException.of(ErrorCode.REQUEST_INVALID, "malformed query string: " + e.getMessage()));
                return;
            }
        }
        ctx.next();
    }
}
