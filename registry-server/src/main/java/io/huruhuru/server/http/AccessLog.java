package io.huruhuru.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per request once its response is sent: method, path, status, body bytes, duration. */
public final class AccessLog implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger("huruhuru.access");

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addEndHandler(ended -> LOG.info("{} {} {} {} {}ms",
                ctx.request().method(),
                ctx.request().path(),
                ctx.response().getStatusCode(),
                ctx.response().bytesWritten(),
                String.format("%.1f", (System.nanoTime() - started) / 1e6)));
        ctx.next();
    }
}
