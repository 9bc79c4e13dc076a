package io.huruhuru.server.v2.upload;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.http.Requests;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.blob.BlobStore;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.Digest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.Pipe;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Blob pushes (distribution-spec "Pushing blobs"): monolithic POST, POST then PUT, chunked PATCH, status, cancel, and
 * cross-repository mount. Bodies are piped straight into storage; nothing holds a whole blob.
 */
public final class UploadHandlers {

    private final BlobStore blobs;
    private final UploadSessions sessions;
    private final Blocking blocking;

    /** @param sessions the registry's open uploads, shared with the handlers of every other event loop */
    public UploadHandlers(UploadSessions sessions, BlobStore blobs, Blocking blocking) {
        this.blobs = blobs;
        this.sessions = sessions;
        this.blocking = blocking;
    }

    /** {@code POST /v2/<name>/blobs/uploads/}: mount, monolithic push with {@code ?digest=}, or a new session. */
    public void start(RoutingContext ctx) {
        Pipe<Buffer> body = ctx.request().pipe();
        RepositoryName name = Requests.repository(ctx);
        String repository = name.value();
        String mount = ctx.request().getParam("mount");
        String digestParam = ctx.request().getParam("digest");
        if (mount != null) {
            Digest digest = Requests.digest(mount);
            Optional<RepositoryName> from = Optional.ofNullable(ctx.request().getParam("from"))
                    .filter(f -> !f.isEmpty()).map(Requests::repository);
            body.close();
            blocking.run(() -> tryMount(name, digest, from))
                    .onSuccess(mounted -> {
                        if (mounted) {
                            created(ctx.response(), repository, digest.toString());
                        } else {
                            startSession(ctx, repository);
                        }
                    })
                    .onFailure(ctx::fail);
            return;
        }
        if (digestParam == null) {
            body.close();
            startSession(ctx, repository);
            return;
        }
        Digest digest = Requests.digest(digestParam);
        sessions.start(repository, algorithmOf(digest))
                .compose(session -> receive(session, body, Optional.empty(), false)
                        .compose(size -> commit(session, digest)))
                .onSuccess(blob -> created(ctx.response(), repository, blob.digest().toString()))
                .onFailure(ctx::fail);
    }

    /** {@code PATCH .../uploads/<id>}: appends a chunk, streamed, at the offset its Content-Range names (if any). */
    public void patch(RoutingContext ctx) {
        Pipe<Buffer> body = ctx.request().pipe();
        RepositoryName name = Requests.repository(ctx);
        String repository = name.value();
        Optional<ContentRange> range = ContentRange.parse(ctx.request().getHeader("Content-Range"));
        sessions.find(repository, ctx.pathParam("id"))
                .compose(session -> receive(session, body, range, true).map(size -> session))
                .onSuccess(session -> accepted(ctx.response(), 202, repository, session))
                .onFailure(failure -> {
                    body.close();
                    ctx.fail(failure);
                });
    }

    /** {@code PUT .../uploads/<id>?digest=}: takes an optional last chunk, then commits the blob. */
    public void complete(RoutingContext ctx) {
        Pipe<Buffer> body = ctx.request().pipe();
        RepositoryName name = Requests.repository(ctx);
        String repository = name.value();
        Digest digest = Requests.digest(ctx.request().getParam("digest"));
        Optional<ContentRange> range = ContentRange.parse(ctx.request().getHeader("Content-Range"));
        sessions.find(repository, ctx.pathParam("id"))
                .compose(session -> receive(session, body, range, false).compose(size -> commit(session, digest)))
                .onSuccess(blob -> created(ctx.response(), repository, blob.digest().toString()))
                .onFailure(failure -> {
                    body.close();
                    ctx.fail(failure);
                });
    }

    /** {@code GET .../uploads/<id>}: where the upload stands, also after an idle period or a restart. */
    public void status(RoutingContext ctx) {
        String repository = Requests.repository(ctx).value();
        sessions.find(repository, ctx.pathParam("id"))
                .onSuccess(session -> accepted(ctx.response(), 204, repository, session))
                .onFailure(ctx::fail);
    }

    /** {@code DELETE .../uploads/<id>}: cancels the upload and drops its bytes. */
    public void cancel(RoutingContext ctx) {
        String repository = Requests.repository(ctx).value();
        sessions.find(repository, ctx.pathParam("id"))
                .compose(session -> blocking.run(() -> {
                    sessions.cancel(session);
                    return null;
                }))
                .onSuccess(ignored -> ctx.response().setStatusCode(204).putHeader("Content-Length", "0").end())
                .onFailure(ctx::fail);
    }

    private boolean tryMount(RepositoryName repository, Digest digest, Optional<RepositoryName> from) {
        boolean readable = from.isPresent() ? blobs.stat(from.get(), digest).isPresent() : blobs.stat(digest).isPresent();
        if (readable) {
            blobs.link(repository, digest);
        }
        return readable;
    }

    private void startSession(RoutingContext ctx, String repository) {
        sessions.start(repository, DigestAlgorithm.SHA256)
                .onSuccess(session -> accepted(ctx.response(), 202, repository, session))
                .onFailure(ctx::fail);
    }

    /**
     * Pipes the request body into the session after checking its claimed range; yields the upload's new size. A
     * {@code chunk} (a PATCH body) ends with a flush; other bodies end with a commit.
     */
    private Future<Long> receive(UploadSession session, Pipe<Buffer> body, Optional<ContentRange> range,
            boolean chunk) {
        if (!session.claim()) {
            return Future.failedFuture(RegistryException.of(ErrorCode.RANGE_INVALID,
                    "another request is writing upload " + session.id()));
        }
        if (!sessions.isOpen(session)) {
            // committed, cancelled or purged between finding the session and claiming it
            session.release();
            return Future.failedFuture(RegistryException.of(ErrorCode.BLOB_UPLOAD_UNKNOWN,
                    "upload " + session.id() + " has ended"));
        }
        try {
            range.ifPresent(r -> r.requireStartsAt(session.upload().size()));
        } catch (RegistryException e) {
            session.release();
            return Future.failedFuture(e);
        }
        UploadSink sink = new UploadSink(session, blocking, chunk);
        return body.to(sink)
                .transform(piped -> sink.done())
                .eventually(() -> {
                    session.release();
                    return Future.succeededFuture();
                })
                // an append after a cancel or purge finds the upload ended
                .recover(failure -> Future.failedFuture(failure instanceof IllegalStateException
                        && !sessions.isOpen(session) ? ended(session) : failure))
                .compose(done -> {
                    if (range.isPresent() && range.get().length() != sink.received()) {
                        return Future.failedFuture(RegistryException.of(ErrorCode.SIZE_INVALID,
                                "Content-Range claims " + range.get().length() + " bytes but the body had " + sink.received()));
                    }
                    return Future.succeededFuture(session.upload().size());
                });
    }

    private Future<BlobInfo> commit(UploadSession session, Digest digest) {
        return blocking.run(() -> {
            try {
                BlobInfo blob;
                synchronized (session) {
                    if (!sessions.isOpen(session)) {
                        throw ended(session);
                    }
                    blob = session.upload().commit(digest.toString());
                }
                session.tee().committed(blob.digest().toString());
                return blob;
            } catch (RuntimeException e) {
                session.tee().abandon();
                throw e;
            } finally {
                sessions.close(session);
            }
        });
    }

    /** The answer to a request whose upload was cancelled or purged while it was writing it. */
    private static RegistryException ended(UploadSession session) {
        return RegistryException.of(ErrorCode.BLOB_UPLOAD_UNKNOWN,
                "upload " + session.id() + " was cancelled or purged while this request wrote it");
    }

    private static DigestAlgorithm algorithmOf(Digest digest) {
        return digest.algorithm();
    }

    private static void accepted(HttpServerResponse response, int status, String repository, UploadSession session) {
        long size = session.upload().size();
        response.setStatusCode(status)
                .putHeader("Location", "/v2/" + repository + "/blobs/uploads/" + session.id())
                .putHeader("Range", "0-" + Math.max(0, size - 1))
                .putHeader("Docker-Upload-UUID", session.id())
                .putHeader("Content-Length", "0")
                .end();
    }

    private static void created(HttpServerResponse response, String repository, String digest) {
        response.setStatusCode(201)
                .putHeader("Location", "/v2/" + repository + "/blobs/" + digest)
                .putHeader("Docker-Content-Digest", digest)
                .putHeader("Content-Length", "0")
                .end();
    }

}
