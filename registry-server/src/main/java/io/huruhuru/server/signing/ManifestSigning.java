package io.huruhuru.server.signing;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.ImageIndex;
import io.huruhuru.oci.Manifest;
import io.huruhuru.oci.ManifestInvalidException;
import io.huruhuru.oci.ManifestParser;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.server.preview.BootGate;
import io.huruhuru.signature.AttestationArtifact;
import io.huruhuru.signature.Blob;
import io.huruhuru.signature.SignatureArtifact;
import io.huruhuru.signature.key.KeyRing;
import io.huruhuru.storage.manifest.Companion;
import io.huruhuru.storage.manifest.ManifestStore;
import io.huruhuru.storage.manifest.SmallBlob;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.budget.Signing;
import io.huruhuru.validation.report.JsonReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The registry's signatures of the manifests it accepts: made while a push is checked, so that they are stored in the
 * same atomic write as the manifest they sign, and deleted with it. Thread-safe.
 */
public final class ManifestSigning {

    private final KeyRing keys;
    private final Policy policy;
    private final Optional<String> registryName;
    private final java.util.concurrent.atomic.LongAdder signaturesMade = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder attestationsMade = new java.util.concurrent.atomic.LongAdder();

    /** @param registryName the registry's host in signed references; when empty, the host a push was sent to */
    public ManifestSigning(KeyRing keys, Policy policy, Optional<String> registryName) {
        this.keys = keys;
        this.policy = policy;
        this.registryName = registryName;
    }

    /** The registry's configured host name ({@code signing.registryName}), if any. */
    public Optional<String> registryName() {
        return registryName;
    }

    public KeyRing keys() {
        return keys;
    }

    /** Cosign signatures made since start-up (each stored with the manifest it signs, unless that push then fails). */
    public long signaturesMade() {
        return signaturesMade.sum();
    }

    /** Attestations of validation reports made since start-up. */
    public long attestationsMade() {
        return attestationsMade.sum();
    }

    /**
     * What to store with a manifest pushed to {@code repository}, as the policy says: a cosign signature of it (and of
     * each child of an index that has none yet), and for a koskit image the attestation of its validation report.
     * None for a manifest that is itself a signature or an attestation.
     *
     * @param reached the address the push reached (host and port), named in the signatures unless the configuration
     *     names the registry; never the client's {@code Host} header, which the client chooses
     * @param signed whether a child manifest of the repository has a signature under its tag already (its own push
     *     made one); those are not signed again
     */
    public List<Companion> companions(RepositoryName repository, String reached, Manifest manifest, Descriptor pushed,
            ValidationReport report, Predicate<Digest> signed) {
        return companions(repository, reached, manifest, pushed, report, Optional.empty(), signed);
    }

    /**
     * The companions as {@link #companions(RepositoryName, String, Manifest, Descriptor, ValidationReport, Predicate)}
     * makes them, and, when the push was signed and the {@code requireBoot} gate previewed it, an attestation of the
     * boot preview (predicate type {@link BootGate#PREDICATE_TYPE}); found as a referrer, and under the {@code .att}
     * tag only when no validation attestation holds that tag.
     */
    public List<Companion> companions(RepositoryName repository, String reached, Manifest manifest, Descriptor pushed,
            ValidationReport report, Optional<JsonNode> bootPreview, Predicate<Digest> signed) {
        if (SignatureArtifact.isSignatureOrAttestation(manifest) || !signs(policy.signingFor(repository), report)) {
            return List.of();
        }
        String reference = registryName.orElse(reached) + "/" + repository;
        List<Companion> companions = new ArrayList<>();
        companions.add(signature(reference, pushed));
        if (manifest instanceof ImageIndex index) {
            // an index may list a child twice (one image for two platform variants): one signature each
            Set<Digest> children = new HashSet<>();
            for (Descriptor child : index.manifests()) {
                if (children.add(child.digest()) && !signed.test(child.digest())) {
                    companions.add(signature(reference, child));
                }
            }
        }
        signaturesMade.add(companions.size());
        if (report.koskit()) {
            attestationsMade.increment();
            AttestationArtifact attestation = AttestationArtifact.sign(keys.signing(), reference, pushed,
                    AttestationArtifact.KOSKIT_VALIDATION, JsonReport.tree(report));
            companions.add(companion(attestation.manifest(), attestation.manifestDigest(), attestation.mediaType(),
                    attestation.tag(), attestation.blobs()));
        }
        if (bootPreview.isPresent()) {
            AttestationArtifact attestation = AttestationArtifact.sign(keys.signing(), reference, pushed,
                    BootGate.PREDICATE_TYPE, bootPreview.get());
            companions.add(companion(attestation.manifest(), attestation.manifestDigest(), attestation.mediaType(),
                    report.koskit() ? Optional.empty() : attestation.tag(), attestation.blobs()));
        }
        return companions;
    }

    /**
     * What goes when a manifest is deleted: its signatures and attestations, found as referrers of theirs and under
     * the {@code .sig} and {@code .att} tags that cosign looks them up by (a client's own signature too), so that no
     * such tag is left pointing at the signature of a manifest that is gone.
     */
    public static ManifestStore.Dependents dependentsOf(Digest digest) {
        Set<Tag> tags = new HashSet<>();
        SignatureArtifact.signatureTag(digest).ifPresent(tags::add);
        AttestationArtifact.attestationTag(digest).ifPresent(tags::add);
        return new ManifestStore.Dependents(Set.of(SignatureArtifact.ARTIFACT_TYPE, AttestationArtifact.ARTIFACT_TYPE),
                tags, ManifestSigning::isSignatureOrAttestation);
    }

    /** Whether a stored manifest is a signature or an attestation (an ordinary image tagged like one is not). */
    private static boolean isSignatureOrAttestation(StoredManifest stored) {
        try {
            return SignatureArtifact.isSignatureOrAttestation(ManifestParser.parse(stored.content(), stored.mediaType()));
        } catch (ManifestInvalidException e) {
            return false; // stored before a parser change refused it: not one of ours to remove
        }
    }

    private static boolean signs(Signing signing, ValidationReport report) {
        return switch (signing) {
            case ALL -> true;
            case VALIDATED -> report.koskit() && report.passed();
            case NONE -> false;
        };
    }

    private Companion signature(String reference, Descriptor signed) {
        SignatureArtifact signature = SignatureArtifact.sign(keys.signing(), reference, signed);
        return companion(signature.manifest(), signature.manifestDigest(), signature.mediaType(), signature.tag(),
                signature.blobs());
    }

    /** @param tag where cosign looks it up; none where that tag would be too long (a sha512 digest) */
    private static Companion companion(byte[] content, Digest digest, String mediaType, Optional<Tag> tag,
            List<Blob> blobs) {
        StoredManifest stored = StoredManifest.of(digest, content, ManifestParser.parse(content, mediaType));
        return new Companion(stored, tag,
                blobs.stream().map(blob -> new SmallBlob(blob.digest(), blob.content())).toList());
    }
}
