package io.huruhuru.server.validation;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.Reference;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.BoundedBody;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.http.Requests;
import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.report.ReportFormat;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The koskit check on request ({@code /sel4/v1/validations}): of a stored manifest or of a manifest body whose blobs
 * are uploaded, without storing anything; and the report kept with a pushed manifest.
 */
public final class ValidationHandlers {

    private final RegistryStore store;
    private final Blocking blocking;
    private final PushValidation validation;
    private final int maxManifestBytes;

    public ValidationHandlers(RegistryStore store, Blocking blocking, PushValidation validation, int maxManifestBytes) {
        this.store = store;
        this.blocking = blocking;
        this.validation = validation;
        this.maxManifestBytes = maxManifestBytes;
    }

    /**
     * {@code POST /sel4/v1/validations?repository=NAME[&reference=TAG|DIGEST][&platform=P][&format=F]}: validates
     * the stored manifest {@code reference}, or, without it, the manifest in the body (typed by its Content-Type).
     * Answers 200 with the report whether it passes or not; {@code Huruhuru-Validation} says {@code passed},
     * {@code failed} or {@code rejected} (a push would be refused).
     */
    public void validate(RoutingContext ctx) {
        Future<Optional<Buffer>> body = ctx.queryParams().contains("reference")
                ? Future.succeededFuture(Optional.empty())
                : BoundedBody.read(ctx, maxManifestBytes).map(Optional::of);
        RepositoryName repository = Requests.repository(ctx.queryParams().get("repository"));
        Optional<String> platform = Optional.ofNullable(ctx.queryParams().get("platform")).filter(p -> !p.isEmpty());
        ReportFormat format = format(ctx.queryParams().get("format"));
        String contentType = ctx.request().getHeader("Content-Type");
        Optional<Reference> reference = Optional.ofNullable(ctx.queryParams().get("reference")).map(Reference::parse);
        body.compose(bytes -> blocking.run(() -> {
                    RawManifest manifest = reference.isPresent()
                            ? stored(repository, reference.get())
                            : new RawManifest(bytes.orElseThrow().getBytes(), contentType,
                                    Digest.of(DigestAlgorithm.SHA256, bytes.orElseThrow().getBytes()));
                    return validation.validate(repository, manifest, platform);
                }))
                .onSuccess(report -> {
                    byte[] rendered = format.render(report);
                    ctx.response()
                            .putHeader("Content-Type", format.contentType())
                            .putHeader("Content-Length", Integer.toString(rendered.length))
                            .putHeader("Huruhuru-Validation", verdict(report))
                            .end(Buffer.buffer(rendered));
                })
                .onFailure(ctx::fail);
    }

    /** {@code GET /sel4/v1/validations/<name>/<digest>}: the report kept when the manifest was pushed. */
    public void report(RoutingContext ctx) {
        RepositoryName repository = Requests.repository(ctx);
        Digest digest = Requests.digest(ctx.pathParam("digest"));
        blocking.run(() -> {
                    Optional<byte[]> report = store.attachments().get(repository, digest, PushValidation.REPORT_ROLE);
                    if (report.isEmpty()) {
                        boolean stored = store.manifests().get(repository, digest).isPresent();
                        throw RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, stored
                                ? "manifest " + digest + " has no validation report: it is not a koskit image"
                                : "manifest " + digest + " is not in repository " + repository);
                    }
                    return report.get();
                })
                .onSuccess(report -> ctx.response()
                        .putHeader("Content-Type", ReportFormat.JSON.contentType())
                        .putHeader("Content-Length", Integer.toString(report.length))
                        .end(Buffer.buffer(report)))
                .onFailure(ctx::fail);
    }

    private RawManifest stored(RepositoryName repository, Reference reference) {
        StoredManifest manifest = store.manifest(repository, reference).orElseThrow(() -> RegistryException.of(ErrorCode.MANIFEST_UNKNOWN,
                        "manifest " + reference + " is not in repository " + repository));
        return new RawManifest(manifest.content(), manifest.mediaType(), manifest.digest());
    }

    private static ReportFormat format(String name) {
        if (name == null || name.isEmpty()) {
            return ReportFormat.JSON;
        }
        return ReportFormat.byName(name).orElseThrow(() -> RegistryException.of(ErrorCode.REPORT_FORMAT_INVALID,
                "unknown report format " + name + "; use json, text, junit or sarif"));
    }

    private static String verdict(ValidationReport report) {
        return report.rejects() ? "rejected" : report.passed() ? "passed" : "failed";
    }
}
