package io.huruhuru.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.ImageManifest;
import io.huruhuru.oci.Manifest;
import io.huruhuru.oci.ManifestParser;
import io.huruhuru.oci.MediaType;
import io.huruhuru.signature.key.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignatureArtifactTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] IMAGE_MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\"sha256:"
            + "a".repeat(64) + "\",\"size\":2},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    static final Descriptor SUBJECT = Descriptor.of(MediaType.OCI_MANIFEST,
            Digest.of(DigestAlgorithm.SHA256, IMAGE_MANIFEST), IMAGE_MANIFEST.length);

    private static SignatureArtifact signed() {
        return SignatureArtifact.sign(TestKeys.fixed(1), "registry.example:5000/kos/app", SUBJECT);
    }

    @Test
    void thePayloadIsCosignsSimpleSigningJsonWithOurCreator() {
        String payload = new String(signed().payload(), StandardCharsets.UTF_8);

        assertEquals("{\"critical\":{\"identity\":{\"docker-reference\":\"registry.example:5000/kos/app\"},"
                + "\"image\":{\"docker-manifest-digest\":\"" + SUBJECT.digest() + "\"},"
                + "\"type\":\"cosign container image signature\"},\"optional\":{\"creator\":\"huruhuru\"}}", payload);
    }

    @Test
    void theManifestHasOnePayloadLayerWithTheSignatureAnnotationAndTheSubject() throws Exception {
        SignatureArtifact artifact = signed();

        ImageManifest manifest = (ImageManifest) ManifestParser.parse(artifact.manifest(), artifact.mediaType());

        assertEquals(Optional.of(SignatureArtifact.ARTIFACT_TYPE), manifest.artifactType());
        assertEquals(Optional.of(SUBJECT), manifest.subject());
        assertEquals(1, manifest.layers().size());
        Descriptor layer = manifest.layers().get(0);
        assertEquals(SignatureArtifact.PAYLOAD_MEDIA_TYPE, layer.mediaType());
        assertEquals(Digest.of(DigestAlgorithm.SHA256, artifact.payload()), layer.digest());
        assertArrayEquals(artifact.signature(),
                Base64.getDecoder().decode(layer.annotations().get(SignatureArtifact.SIGNATURE_ANNOTATION)));
        assertTrue(TestKeys.fixed(1).verificationKey().verify(artifact.payload(), artifact.signature()));
        assertEquals(Digest.of(DigestAlgorithm.SHA256, artifact.manifest()), artifact.manifestDigest());
    }

    @Test
    void theConfigIsAnImageConfigWhoseDiffIdIsThePayloadDigest() throws Exception {
        SignatureArtifact artifact = signed();
        ImageManifest manifest = (ImageManifest) ManifestParser.parse(artifact.manifest(), artifact.mediaType());
        Blob config = artifact.blobs().get(0);

        JsonNode json = JSON.readTree(config.content());

        assertEquals(manifest.config().digest(), config.digest());
        assertEquals(MediaType.OCI_CONFIG, manifest.config().mediaType());
        assertEquals("layers", json.path("rootfs").path("type").asText());
        assertEquals(manifest.layers().get(0).digest().toString(), json.path("rootfs").path("diff_ids").get(0).asText());
        assertEquals(artifact.blobs().get(1).digest(), manifest.layers().get(0).digest());
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        assertArrayEquals(signed().manifest(), signed().manifest());
        assertArrayEquals(signed().blobs().get(0).content(), signed().blobs().get(0).content());
    }

    @Test
    void theTagIsCosignsSha256HexSig() {
        assertEquals("sha256-" + SUBJECT.digest().hex() + ".sig", signed().tag().orElseThrow().value());
    }

    @Test
    void aSha512DigestHasNoTagBecauseItWouldBeTooLong() {
        Digest sha512 = Digest.of(DigestAlgorithm.SHA512, IMAGE_MANIFEST);

        assertEquals(Optional.empty(), SignatureArtifact.signatureTag(sha512));
        assertEquals(Optional.empty(), AttestationArtifact.attestationTag(sha512));
    }

    @Test
    void ourSignaturesAndAttestationsAreSignaturesButAnImageIsNot() {
        Manifest signature = ManifestParser.parse(signed().manifest(), "");
        Manifest attestation = ManifestParser.parse(AttestationArtifact.sign(TestKeys.fixed(1), "kos/app", SUBJECT,
                AttestationArtifact.KOSKIT_VALIDATION, JSON.createObjectNode()).manifest(), "");

        assertTrue(SignatureArtifact.isSignatureOrAttestation(signature));
        assertTrue(SignatureArtifact.isSignatureOrAttestation(attestation));
        assertFalse(SignatureArtifact.isSignatureOrAttestation(ManifestParser.parse(IMAGE_MANIFEST, "")));
    }

    @Test
    void aSigstoreBundleReferrerIsASignature() {
        byte[] bundle = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"artifactType\":"
                + "\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"config\":{\"mediaType\":\"" + MediaType.OCI_EMPTY
                + "\",\"digest\":\"sha256:" + "b".repeat(64) + "\",\"size\":2},\"layers\":[]}")
                .getBytes(StandardCharsets.UTF_8);

        assertTrue(SignatureArtifact.isSignatureOrAttestation(ManifestParser.parse(bundle, "")));
    }

    @Test
    void aNotationSignatureIsASignature() {
        byte[] notation = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"artifactType\":"
                + "\"application/vnd.cncf.notary.signature\",\"config\":{\"mediaType\":\"" + MediaType.OCI_EMPTY
                + "\",\"digest\":\"sha256:" + "b".repeat(64) + "\",\"size\":2},\"layers\":[{\"mediaType\":"
                + "\"application/jose+json\",\"digest\":\"sha256:" + "c".repeat(64) + "\",\"size\":2000}]}")
                .getBytes(StandardCharsets.UTF_8);

        assertTrue(SignatureArtifact.isSignatureOrAttestation(ManifestParser.parse(notation, "")));
    }

    @Test
    void aCosignSignManifestWithoutArtifactTypeIsASignature() {
        byte[] cosign = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\"sha256:" + "b".repeat(64)
                + "\",\"size\":233},\"layers\":[{\"mediaType\":\"" + SignatureArtifact.PAYLOAD_MEDIA_TYPE
                + "\",\"digest\":\"sha256:" + "c".repeat(64) + "\",\"size\":250}]}").getBytes(StandardCharsets.UTF_8);
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":[]}")
                .getBytes(StandardCharsets.UTF_8);

        assertTrue(SignatureArtifact.isSignatureOrAttestation(ManifestParser.parse(cosign, "")));
        assertFalse(SignatureArtifact.isSignatureOrAttestation(ManifestParser.parse(index, "")));
    }
}
