package io.huruhuru.server.v2.upload;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.auth.Caller;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.http.Requests;
import io.huruhuru.server.quota.QuotaCheck;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.blob.BlobUnknownException;
import io.huruhuru.storage.blob.BlobStore;
import io.huruhuru.storage.upload.UploadListener;
import io.huruhuru.storage.upload.UploadSession;
import io.huruhuru.storage.upload.Uploads;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.Pipe;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Blob pushes (distribution-spec "Pushing blobs"): monolithic POST, POST then PUT, chunked PATCH, status, cancel, and
 * cross-repository mount. Bodies are piped straight into storage; nothing holds a whole blob.
 */
public final class UploadHandlers {

    private final BlobStore blobs;
    private final Uploads uploads;
    private final UploadListener.Factory listeners;
    private final Blocking blocking;
    private final long maxRequestBytes;
    private final QuotaCheck quota;

    /**
     * @param uploads the registry's live uploads, shared with the handlers of every other event loop
     * @param listeners what hears the bytes of each new upload
     * @param maxRequestBytes the largest body of one request ({@code limits.maxUploadBytes}); zero is unlimited
     * @param quota refuses an upload whose announced size would pass its repository's quota before it is read
     */
    public UploadHandlers(Uploads uploads, UploadListener.Factory listeners, BlobStore blobs, Blocking blocking,
            long maxRequestBytes, QuotaCheck quota) {
        this.quota = quota;
        this.blobs = blobs;
        this.uploads = uploads;
        this.listeners = listeners;
        this.blocking = blocking;
        this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * Refuses a body whose announced length is over the limit before reading any of it; a body without a length is
     * counted as it streams ({@link UploadSink}).
     */
    private boolean announcedTooLarge(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (maxRequestBytes == 0 || length == null) {
            return false;
        }
        try {
            if (Long.parseLong(length.trim()) <= maxRequestBytes) {
                return false;
            }
        } catch (NumberFormatException e) {
            return false; // the HTTP codec refuses a malformed length itself
        }
        ctx.fail(RegistryException.of(ErrorCode.TOO_LARGE, "an upload request may carry at most " + maxRequestBytes
                + " bytes"));
        return true;
    }

    /** {@code POST /v2/<name>/blobs/uploads/}: mount, monolithic push with {@code ?digest=}, or a new session. */
    public void start(RoutingContext ctx) {
        RepositoryName repository = Requests.repository(ctx);
        String mount = ctx.request().getParam("mount");
        Optional<Digest> digest = Optional.ofNullable(ctx.request().getParam(mount != null ? "mount" : "digest"))
                .map(Requests::digest);
        Pipe<Buffer> body = ctx.request().pipe();
        if (mount != null) {
            Optional<String> from = Optional.ofNullable(ctx.request().getParam("from"));
            body.close(); // a mount has no body to read
            // a source the caller may not pull from holds nothing for it: an ordinary upload follows
            boolean mayMount = Caller.of(ctx).mayMountFrom(from);
            blocking.run(() -> mayMount && tryMount(repository, digest.get(), from))
                    .onSuccess(mounted -> {
                        if (mounted) {
                            created(ctx.response(), repository, digest.get());
                        } else {
                            startSession(ctx, repository);
                        }
                    })
                    .onFailure(ctx::fail);
            return;
        }
        if (digest.isEmpty()) {
            body.close(); // a session starts empty
            startSession(ctx, repository);
            return;
        }
        if (announcedTooLarge(ctx)) {
            body.close();
            return;
        }
        roomFor(repository, digest, contentLength(ctx))
                .compose(room -> start(repository, digest.get().algorithm()))
                .compose(session -> claim(session, Optional.empty(), false))
                .compose(writer -> receive(writer, body, Optional.empty(), false))
                .compose(writer -> commit(writer, digest.get()))
                .onSuccess(blob -> created(ctx.response(), repository, blob.digest()))
                .onFailure(failure -> fail(ctx, body, failure));
    }

    /** {@code PATCH .../uploads/<id>}: appends a chunk, streamed, at the offset its Content-Range names (if any). */
    public void patch(RoutingContext ctx) {
        RepositoryName repository = Requests.repository(ctx);
        if (announcedTooLarge(ctx)) {
            return;
        }
        Optional<ContentRange> range = ContentRange.parse(ctx.request().getHeader("Content-Range"));
        String id = ctx.pathParam("id");
        Pipe<Buffer> body = ctx.request().pipe();
        find(repository, id)
                .compose(session -> roomFor(repository, Optional.empty(), announced(ctx, session, range))
                        .map(room -> session))
                .compose(session -> claim(session, range, true))
                .compose(writer -> receive(writer, body, range, true))
                .onSuccess(writer -> accepted(ctx.response(), 202, repository, writer.session()))
                .onFailure(failure -> fail(ctx, body, failure));
    }

    /** {@code PUT .../uploads/<id>?digest=}: takes an optional last chunk, then commits the blob. */
    public void complete(RoutingContext ctx) {
        RepositoryName repository = Requests.repository(ctx);
        if (announcedTooLarge(ctx)) {
            return;
        }
        Digest digest = Requests.digest(ctx.request().getParam("digest"));
        Optional<ContentRange> range = ContentRange.parse(ctx.request().getHeader("Content-Range"));
        String id = ctx.pathParam("id");
        Pipe<Buffer> body = ctx.request().pipe();
        find(repository, id)
                .compose(session -> roomFor(repository, Optional.of(digest), announced(ctx, session, range))
                        .map(room -> session))
                .compose(session -> claim(session, range, false))
                .compose(writer -> receive(writer, body, range, false))
                .compose(writer -> commit(writer, digest))
                .onSuccess(blob -> created(ctx.response(), repository, blob.digest()))
                .onFailure(failure -> fail(ctx, body, failure));
    }

    /**
     * Refuses, before its body is read, an upload whose size when this request ends ({@code total}, if the request
     * announces it) would pass the repository's quota, unless the blob it names is in the repository already (it
     * then adds nothing). Storage checks again at the commit; this only spares storing bytes that cannot stay.
     */
    private Future<Void> roomFor(RepositoryName repository, Optional<Digest> digest, OptionalLong total) {
        if (total.isEmpty() || !quota.limits(repository)) {
            return Future.succeededFuture();
        }
        return blocking.run(() -> {
            if (digest.isEmpty() || blobs.stat(repository, digest.get()).isEmpty()) {
                quota.requireRoom(repository, total.getAsLong());
            }
            return null;
        });
    }

    /**
     * The upload's size once this request's body is in (from its Content-Range, else its Content-Length), or the
     * whole blob's size when the Content-Range gives its total.
     */
    private static OptionalLong announced(RoutingContext ctx, UploadSession session, Optional<ContentRange> range) {
        if (range.isPresent()) {
            return range.get().total().isPresent() ? range.get().total()
                    : OptionalLong.of(range.get().end() + 1);
        }
        OptionalLong length = contentLength(ctx);
        return length.isPresent() ? OptionalLong.of(session.size() + length.getAsLong()) : length;
    }

    private static OptionalLong contentLength(RoutingContext ctx) {
        String header = ctx.request().getHeader("Content-Length");
        if (header == null || ctx.request().getHeader("Transfer-Encoding") != null) {
            return OptionalLong.empty();
        }
        try {
            long length = Long.parseLong(header.trim());
            return length >= 0 ? OptionalLong.of(length) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // Vert.x refuses such a request itself
        }
    }

    /** Answers a refused push; the rest of its body, if any, is not read. */
    private static void fail(RoutingContext ctx, Pipe<Buffer> body, Throwable failure) {
        body.close();
        ctx.fail(failure);
    }

    /** {@code GET .../uploads/<id>}: where the upload stands, also after an idle period or a restart. */
    public void status(RoutingContext ctx) {
        RepositoryName repository = Requests.repository(ctx);
        String id = ctx.pathParam("id");
        find(repository, id)
                .onSuccess(session -> accepted(ctx.response(), 204, repository, session))
                .onFailure(ctx::fail);
    }

    /** {@code DELETE .../uploads/<id>}: cancels the upload and drops its bytes. */
    public void cancel(RoutingContext ctx) {
        RepositoryName repository = Requests.repository(ctx);
        String id = ctx.pathParam("id");
        find(repository, id)
                .compose(session -> blocking.run(() -> {
                    session.cancel();
                    return null;
                }))
                .onSuccess(ignored -> ctx.response().setStatusCode(204).putHeader("Content-Length", "0").end())
                .onFailure(ctx::fail);
    }

    /**
     * Links the blob into {@code repository} if it is readable from {@code from}, or from anywhere without it. A
     * {@code from} that is not a repository name holds nothing: the client then gets an ordinary upload, as the spec
     * says for any mount that cannot be made.
     */
    private boolean tryMount(RepositoryName repository, Digest digest, Optional<String> from) {
        boolean readable = from.isEmpty() ? blobs.stat(digest).isPresent()
                : RepositoryName.isValid(from.get()) && blobs.stat(RepositoryName.parse(from.get()), digest).isPresent();
        if (readable) {
            try {
                blobs.link(repository, digest);
            } catch (BlobUnknownException e) {
                return false; // a collection deleted it since the stat: an ordinary upload, as for any failed mount
            }
        }
        return readable;
    }

    private void startSession(RoutingContext ctx, RepositoryName repository) {
        start(repository, DigestAlgorithm.SHA256)
                .onSuccess(session -> accepted(ctx.response(), 202, repository, session))
                .onFailure(ctx::fail);
    }

    private Future<UploadSession> start(RepositoryName repository, DigestAlgorithm algorithm) {
        return blocking.run(() -> uploads.start(repository, algorithm, listeners));
    }

    /** The live upload {@code id} of {@code repository}, loaded on a worker if it is not in the table. */
    private Future<UploadSession> find(RepositoryName repository, String id) {
        try {
            Optional<UploadSession> live = uploads.findLive(repository, id);
            return live.isPresent() ? Future.succeededFuture(live.get())
                    : blocking.run(() -> uploads.find(repository, id));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** Claims {@code session} for this request (without blocking) if the claimed {@code range} continues it. */
    private static Future<UploadSession.Writer> claim(UploadSession session, Optional<ContentRange> range,
            boolean chunk) {
        try {
            UploadSession.Writer writer = chunk ? session.receiveChunk() : session.receiveFinal();
            try {
                range.ifPresent(r -> r.requireStartsAt(session.size()));
            } catch (RuntimeException e) {
                writer.release();
                throw e;
            }
            return Future.succeededFuture(writer);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** Pipes the request body into the upload through {@code writer}; a chunk is then flushed and frees the upload. */
    private Future<UploadSession.Writer> receive(UploadSession.Writer writer, Pipe<Buffer> body,
            Optional<ContentRange> range, boolean chunk) {
        UploadSink sink = new UploadSink(writer, blocking, chunk, maxRequestBytes);
        return body.to(sink)
                // Vert.x ends the sink also when the body breaks off (the client went away, or its chunked framing
                // broke): what arrived of a chunk is kept, as a shorter chunk would be, but nothing is committed.
                .transform(piped -> sink.done().compose(done -> piped.succeeded() ? Future.succeededFuture()
                        : Future.failedFuture(RegistryException.of(ErrorCode.REQUEST_INVALID,
                                "the request body broke off after " + sink.received() + " bytes: "
                                        + piped.cause().getMessage()))))
                .onFailure(failure -> writer.release())
                .compose(done -> {
                    if (range.isPresent() && range.get().length() != sink.received()) {
                        writer.release();
                        return Future.failedFuture(RegistryException.of(ErrorCode.SIZE_INVALID,
                                "Content-Range claims " + range.get().length() + " bytes but the body had " + sink.received()));
                    }
                    return Future.succeededFuture(writer);
                });
    }

    private Future<BlobInfo> commit(UploadSession.Writer writer, Digest digest) {
        return blocking.run(() -> writer.commit(digest));
    }

    private static void accepted(HttpServerResponse response, int status, RepositoryName repository,
            UploadSession session) {
        long size = session.size();
        response.setStatusCode(status)
                .putHeader("Location", "/v2/" + repository + "/blobs/uploads/" + session.id())
                .putHeader("Range", "0-" + Math.max(0, size - 1))
                .putHeader("Docker-Upload-UUID", session.id())
                .putHeader("Content-Length", "0")
                .end();
    }

    private static void created(HttpServerResponse response, RepositoryName repository, Digest digest) {
        response.setStatusCode(201)
                .putHeader("Location", "/v2/" + repository + "/blobs/" + digest)
                .putHeader("Docker-Content-Digest", digest.toString())
                .putHeader("Content-Length", "0")
                .end();
    }
}
