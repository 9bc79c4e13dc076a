package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.oci.RepositoryName;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A handler that asks for the caller where access control did not run gets nobody, not everyone. */
class CallerTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void withoutAccessControlTheCallerMayNothing() throws Exception {
        Router router = Router.router(vertx);
        router.get("/unguarded").handler(ctx -> {
            Caller caller = Caller.of(ctx);
            ctx.end(caller.may(RepositoryName.parse("team/app"), Action.PULL) + " "
                    + caller.mayList(RepositoryName.parse("team/app")) + " " + caller.mayMountFrom(Optional.empty()));
        });
        router.get("/open").handler(AccessControl.open().authenticated()).handler(ctx -> {
            Caller caller = Caller.of(ctx);
            ctx.end(caller.may(RepositoryName.parse("team/app"), Action.PULL) + " " + caller.mayMountFrom(
                    Optional.empty()));
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);

        assertEquals("false false false", get(server.actualPort(), "/unguarded"));
        assertEquals("true true", get(server.actualPort(), "/open"), "authentication off: everyone, attached");
    }

    private static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
