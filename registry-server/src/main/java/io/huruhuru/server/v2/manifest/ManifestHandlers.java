package io.huruhuru.server.v2.manifest;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.InvalidDigestException;
import io.huruhuru.oci.InvalidTagException;
import io.huruhuru.oci.Reference;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.AcceptHeader;
import io.huruhuru.server.http.BoundedBody;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.http.Requests;
import io.huruhuru.server.signing.ManifestSigning;
import io.huruhuru.server.validation.PushValidation;
import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.manifest.StoredManifest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Manifest pull, push and delete by tag or digest ({@code /v2/<name>/manifests/<reference>}). */
public final class ManifestHandlers {

    private final RegistryStore store;
    private final Blocking blocking;
    private final ManifestPush push;
    private final int maxManifestBytes;

    public ManifestHandlers(RegistryStore store, Blocking blocking, int maxManifestBytes, PushValidation validation,
            ManifestSigning signing) {
        this.store = store;
        this.blocking = blocking;
        this.push = new ManifestPush(store, validation, signing);
        this.maxManifestBytes = maxManifestBytes;
    }

    /** {@code GET} and {@code HEAD}: the manifest as pushed, if its media type is one the client accepts. */
    public void get(RoutingContext ctx) {
        RepositoryName repository = Requests.repository(ctx);
        Reference reference = existingReference(ctx);
        AcceptHeader accept = AcceptHeader.of(ctx.request().headers().getAll("Accept"));
        boolean head = ctx.request().method().name().equals("HEAD");
        blocking.run(() -> {
                    StoredManifest manifest = store.manifest(repository, reference)
                            .orElseThrow(() -> unknown(repository, reference));
                    if (!accept.accepts(manifest.mediaType())) {
                        throw RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, "the manifest is " + manifest.mediaType()
                                + ", which the request's Accept headers do not include");
                    }
                    // retention's "pulled within": coalesced in memory by storage, so a pull costs no write
                    store.manifests().recordPull(repository, manifest.digest());
                    return manifest;
                })
                .onSuccess(manifest -> {
                    HttpServerResponse response = ctx.response()
                            .putHeader("Content-Type", manifest.mediaType())
                            .putHeader("Docker-Content-Digest", manifest.digest().toString())
                            .putHeader("ETag", "\"" + manifest.digest() + "\"")
                            .putHeader("Content-Length", Integer.toString(manifest.content().length));
                    if (head) {
                        response.end();
                    } else {
                        response.end(Buffer.buffer(manifest.content()));
                    }
                })
                .onFailure(ctx::fail);
    }

    /** {@code PUT}: stores a manifest after checking it and everything it references. */
    public void put(RoutingContext ctx) {
        var body = BoundedBody.read(ctx, maxManifestBytes);
        RepositoryName repository = Requests.repository(ctx);
        // An invalid tag or digest is refused as such (TAG_INVALID, DIGEST_INVALID) by FailureHandler.
        Reference reference = Reference.parse(ctx.pathParam("reference"));
        String contentType = ctx.request().getHeader("Content-Type");
        String reached = Requests.reachedAddress(ctx);
        body.compose(bytes -> blocking.run(() -> push.push(repository, reference, bytes.getBytes(), contentType,
                        reached)))
                .onSuccess(pushed -> {
                    HttpServerResponse response = ctx.response().setStatusCode(201)
                            .putHeader("Location", "/v2/" + repository + "/manifests/" + pushed.digest())
                            .putHeader("Docker-Content-Digest", pushed.digest().toString())
                            .putHeader("Content-Length", "0");
                    pushed.subject().ifPresent(subject -> response.putHeader("OCI-Subject", subject.toString()));
                    response.end();
                })
                .onFailure(ctx::fail);
    }

    /**
     * {@code DELETE}: by tag removes only the tag; by digest removes the manifest, every tag pointing at it, and its
     * signatures and attestations.
     */
    public void delete(RoutingContext ctx) {
        RepositoryName repository = Requests.repository(ctx);
        Reference reference = existingReference(ctx);
        blocking.run(() -> reference instanceof Reference.ByTag byTag
                        ? store.tags().delete(repository, byTag.tag())
                        : store.manifests().delete(repository, ((Reference.ByDigest) reference).digest(),
                                ManifestSigning.dependentsOf(((Reference.ByDigest) reference).digest())))
                .map(deleted -> {
                    if (!deleted) {
                        throw unknown(repository, reference);
                    }
                    return deleted;
                })
                .onSuccess(deleted -> ctx.response().setStatusCode(202).putHeader("Content-Length", "0").end())
                .onFailure(ctx::fail);
    }

    /**
     * The reference of a read or delete. One that is neither a tag nor a digest cannot name a stored manifest, so it
     * is unknown rather than invalid, as CNCF Distribution and zot answer; only a push refuses it as invalid.
     */
    private static Reference existingReference(RoutingContext ctx) {
        String text = ctx.pathParam("reference");
        try {
            return Reference.parse(text);
        } catch (InvalidTagException | InvalidDigestException e) {
            throw RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, "no manifest can have the reference " + text
                    + ": " + e.getMessage());
        }
    }

    private static RegistryException unknown(RepositoryName repository, Reference reference) {
        return RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, "manifest " + reference + " is not in repository " + repository);
    }
}
