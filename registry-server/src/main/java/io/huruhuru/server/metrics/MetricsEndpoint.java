package io.huruhuru.server.metrics;

import io.huruhuru.server.blocking.Blocking;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: every metric in the Prometheus text format, rendered on a worker. */
public final class MetricsEndpoint implements Handler<RoutingContext> {

    /** The content type of the Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final RegistryMetrics metrics;
    private final Blocking blocking;

    public MetricsEndpoint(RegistryMetrics metrics, Blocking blocking) {
        this.metrics = metrics;
        this.blocking = blocking;
    }

    @Override
    public void handle(RoutingContext ctx) {
        blocking.run(metrics::scrape).onSuccess(text -> {
            Buffer body = Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
            ctx.response().putHeader("Content-Type", CONTENT_TYPE)
                    .putHeader("Content-Length", Integer.toString(body.length()));
            if (ctx.request().method().name().equals("HEAD")) {
                ctx.response().end();
            } else {
                ctx.response().end(body);
            }
        }).onFailure(ctx::fail);
    }
}
