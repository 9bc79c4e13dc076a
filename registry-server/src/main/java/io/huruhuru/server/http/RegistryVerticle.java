package io.huruhuru.server.http;

import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.server.config.SecurityConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One HTTP server instance on its own event loop, on the plain port, the TLS port or both; several instances share
 * each port.
 */
public final class RegistryVerticle extends VerticleBase {

    private final RegistryConfig.Http config;
    private final SecurityConfig security;
    private final Supplier<PemKeyCertOptions> tlsKeys;
    private final RouterFactory routerFactory;
    private HttpServer server;
    private HttpServer tlsServer;
    private volatile Router router;

    /** Builds the router of one instance on that instance's Vert.x. */
    @FunctionalInterface
    public interface RouterFactory {
        Router create(io.vertx.core.Vertx vertx);
    }

    /** The routes this instance serves, once it has started. */
    public Router router() {
        return router;
    }

    /** {@code tlsKeys} gives the current certificate and key, asked for only when TLS is configured. */
    public RegistryVerticle(RegistryConfig.Http config, SecurityConfig security, Supplier<PemKeyCertOptions> tlsKeys,
            RouterFactory routerFactory) {
        this.config = config;
        this.security = security;
        this.tlsKeys = tlsKeys;
        this.routerFactory = routerFactory;
    }

    @Override
    public Future<?> start() {
        router = routerFactory.create(vertx);
        List<Future<HttpServer>> listening = new ArrayList<>();
        if (security.plainHttp()) {
            server = vertx.createHttpServer(options(config.listen(), -1))
                    .connectionHandler(connection -> {
                        PlainPortGuard.install(connection);
                        RequestHeadGuard.install(connection);
                    })
                    .requestHandler(router);
            listening.add(server.listen());
        }
        if (security.tls().isPresent()) {
            HttpServerOptions options = options(security.tls().get().listen(), -2)
                    .setSsl(true)
                    .setKeyCertOptions(tlsKeys.get())
                    // HTTP/2 where the client offers it in ALPN, HTTP/1.1 otherwise
                    .setUseAlpn(true)
                    .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
            tlsServer = vertx.createHttpServer(options)
                    .connectionHandler(RequestHeadGuard::install)
                    .requestHandler(router);
            listening.add(tlsServer.listen());
        }
        return Future.all(listening);
    }

    /**
     * Serves {@code keys} to new TLS connections from now on; connections already open keep theirs, none is dropped.
     */
    public Future<Boolean> updateTlsKeys(PemKeyCertOptions keys) {
        if (tlsServer == null) {
            return Future.succeededFuture(false);
        }
        return tlsServer.updateSSLOptions(new ServerSSLOptions().setKeyCertOptions(keys)
                .setUseAlpn(true).setApplicationLayerProtocols(List.of("h2", "http/1.1")), true);
    }

    /** {@code anyPort}: the negative port that stands for "a free port", one per kind of server (see below). */
    private HttpServerOptions options(RegistryConfig.Listen listen, int anyPort) {
        return new HttpServerOptions()
                .setHost(listen.host())
                // Instances share a port; Vert.x shares a free port among them only when it is asked for as a negative
                // number (with 0 each instance would bind a port of its own, and all but the reported one would go
                // unused), and servers asking with the same negative number get the same port: so -1 for the plain
                // port and -2 for the TLS port.
                .setPort(listen.port() == 0 ? anyPort : listen.port())
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                // Without h2c detection the HTTP/1 pipeline exists before the first byte, so PlainPortGuard sees it;
                // RequestHeadGuard answers an HTTP/2 prior-knowledge preface with 505 rather than Vert.x's 501.
                .setHttp2ClearTextEnabled(false)
                // curl and other clients wait up to a second for "100 Continue" before a large body.
                .setHandle100ContinueAutomatically(true)
                .setIdleTimeout(300)
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
    }

    /** Stops accepting connections and lets requests in flight finish within the configured grace. */
    @Override
    public Future<?> stop() {
        List<Future<Void>> stopped = new ArrayList<>();
        for (HttpServer one : new HttpServer[] {server, tlsServer}) {
            if (one != null) {
                stopped.add(one.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS));
            }
        }
        return Future.all(stopped);
    }

    /** The plain-HTTP port, if it is served. */
    public Optional<Integer> actualPort() {
        return Optional.ofNullable(server).map(HttpServer::actualPort);
    }

    /** The TLS port, if it is served. */
    public Optional<Integer> actualTlsPort() {
        return Optional.ofNullable(tlsServer).map(HttpServer::actualPort);
    }
}
