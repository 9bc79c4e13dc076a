package io.huruhuru.server.gc;

import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** The admin endpoint: {@code POST /sel4/v1/gc[?dryRun=true]} collects now, {@code GET /sel4/v1/gc} the last run. */
public final class GcHandlers {

    private final GarbageCollection collection;

    public GcHandlers(GarbageCollection collection) {
        this.collection = collection;
    }

    /** Runs a collection (after one under way) on the collector's thread and answers with its report. */
    public void collect(RoutingContext ctx) {
        boolean dryRun = dryRun(ctx.request().getParam("dryRun"));
        Future.fromCompletionStage(collection.collect(dryRun), ctx.vertx().getOrCreateContext())
                .onSuccess(report -> json(ctx, ReportJson.of(report, dryRun).toString()))
                .onFailure(ctx::fail);
    }

    /** Whether a collection runs, the last report, and the counters. */
    public void status(RoutingContext ctx) {
        json(ctx, ReportJson.status(collection.running(), collection.last(), collection.metrics()).toString());
    }

    private static boolean dryRun(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true") || value.isEmpty()) {
            return true;
        }
        throw RegistryException.of(ErrorCode.REQUEST_INVALID, "dryRun must be true or false, got: " + value);
    }

    private static void json(RoutingContext ctx, String body) {
        Buffer bytes = Buffer.buffer(body);
        ctx.response().putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(bytes.length()))
                .end(bytes);
    }
}
