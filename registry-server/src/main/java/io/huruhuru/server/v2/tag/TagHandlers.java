package io.huruhuru.server.v2.tag;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.Paging;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.http.Requests;
import io.huruhuru.storage.RegistryStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Tag lists ({@code /v2/<name>/tags/list}) and the catalog ({@code /v2/_catalog}), paged in lexical order. */
public final class TagHandlers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryStore store;
    private final Blocking blocking;

    public TagHandlers(RegistryStore store, Blocking blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    public void list(RoutingContext ctx) {
        String repository = Requests.repository(ctx);
        Paging paging = Paging.of(ctx);
        blocking.run(() -> {
                    if (!store.repositories().exists(repository)) {
                        throw RegistryException.of(ErrorCode.NAME_UNKNOWN, "repository " + repository + " is not known");
                    }
                    return paging.limit().filter(n -> n == 0).isPresent() ? List.<String>of()
                            : store.tags().list(repository, paging.last(), paging.readLimit());
                })
                .onSuccess(tags -> {
                    ObjectNode body = JSON.createObjectNode().put("name", repository);
                    paging.page(tags, ctx, "/v2/" + repository + "/tags/list").forEach(body.putArray("tags")::add);
                    json(ctx, body);
                })
                .onFailure(ctx::fail);
    }

    public void catalog(RoutingContext ctx) {
        Paging paging = Paging.of(ctx);
        blocking.run(() -> paging.limit().filter(n -> n == 0).isPresent() ? List.<String>of()
                        : store.repositories().list(paging.last(), paging.readLimit()))
                .onSuccess(names -> {
                    ObjectNode body = JSON.createObjectNode();
                    paging.page(names, ctx, "/v2/_catalog").forEach(body.putArray("repositories")::add);
                    json(ctx, body);
                })
                .onFailure(ctx::fail);
    }

    static void json(RoutingContext ctx, ObjectNode body) {
        Buffer bytes = Buffer.buffer(body.toString());
        ctx.response().putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(bytes.length()))
                .end(bytes);
    }
}
