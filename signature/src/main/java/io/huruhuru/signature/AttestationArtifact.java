package io.huruhuru.signature;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.MediaType;
import io.huruhuru.oci.Tag;
import io.huruhuru.signature.dsse.Dsse;
import io.huruhuru.signature.dsse.Envelope;
import io.huruhuru.signature.dsse.Statement;
import io.huruhuru.signature.key.SigningKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-toto Statement v1 about a manifest in a signed DSSE envelope, stored as cosign stores attestations: the
 * envelope is the one layer ({@value #ENVELOPE_MEDIA_TYPE}, annotated with its {@code predicateType}), under the tag
 * {@code sha256-<hex>.att}, and a referrer of the manifest. The artifact type is our choice, the envelope's media
 * type: cosign sets none on attestations it pushes by tag.
 */
public final class AttestationArtifact {

    public static final String ENVELOPE_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
    public static final String ARTIFACT_TYPE = ENVELOPE_MEDIA_TYPE;
    /** The annotation on the envelope layer that names its predicate type, as cosign writes it. */
    public static final String PREDICATE_TYPE_ANNOTATION = "predicateType";
    /** The predicate type of the koskit validation report (the JSON report the registry renders). */
    public static final String KOSKIT_VALIDATION = "https://huruhuru.dev/attestations/koskit-validation/v1";

    private final ArtifactManifest artifact;
    private final Digest subject;
    private final Envelope envelope;
    private final Statement statement;

    private AttestationArtifact(ArtifactManifest artifact, Digest subject, Envelope envelope, Statement statement) {
        this.artifact = artifact;
        this.subject = subject;
        this.envelope = envelope;
        this.statement = statement;
    }

    /**
     * Attests {@code predicate} of type {@code predicateType} about the manifest {@code subject} describes, named
     * {@code subjectName} in the statement (the image's {@code registry/name}).
     */
    public static AttestationArtifact sign(SigningKey key, String subjectName, Descriptor subject,
            String predicateType, JsonNode predicate) {
        Statement statement = new Statement(List.of(new Statement.Subject(subjectName,
                Map.of(subject.digest().algorithm().id(), subject.digest().hex()))), predicateType, predicate);
        Envelope envelope = Envelope.sign(key, Dsse.IN_TOTO_PAYLOAD_TYPE, statement.toJson());
        Blob layer = Blob.of(ENVELOPE_MEDIA_TYPE, envelope.toJson());
        ArtifactManifest artifact = ArtifactManifest.build(ARTIFACT_TYPE, layer,
                Map.of(PREDICATE_TYPE_ANNOTATION, predicateType), subject);
        return new AttestationArtifact(artifact, subject.digest(), envelope, statement);
    }

    public byte[] manifest() {
        return artifact.manifest().clone();
    }

    public Digest manifestDigest() {
        return artifact.digest();
    }

    public String mediaType() {
        return MediaType.OCI_MANIFEST;
    }

    /** The descriptor a referrers response lists for it. */
    public Descriptor descriptor() {
        return new Descriptor(MediaType.OCI_MANIFEST, artifact.digest(), artifact.manifest().length,
                Optional.of(ARTIFACT_TYPE), Map.of(), List.of(), Optional.empty());
    }

    /** The config blob, then the envelope blob. */
    public List<Blob> blobs() {
        return artifact.blobs();
    }

    /** {@code sha256-<hex>.att}; none for a sha512 subject (see {@link SignatureArtifact#signatureTag}). */
    public Optional<Tag> tag() {
        return attestationTag(subject);
    }

    public static Optional<Tag> attestationTag(Digest subject) {
        return SignatureArtifact.companionTag(subject, ".att");
    }

    public Envelope envelope() {
        return envelope;
    }

    public Statement statement() {
        return statement;
    }
}
