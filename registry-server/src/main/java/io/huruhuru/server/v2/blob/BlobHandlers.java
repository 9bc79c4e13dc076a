package io.huruhuru.server.v2.blob;

import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.http.Requests;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.blob.BlobStore;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Blob pulls ({@code GET}/{@code HEAD}, with {@code Range}) and blob deletion from a repository. */
public final class BlobHandlers {

    private final BlobStore blobs;
    private final Blocking blocking;

    public BlobHandlers(BlobStore blobs, Blocking blocking) {
        this.blobs = blobs;
        this.blocking = blocking;
    }

    /** {@code GET} and {@code HEAD /v2/<name>/blobs/<digest>}. */
    public void get(RoutingContext ctx) {
        String repository = Requests.repository(ctx);
        String digest = Requests.digest(ctx.pathParam("digest")).toString();
        boolean head = ctx.request().method().name().equals("HEAD");
        blocking.run(() -> blobs.stat(repository, digest).orElse(null))
                .onSuccess(blob -> {
                    if (blob == null) {
                        ctx.fail(RegistryException.of(ErrorCode.BLOB_UNKNOWN, digest));
                        return;
                    }
                    respond(ctx, blob, head);
                })
                .onFailure(ctx::fail);
    }

    private void respond(RoutingContext ctx, BlobInfo blob, boolean head) {
        HttpServerResponse response = ctx.response()
                .putHeader("Docker-Content-Digest", blob.digest().toString())
                .putHeader("Content-Type", "application/octet-stream")
                .putHeader("Accept-Ranges", "bytes")
                .putHeader("ETag", "\"" + blob.digest() + "\"");
        ByteRange.Request range = ByteRange.parse(ctx.request().getHeader("Range"), blob.size());
        long start = 0;
        long length = blob.size();
        if (range instanceof ByteRange.Unsatisfiable) {
            response.setStatusCode(416)
                    .putHeader("Content-Range", "bytes */" + blob.size())
                    .putHeader("Content-Length", "0")
                    .end();
            return;
        }
        if (range instanceof ByteRange.Partial partial) {
            start = partial.range().start();
            length = partial.range().length();
            response.setStatusCode(206).putHeader("Content-Range",
                    "bytes " + start + "-" + partial.range().endInclusive() + "/" + blob.size());
        }
        response.putHeader("Content-Length", Long.toString(length));
        if (head || length == 0) {
            response.end();
            return;
        }
        BlobStreamer.stream(blobs, blocking, blob.digest().toString(), start, length, response)
                .onFailure(ctx::fail);
    }

    /** {@code DELETE /v2/<name>/blobs/<digest>}: unlinks the blob from the repository. */
    public void delete(RoutingContext ctx) {
        String repository = Requests.repository(ctx);
        String digest = Requests.digest(ctx.pathParam("digest")).toString();
        blocking.run(() -> blobs.unlink(repository, digest))
                .onSuccess(removed -> {
                    if (!removed) {
                        ctx.fail(RegistryException.of(ErrorCode.BLOB_UNKNOWN, digest));
                        return;
                    }
                    ctx.response().setStatusCode(202).putHeader("Content-Length", "0").end();
                })
                .onFailure(ctx::fail);
    }
}
