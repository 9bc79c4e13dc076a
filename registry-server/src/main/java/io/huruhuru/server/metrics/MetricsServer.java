package io.huruhuru.server.metrics;

import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.server.http.FailureHandler;
import io.huruhuru.server.http.RequestId;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/**
 * {@code /metrics} on a port of its own ({@code metrics.listen}), so that the scrape port can be reachable where the
 * API is not (or the other way round); it serves nothing else.
 */
public final class MetricsServer {

    private MetricsServer() {
    }

    /** Listens on {@code listen}; returns once the port is bound. */
    public static HttpServer listen(Vertx vertx, RegistryConfig.Listen listen, MetricsEndpoint endpoint)
            throws java.util.concurrent.TimeoutException {
        Router router = Router.router(vertx);
        router.route().handler(new RequestId());
        router.get("/metrics").handler(endpoint);
        router.head("/metrics").handler(endpoint);
        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(new FailureHandler());
        return vertx.createHttpServer(new HttpServerOptions().setHost(listen.host()).setPort(listen.port()))
                .requestHandler(router)
                .listen()
                .await(30, TimeUnit.SECONDS);
    }
}
