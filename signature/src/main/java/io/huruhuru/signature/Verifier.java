package io.huruhuru.signature;

import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.ImageManifest;
import io.huruhuru.oci.Manifest;
import io.huruhuru.oci.ManifestParser;
import io.huruhuru.oci.MediaType;
import io.huruhuru.signature.cosign.SimpleSigningPayload;
import io.huruhuru.signature.dsse.Dsse;
import io.huruhuru.signature.dsse.Envelope;
import io.huruhuru.signature.dsse.Statement;
import io.huruhuru.signature.key.KeyId;
import io.huruhuru.signature.key.VerificationKey;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks cosign signatures and DSSE attestations of a manifest against trusted keys. A signature manifest may hold
 * several signatures (cosign appends a layer per signature): one that verifies is enough.
 */
public final class Verifier {

    /** The largest payload read: a simple-signing payload is a few hundred bytes. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;
    /** The largest envelope read: a validation report of a large index can be a few MiB. */
    public static final int MAX_ENVELOPE_BYTES = 16 << 20;

    private final List<VerificationKey> trusted;

    public Verifier(List<VerificationKey> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /**
     * Whether {@code signatureManifest} holds a signature by a trusted key of the manifest {@code signed}.
     *
     * @param dockerReference when present, the payload's {@code docker-reference} must equal it
     */
    public SignatureCheck checkSignature(Digest signed, Optional<String> dockerReference, byte[] signatureManifest,
            BlobReader blobs) {
        Optional<ImageManifest> manifest = imageManifest(signatureManifest);
        if (manifest.isEmpty()) {
            return new SignatureCheck(Outcome.MANIFEST_INVALID, Optional.empty(), Outcome.MANIFEST_INVALID.description());
        }
        SignatureCheck best = new SignatureCheck(Outcome.NO_SIGNATURE_LAYER, Optional.empty(),
                "no layer of type " + SignatureArtifact.PAYLOAD_MEDIA_TYPE);
        for (Descriptor layer : manifest.get().layers()) {
            if (!SignatureArtifact.PAYLOAD_MEDIA_TYPE.equals(layer.mediaType())) {
                continue;
            }
            SignatureCheck check = checkLayer(signed, dockerReference, layer, blobs);
            if (check.verified()) {
                return check;
            }
            best = check.outcome().ordinal() > best.outcome().ordinal() ? check : best;
        }
        return best;
    }

    /**
     * Whether {@code attestationManifest} holds a DSSE envelope signed by a trusted key whose in-toto statement is
     * about the manifest {@code subject} and, if {@code predicateType} is given, has that predicate type.
     */
    public AttestationCheck checkAttestation(Digest subject, Optional<String> predicateType, byte[] attestationManifest,
            BlobReader blobs) {
        Optional<ImageManifest> manifest = imageManifest(attestationManifest);
        if (manifest.isEmpty()) {
            return attestation(Outcome.MANIFEST_INVALID, Outcome.MANIFEST_INVALID.description());
        }
        AttestationCheck best = attestation(Outcome.NO_SIGNATURE_LAYER,
                "no layer of type " + AttestationArtifact.ENVELOPE_MEDIA_TYPE);
        for (Descriptor layer : manifest.get().layers()) {
            if (!AttestationArtifact.ENVELOPE_MEDIA_TYPE.equals(layer.mediaType())) {
                continue;
            }
            AttestationCheck check = checkEnvelope(subject, predicateType, layer, blobs);
            if (check.verified()) {
                return check;
            }
            best = check.outcome().ordinal() > best.outcome().ordinal() ? check : best;
        }
        return best;
    }

    private SignatureCheck checkLayer(Digest signed, Optional<String> dockerReference, Descriptor layer,
            BlobReader blobs) {
        String annotation = layer.annotations().get(SignatureArtifact.SIGNATURE_ANNOTATION);
        byte[] signature;
        try {
            signature = annotation == null ? null : Base64.getDecoder().decode(annotation);
        } catch (IllegalArgumentException e) {
            signature = null;
        }
        if (signature == null) {
            return new SignatureCheck(Outcome.NO_KEY_VERIFIES, Optional.empty(), "layer " + layer.digest()
                    + " has no base64 " + SignatureArtifact.SIGNATURE_ANNOTATION + " annotation");
        }
        Read read = read(layer, blobs, MAX_PAYLOAD_BYTES);
        if (read.failure != null) {
            return new SignatureCheck(read.failure, Optional.empty(), read.detail);
        }
        Optional<VerificationKey> key = Optional.empty();
        for (VerificationKey candidate : trusted) {
            if (candidate.verify(read.bytes, signature)) {
                key = Optional.of(candidate);
                break;
            }
        }
        if (key.isEmpty()) {
            return new SignatureCheck(Outcome.NO_KEY_VERIFIES, Optional.empty(), "none of " + trusted.size()
                    + " trusted key(s) verifies the signature on payload " + layer.digest());
        }
        SimpleSigningPayload payload;
        try {
            payload = SimpleSigningPayload.parse(read.bytes);
        } catch (IllegalArgumentException e) {
            return new SignatureCheck(Outcome.PAYLOAD_INVALID, key.map(VerificationKey::id), e.getMessage());
        }
        if (!payload.manifestDigest().equals(signed)) {
            return new SignatureCheck(Outcome.DIGEST_MISMATCH, key.map(VerificationKey::id), "the payload signs "
                    + payload.manifestDigest() + ", not " + signed);
        }
        if (dockerReference.isPresent() && !dockerReference.get().equals(payload.dockerReference())) {
            return new SignatureCheck(Outcome.REFERENCE_MISMATCH, key.map(VerificationKey::id), "the payload names "
                    + payload.dockerReference() + ", not " + dockerReference.get());
        }
        return new SignatureCheck(Outcome.VERIFIED, key.map(VerificationKey::id), "payload " + layer.digest()
                + " signs " + signed + " as " + payload.dockerReference());
    }

    private AttestationCheck checkEnvelope(Digest subject, Optional<String> predicateType, Descriptor layer,
            BlobReader blobs) {
        Read read = read(layer, blobs, MAX_ENVELOPE_BYTES);
        if (read.failure != null) {
            return attestation(read.failure, read.detail);
        }
        Envelope envelope;
        try {
            envelope = Envelope.parse(read.bytes);
        } catch (IllegalArgumentException e) {
            return attestation(Outcome.PAYLOAD_INVALID, e.getMessage());
        }
        Optional<VerificationKey> key = envelope.verify(trusted);
        if (key.isEmpty()) {
            return attestation(Outcome.NO_KEY_VERIFIES, "none of " + trusted.size()
                    + " trusted key(s) verifies the envelope " + layer.digest());
        }
        Optional<KeyId> id = key.map(VerificationKey::id);
        if (!Dsse.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType())) {
            return new AttestationCheck(Outcome.PAYLOAD_INVALID, id, Optional.empty(), "the envelope's payloadType is "
                    + envelope.payloadType() + ", not " + Dsse.IN_TOTO_PAYLOAD_TYPE);
        }
        Statement statement;
        try {
            statement = Statement.parse(envelope.payload());
        } catch (IllegalArgumentException e) {
            return new AttestationCheck(Outcome.PAYLOAD_INVALID, id, Optional.empty(), e.getMessage());
        }
        if (predicateType.isPresent() && !predicateType.get().equals(statement.predicateType())) {
            return new AttestationCheck(Outcome.WRONG_PREDICATE_TYPE, id, Optional.of(statement), "the predicate type is "
                    + statement.predicateType() + ", not " + predicateType.get());
        }
        boolean about = statement.subjects().stream()
                .anyMatch(s -> subject.hex().equals(s.digest().get(subject.algorithm().id())));
        if (!about) {
            return new AttestationCheck(Outcome.DIGEST_MISMATCH, id, Optional.of(statement),
                    "no subject of the statement has the digest " + subject);
        }
        return new AttestationCheck(Outcome.VERIFIED, id, Optional.of(statement), "envelope " + layer.digest()
                + " attests " + statement.predicateType() + " of " + subject);
    }

    private static AttestationCheck attestation(Outcome outcome, String detail) {
        return new AttestationCheck(outcome, Optional.empty(), Optional.empty(), detail);
    }

    /** A layer's bytes checked against its digest, or the failure. */
    private record Read(byte[] bytes, Outcome failure, String detail) {
    }

    private static Read read(Descriptor layer, BlobReader blobs, int maxBytes) {
        if (layer.size() > maxBytes) {
            return new Read(null, Outcome.BLOB_UNREADABLE, "layer " + layer.digest() + " is larger than " + maxBytes
                    + " bytes");
        }
        byte[] bytes;
        try {
            bytes = blobs.read(layer.digest(), maxBytes);
        } catch (IOException | RuntimeException e) {
            return new Read(null, Outcome.BLOB_UNREADABLE, "layer " + layer.digest() + ": " + e.getMessage());
        }
        if (bytes == null || !layer.digest().matches(bytes)) {
            return new Read(null, Outcome.BLOB_DIGEST_MISMATCH, "layer " + layer.digest()
                    + " does not match its digest");
        }
        return new Read(bytes, null, "");
    }

    private static Optional<ImageManifest> imageManifest(byte[] bytes) {
        // cosign's manifests name their media type; one that leaves it to the Content-Type is read as OCI
        for (String contentType : new String[] {"", MediaType.OCI_MANIFEST}) {
            try {
                Manifest manifest = ManifestParser.parse(bytes, contentType);
                return manifest instanceof ImageManifest image ? Optional.of(image) : Optional.empty();
            } catch (RuntimeException e) {
                // not readable this way
            }
        }
        return Optional.empty();
    }
}
