package io.huruhuru.server.v2.manifest;

import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.ImageIndex;
import io.huruhuru.oci.ImageManifest;
import io.huruhuru.oci.Manifest;
import io.huruhuru.oci.ManifestParser;
import io.huruhuru.oci.Reference;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.preview.BootGate;
import io.huruhuru.server.validation.PushValidation;
import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.blob.BlobUnknownException;
import io.huruhuru.server.signing.ManifestSigning;
import io.huruhuru.signature.SignatureArtifact;
import io.huruhuru.storage.attachment.ManifestAttachment;
import io.huruhuru.storage.manifest.Companion;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.report.JsonReport;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks and stores one pushed manifest (distribution-spec "Pushing Manifests"): well-formed and of a supported type,
 * its digest agreeing with a digest reference, every blob and child manifest it references present in the repository,
 * and, for a koskit image, passing the koskit checks (a rejection in {@code enforce} mode stores nothing; otherwise
 * the report is kept with the manifest); stored with the registry's signatures of it, as the policy says. Runs on a
 * worker.
 */
final class ManifestPush {

    /** Layers that clients may leave out of a registry; they are never required to be present. */
    private static final Set<String> NON_DISTRIBUTABLE = Set.of(
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");

    private final RegistryStore store;
    private final PushValidation validation;
    private final ManifestSigning signing;

    ManifestPush(RegistryStore store, PushValidation validation, ManifestSigning signing) {
        this.store = store;
        this.validation = validation;
        this.signing = signing;
    }

    /** The outcome of a push: the digest stored under and the subject the manifest names, if any. */
    record Pushed(Digest digest, Optional<Digest> subject) {
    }

    /** @param reached the address the push reached (host:port), which the registry's signatures name by default */
    Pushed push(RepositoryName repository, Reference reference, byte[] body, String contentType, String reached) {
        // a ManifestInvalidException is answered by FailureHandler with MANIFEST_INVALID or UNSUPPORTED
        Manifest manifest = ManifestParser.parse(body, contentType);
        Digest digest = digestOf(reference, body);
        requireReferencesPresent(repository, manifest);
        ValidationReport report = validation.validate(repository, new RawManifest(body, manifest.mediaType(), digest),
                Optional.empty());
        if (report.rejects()) {
            throw PushValidation.rejection(report);
        }
        List<ManifestAttachment> attachments = new java.util.ArrayList<>();
        if (report.koskit()) {
            attachments.add(new ManifestAttachment(PushValidation.REPORT_ROLE, JsonReport.render(report)));
        }
        Optional<ManifestAttachment> bootPreview = validation.bootGate().check(repository, manifest,
                new RawManifest(body, manifest.mediaType(), digest), reference instanceof Reference.ByTag);
        bootPreview.ifPresent(attachments::add);
        StoredManifest stored = StoredManifest.of(digest, body, manifest);
        List<Companion> signatures = signing.companions(repository, reached, manifest,
                Descriptor.of(manifest.mediaType(), digest, body.length), report,
                bootPreview.map(preview -> BootGate.predicate(preview.content())),
                child -> SignatureArtifact.signatureTag(child)
                        .flatMap(tag -> store.tags().resolve(repository, tag)).isPresent());
        Optional<Tag> tag = reference instanceof Reference.ByTag byTag ? Optional.of(byTag.tag()) : Optional.empty();
        try {
            store.manifests().put(repository, stored, tag, attachments, signatures);
        } catch (BlobUnknownException e) {
            // a collection deleted a referenced blob between the check above and the write: the body names a blob
            // the registry no longer has, the same answer as if the check had found it missing
            throw RegistryException.of(ErrorCode.MANIFEST_BLOB_UNKNOWN, e.getMessage());
        }
        return new Pushed(digest, manifest.subject().map(Descriptor::digest));
    }

    /** The digest a manifest is stored under: sha256, or the algorithm of the digest it was pushed by. */
    private static Digest digestOf(Reference reference, byte[] body) {
        if (reference instanceof Reference.ByDigest byDigest) {
            Digest computed = Digest.of(byDigest.digest().algorithm(), body);
            if (!computed.equals(byDigest.digest())) {
                throw RegistryException.of(ErrorCode.DIGEST_INVALID,
                        "the manifest hashes to " + computed + ", not to " + byDigest.digest());
            }
            return computed;
        }
        return Digest.of(DigestAlgorithm.SHA256, body);
    }

    private void requireReferencesPresent(RepositoryName repository, Manifest manifest) {
        if (manifest instanceof ImageManifest image) {
            requireBlob(repository, image.config());
            for (Descriptor layer : image.layers()) {
                if (!NON_DISTRIBUTABLE.contains(layer.mediaType())) {
                    requireBlob(repository, layer);
                }
            }
        } else if (manifest instanceof ImageIndex index) {
            requireManifests(repository, index.manifests());
        }
    }

    private void requireBlob(RepositoryName repository, Descriptor descriptor) {
        var blob = store.blobs().stat(repository, descriptor.digest());
        if (blob.isEmpty()) {
            throw RegistryException.of(ErrorCode.MANIFEST_BLOB_UNKNOWN,
                    "blob " + descriptor.digest() + " (" + descriptor.mediaType() + ") is not in repository " + repository);
        }
        if (blob.get().size() != descriptor.size()) {
            throw RegistryException.of(ErrorCode.MANIFEST_INVALID, "descriptor of " + descriptor.digest() + " says "
                    + descriptor.size() + " bytes but the blob has " + blob.get().size());
        }
    }

    private void requireManifests(RepositoryName repository, List<Descriptor> children) {
        for (Descriptor child : children) {
            if (store.manifests().get(repository, child.digest()).isEmpty()) {
                // Not MANIFEST_UNKNOWN (404): the pushed body is at fault, not the URL; the spec's message for this
                // code names "a manifest or blob".
                throw RegistryException.of(ErrorCode.MANIFEST_BLOB_UNKNOWN,
                        "manifest " + child.digest() + " listed in the index is not in repository " + repository);
            }
        }
    }
}
