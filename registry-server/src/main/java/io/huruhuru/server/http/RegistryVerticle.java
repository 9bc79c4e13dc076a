package io.huruhuru.server.http;

import io.huruhuru.server.config.RegistryConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/** One HTTP server instance on its own event loop; several share the listening port. */
public final class RegistryVerticle extends VerticleBase {

    private final RegistryConfig.Http config;
    private final RouterFactory routerFactory;
    private HttpServer server;

    /** Builds the router of one instance on that instance's Vert.x. */
    @FunctionalInterface
    public interface RouterFactory {
        Router create(io.vertx.core.Vertx vertx);
    }

    public RegistryVerticle(RegistryConfig.Http config, RouterFactory routerFactory) {
        this.config = config;
        this.routerFactory = routerFactory;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.listen().host())
                // Instances share a port; Vert.x shares a free port among them only when it is asked for as -1 (with 0
                // each instance would bind a port of its own, and all but the reported one would go unused).
                .setPort(config.listen().port() == 0 ? -1 : config.listen().port())
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                // Without h2c detection the HTTP/1 pipeline exists before the first byte, so PlainPortGuard sees it;
                // RequestHeadGuard answers an HTTP/2 prior-knowledge preface with 505 rather than Vert.x's 501.
                .setHttp2ClearTextEnabled(false)
                // curl and other clients wait up to a second for "100 Continue" before a large body.
                .setHandle100ContinueAutomatically(true)
                .setIdleTimeout(300)
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        server = vertx.createHttpServer(options)
                .connectionHandler(connection -> {
                    PlainPortGuard.install(connection);
                    RequestHeadGuard.install(connection);
                })
                .requestHandler(routerFactory.create(vertx));
        return server.listen();
    }

    /** Stops accepting connections and lets requests in flight finish within the configured grace. */
    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture()
                : server.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    public int actualPort() {
        return server.actualPort();
    }
}
