package io.huruhuru.signature;

import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.ImageManifest;
import io.huruhuru.oci.Manifest;
import io.huruhuru.oci.MediaType;
import io.huruhuru.oci.Tag;
import io.huruhuru.signature.cosign.SimpleSigningPayload;
import io.huruhuru.signature.key.KeyId;
import io.huruhuru.signature.key.SigningKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cosign signature of a manifest, laid out as cosign stores it: the simple-signing payload as the one layer, its
 * ECDSA signature (DER, base64) in the layer's {@value #SIGNATURE_ANNOTATION} annotation, under the tag
 * {@code sha256-<hex>.sig}, and with {@code subject} and {@value #ARTIFACT_TYPE} so that referrers lists it. The
 * same key, reference and manifest always give the same bytes.
 */
public final class SignatureArtifact {

    public static final String ARTIFACT_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";
    public static final String PAYLOAD_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    /** What {@code optional} of every payload we sign says, so that a reader can tell who signed. */
    public static final Map<String, String> CREATOR = Map.of("creator", "huruhuru");

    /** What sigstore tools also push as signatures: DSSE payloads and sigstore bundles (cosign 2.x and later). */
    private static final String IN_TOTO = "application/vnd.in-toto+json";
    private static final String SIGSTORE_BUNDLE = "application/vnd.dev.sigstore.bundle";
    /** The artifact type of a Notary Project (notation) signature. */
    private static final String NOTATION = "application/vnd.cncf.notary.signature";
    private static final Set<String> COMPANION_TYPES =
            Set.of(ARTIFACT_TYPE, AttestationArtifact.ARTIFACT_TYPE, IN_TOTO, NOTATION);
    private static final Set<String> COMPANION_LAYERS =
            Set.of(PAYLOAD_MEDIA_TYPE, AttestationArtifact.ENVELOPE_MEDIA_TYPE, IN_TOTO);

    private final ArtifactManifest artifact;
    private final Digest signed;
    private final byte[] payload;
    private final byte[] signature;
    private final KeyId keyId;

    private SignatureArtifact(ArtifactManifest artifact, Digest signed, byte[] payload, byte[] signature, KeyId keyId) {
        this.artifact = artifact;
        this.signed = signed;
        this.payload = payload;
        this.signature = signature;
        this.keyId = keyId;
    }

    /**
     * Signs the manifest {@code signed} describes, naming it {@code dockerReference} ({@code registry/name}, as
     * cosign writes {@code docker-reference}).
     */
    public static SignatureArtifact sign(SigningKey key, String dockerReference, Descriptor signed) {
        byte[] payload = new SimpleSigningPayload(dockerReference, signed.digest(), CREATOR).toJson();
        byte[] signature = key.sign(payload);
        Blob layer = Blob.of(PAYLOAD_MEDIA_TYPE, payload);
        ArtifactManifest artifact = ArtifactManifest.build(ARTIFACT_TYPE, layer,
                Map.of(SIGNATURE_ANNOTATION, Base64.getEncoder().encodeToString(signature)), signed);
        return new SignatureArtifact(artifact, signed.digest(), payload, signature, key.id());
    }

    /** The signature manifest's bytes. */
    public byte[] manifest() {
        return artifact.manifest().clone();
    }

    public Digest manifestDigest() {
        return artifact.digest();
    }

    /** The signature manifest's media type: an OCI image manifest. */
    public String mediaType() {
        return MediaType.OCI_MANIFEST;
    }

    /** The descriptor a referrers response lists for it. */
    public Descriptor descriptor() {
        return new Descriptor(MediaType.OCI_MANIFEST, artifact.digest(), artifact.manifest().length,
                Optional.of(ARTIFACT_TYPE), Map.of(), List.of(), Optional.empty());
    }

    /** The config blob, then the payload blob. */
    public List<Blob> blobs() {
        return artifact.blobs();
    }

    /** The tag cosign looks for: {@code sha256-<hex>.sig}; none for a sha512 manifest (see {@link #signatureTag}). */
    public Optional<Tag> tag() {
        return signatureTag(signed);
    }

    public byte[] payload() {
        return payload.clone();
    }

    /** The ASN.1 DER signature over the payload. */
    public byte[] signature() {
        return signature.clone();
    }

    public KeyId keyId() {
        return keyId;
    }

    /**
     * {@code sha256-<hex>.sig}, cosign's tag for the signatures of {@code signed}. A sha512 digest has none: its
     * {@code sha512-<128 hex>.sig} would be longer than the 128 characters a tag may have, so only referrers find
     * such a signature.
     */
    public static Optional<Tag> signatureTag(Digest signed) {
        return companionTag(signed, ".sig");
    }

    static Optional<Tag> companionTag(Digest signed, String suffix) {
        return signed.algorithm() == DigestAlgorithm.SHA256
                ? Optional.of(Tag.parse(signed.algorithm().id() + "-" + signed.hex() + suffix))
                : Optional.empty();
    }

    /**
     * Whether {@code manifest} is itself a signature or an attestation, which the registry does not sign again: its
     * artifact type is cosign's signature type, the DSSE envelope type, in-toto's, notation's or a sigstore bundle's,
     * or it is an
     * image manifest whose layers are all simple-signing payloads, DSSE envelopes or sigstore bundles (what
     * {@code cosign sign} and {@code cosign attest} push by tag: they set no artifact type).
     */
    public static boolean isSignatureOrAttestation(Manifest manifest) {
        if (manifest.effectiveArtifactType().filter(SignatureArtifact::isCompanionType).isPresent()) {
            return true;
        }
        return manifest instanceof ImageManifest image && !image.layers().isEmpty()
                && image.layers().stream().allMatch(l -> COMPANION_LAYERS.contains(l.mediaType())
                        || l.mediaType().startsWith(SIGSTORE_BUNDLE));
    }

    private static boolean isCompanionType(String artifactType) {
        return COMPANION_TYPES.contains(artifactType) || artifactType.startsWith(SIGSTORE_BUNDLE);
    }
}
