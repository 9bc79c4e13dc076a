package io.huruhuru.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.MediaType;
import io.huruhuru.signature.dsse.Dsse;
import io.huruhuru.signature.dsse.Envelope;
import io.huruhuru.signature.key.KeyId;
import io.huruhuru.signature.key.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Descriptor SUBJECT = SignatureArtifactTest.SUBJECT;
    private static final String REFERENCE = "registry.example/kos/app";
    private static final Verifier TRUSTING_KEY_1 = new Verifier(List.of(TestKeys.fixed(1).verificationKey()));

    private static SignatureArtifact signature(int key, Descriptor subject) {
        return SignatureArtifact.sign(TestKeys.fixed(key), REFERENCE, subject);
    }

    private static SignatureCheck check(Verifier verifier, SignatureArtifact artifact) {
        return verifier.checkSignature(SUBJECT.digest(), Optional.empty(), artifact.manifest(),
                new Blobs(artifact.blobs()));
    }

    /** The manifest with its one layer's digest, size and (if given) signature annotation replaced. */
    private static byte[] withLayer(byte[] manifest, Digest digest, long size, String signature) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(manifest);
        ObjectNode layer = (ObjectNode) root.get("layers").get(0);
        layer.put("digest", digest.toString());
        layer.put("size", size);
        if (signature != null) {
            ((ObjectNode) layer.get("annotations")).put(SignatureArtifact.SIGNATURE_ANNOTATION, signature);
        }
        return JSON.writeValueAsBytes(root);
    }

    @Test
    void aSignatureByATrustedKeyVerifiesAndNamesTheKey() {
        SignatureCheck check = check(TRUSTING_KEY_1, signature(1, SUBJECT));

        assertEquals(Outcome.VERIFIED, check.outcome(), check.detail());
        assertEquals(Optional.of(KeyId.parse("test-1")), check.keyId());
    }

    @Test
    void aRetiredKeyOfTheRingStillVerifies() {
        Verifier rotated = new Verifier(List.of(TestKeys.fixed(2).verificationKey(),
                TestKeys.fixed(1).verificationKey()));

        assertEquals(Optional.of(KeyId.parse("test-1")), check(rotated, signature(1, SUBJECT)).keyId());
    }

    @Test
    void aSignatureByAnotherKeyIsNotVerified() {
        assertEquals(Outcome.NO_KEY_VERIFIES, check(TRUSTING_KEY_1, signature(2, SUBJECT)).outcome());
    }

    @Test
    void aPayloadChangedByOneByteIsNotVerified() throws Exception {
        SignatureArtifact artifact = signature(1, SUBJECT);
        byte[] payload = artifact.payload();
        payload[payload.length - 3] ^= 1;
        Blobs blobs = new Blobs(artifact.blobs());
        Digest tampered = blobs.put(payload);

        SignatureCheck check = TRUSTING_KEY_1.checkSignature(SUBJECT.digest(), Optional.empty(),
                withLayer(artifact.manifest(), tampered, payload.length, null), blobs);

        assertEquals(Outcome.NO_KEY_VERIFIES, check.outcome(), check.detail());
    }

    @Test
    void aPayloadWhoseManifestDigestWasEditedWithoutResigningIsNotVerified() throws Exception {
        SignatureArtifact artifact = signature(1, SUBJECT);
        byte[] other = "{\"other\":true}".getBytes(StandardCharsets.UTF_8);
        Digest otherDigest = Digest.of(DigestAlgorithm.SHA256, other);
        byte[] payload = new String(artifact.payload(), StandardCharsets.UTF_8)
                .replace(SUBJECT.digest().toString(), otherDigest.toString()).getBytes(StandardCharsets.UTF_8);
        Blobs blobs = new Blobs(artifact.blobs());
        Digest edited = blobs.put(payload);

        SignatureCheck check = TRUSTING_KEY_1.checkSignature(otherDigest, Optional.empty(),
                withLayer(artifact.manifest(), edited, payload.length, null), blobs);

        assertEquals(Outcome.NO_KEY_VERIFIES, check.outcome(), check.detail());
    }

    @Test
    void aPayloadBlobThatNoLongerMatchesItsDigestIsNotVerified() {
        SignatureArtifact artifact = signature(1, SUBJECT);
        Blobs blobs = new Blobs(artifact.blobs());
        byte[] payload = artifact.payload();
        payload[10] ^= 1;
        blobs.overwrite(artifact.blobs().get(1).digest(), payload);

        SignatureCheck check = TRUSTING_KEY_1.checkSignature(SUBJECT.digest(), Optional.empty(), artifact.manifest(),
                blobs);

        assertEquals(Outcome.BLOB_DIGEST_MISMATCH, check.outcome(), check.detail());
    }

    @Test
    void aSignedPayloadNamingAnotherDigestIsADigestMismatch() {
        byte[] other = "{\"other\":true}".getBytes(StandardCharsets.UTF_8);
        Descriptor otherSubject = Descriptor.of(MediaType.OCI_MANIFEST, Digest.of(DigestAlgorithm.SHA256, other),
                other.length);

        SignatureCheck check = check(TRUSTING_KEY_1, signature(1, otherSubject));

        assertEquals(Outcome.DIGEST_MISMATCH, check.outcome(), check.detail());
        assertTrue(check.detail().contains(otherSubject.digest().toString()), check.detail());
    }

    @Test
    void aTruncatedOrGarbageSignatureAnnotationIsNotVerified() throws Exception {
        SignatureArtifact artifact = signature(1, SUBJECT);
        byte[] der = artifact.signature();
        Digest payload = artifact.blobs().get(1).digest();
        long size = artifact.payload().length;

        for (String annotation : new String[] {Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(der,
                der.length - 2)), "not base64!", Base64.getEncoder().encodeToString(new byte[70])}) {
            SignatureCheck check = TRUSTING_KEY_1.checkSignature(SUBJECT.digest(), Optional.empty(),
                    withLayer(artifact.manifest(), payload, size, annotation), new Blobs(artifact.blobs()));
            assertEquals(Outcome.NO_KEY_VERIFIES, check.outcome(), annotation);
        }
    }

    @Test
    void aSignedPayloadThatIsNotASimpleSigningPayloadIsInvalid() throws Exception {
        SignatureArtifact artifact = signature(1, SUBJECT);
        byte[] payload = "{\"critical\":{\"type\":\"something else\"}}".getBytes(StandardCharsets.UTF_8);
        Blobs blobs = new Blobs(artifact.blobs());
        Digest digest = blobs.put(payload);
        String signature = Base64.getEncoder().encodeToString(TestKeys.fixed(1).sign(payload));

        SignatureCheck check = TRUSTING_KEY_1.checkSignature(SUBJECT.digest(), Optional.empty(),
                withLayer(artifact.manifest(), digest, payload.length, signature), blobs);

        assertEquals(Outcome.PAYLOAD_INVALID, check.outcome(), check.detail());
    }

    @Test
    void anExpectedReferenceMustMatchThePayloads() {
        SignatureArtifact artifact = signature(1, SUBJECT);

        SignatureCheck other = TRUSTING_KEY_1.checkSignature(SUBJECT.digest(), Optional.of("elsewhere/app"),
                artifact.manifest(), new Blobs(artifact.blobs()));
        SignatureCheck same = TRUSTING_KEY_1.checkSignature(SUBJECT.digest(), Optional.of(REFERENCE),
                artifact.manifest(), new Blobs(artifact.blobs()));

        assertEquals(Outcome.REFERENCE_MISMATCH, other.outcome());
        assertEquals(Outcome.VERIFIED, same.outcome());
    }

    @Test
    void aMissingPayloadBlobIsUnreadable() {
        SignatureArtifact artifact = signature(1, SUBJECT);

        SignatureCheck check = TRUSTING_KEY_1.checkSignature(SUBJECT.digest(), Optional.empty(), artifact.manifest(),
                new Blobs(List.of()));

        assertEquals(Outcome.BLOB_UNREADABLE, check.outcome());
    }

    @Test
    void garbageOrAnImageWithoutPayloadLayersIsNoSignature() {
        SignatureCheck garbage = TRUSTING_KEY_1.checkSignature(SUBJECT.digest(), Optional.empty(),
                "garbage".getBytes(StandardCharsets.UTF_8), new Blobs(List.of()));
        SignatureCheck image = TRUSTING_KEY_1.checkSignature(SUBJECT.digest(), Optional.empty(),
                SignatureArtifactTest.IMAGE_MANIFEST, new Blobs(List.of()));

        assertEquals(Outcome.MANIFEST_INVALID, garbage.outcome());
        assertEquals(Outcome.NO_SIGNATURE_LAYER, image.outcome());
    }

    @Test
    void oneGoodLayerAmongAppendedOnesVerifies() throws Exception {
        SignatureArtifact foreign = signature(2, SUBJECT);
        SignatureArtifact ours = signature(1, SUBJECT);
        ObjectNode root = (ObjectNode) JSON.readTree(foreign.manifest());
        ((ArrayNode) root.get("layers")).add(JSON.readTree(ours.manifest()).get("layers").get(0));
        Blobs blobs = new Blobs(foreign.blobs());
        blobs.put(ours.payload());

        SignatureCheck check = TRUSTING_KEY_1.checkSignature(SUBJECT.digest(), Optional.empty(),
                JSON.writeValueAsBytes(root), blobs);

        assertEquals(Outcome.VERIFIED, check.outcome(), check.detail());
    }

    private static AttestationCheck attestationCheck(AttestationArtifact artifact, Optional<String> predicateType) {
        return TRUSTING_KEY_1.checkAttestation(SUBJECT.digest(), predicateType, artifact.manifest(),
                new Blobs(artifact.blobs()));
    }

    @Test
    void anAttestationByATrustedKeyVerifiesAndExposesThePredicate() {
        AttestationArtifact artifact = AttestationArtifact.sign(TestKeys.fixed(1), REFERENCE, SUBJECT,
                AttestationArtifact.KOSKIT_VALIDATION, AttestationArtifactTest.report(false));

        AttestationCheck check = attestationCheck(artifact, Optional.of(AttestationArtifact.KOSKIT_VALIDATION));

        assertEquals(Outcome.VERIFIED, check.outcome(), check.detail());
        assertEquals(false, check.statement().orElseThrow().predicate().path("passed").asBoolean(true));
    }

    @Test
    void anAttestationByAnotherKeyOrOfAnotherTypeOrSubjectIsNotVerified() {
        AttestationArtifact otherKey = AttestationArtifact.sign(TestKeys.fixed(2), REFERENCE, SUBJECT,
                AttestationArtifact.KOSKIT_VALIDATION, AttestationArtifactTest.report(true));
        AttestationArtifact otherType = AttestationArtifact.sign(TestKeys.fixed(1), REFERENCE, SUBJECT,
                "https://slsa.dev/provenance/v1", AttestationArtifactTest.report(true));
        byte[] other = "{}".getBytes(StandardCharsets.UTF_8);
        AttestationArtifact otherSubject = AttestationArtifact.sign(TestKeys.fixed(1), REFERENCE,
                Descriptor.of(MediaType.OCI_MANIFEST, Digest.of(DigestAlgorithm.SHA256, other), 2),
                AttestationArtifact.KOSKIT_VALIDATION, AttestationArtifactTest.report(true));
        Optional<String> koskit = Optional.of(AttestationArtifact.KOSKIT_VALIDATION);

        assertEquals(Outcome.NO_KEY_VERIFIES, attestationCheck(otherKey, koskit).outcome());
        assertEquals(Outcome.WRONG_PREDICATE_TYPE, attestationCheck(otherType, koskit).outcome());
        assertEquals(Outcome.DIGEST_MISMATCH, attestationCheck(otherSubject, koskit).outcome());
    }

    @Test
    void anEnvelopeWhosePayloadChangedByOneByteIsNotVerified() throws Exception {
        AttestationArtifact artifact = AttestationArtifact.sign(TestKeys.fixed(1), REFERENCE, SUBJECT,
                AttestationArtifact.KOSKIT_VALIDATION, AttestationArtifactTest.report(false));
        Envelope envelope = artifact.envelope();
        byte[] payload = envelope.payload();
        int at = new String(payload, StandardCharsets.UTF_8).indexOf("false");
        payload[at] = 't';
        byte[] tampered = new Envelope(envelope.payloadType(), payload, envelope.signatures()).toJson();
        Blobs blobs = new Blobs(artifact.blobs());
        Digest digest = blobs.put(tampered);

        AttestationCheck check = TRUSTING_KEY_1.checkAttestation(SUBJECT.digest(), Optional.empty(),
                withLayer(artifact.manifest(), digest, tampered.length, null), blobs);

        assertEquals(Outcome.NO_KEY_VERIFIES, check.outcome(), check.detail());
    }

    @Test
    void aSignedEnvelopeOfAnotherPayloadTypeIsInvalid() throws Exception {
        AttestationArtifact artifact = AttestationArtifact.sign(TestKeys.fixed(1), REFERENCE, SUBJECT,
                AttestationArtifact.KOSKIT_VALIDATION, AttestationArtifactTest.report(true));
        byte[] retyped = Envelope.sign(TestKeys.fixed(1), "application/json", artifact.envelope().payload()).toJson();
        Blobs blobs = new Blobs(artifact.blobs());
        Digest digest = blobs.put(retyped);

        AttestationCheck check = TRUSTING_KEY_1.checkAttestation(SUBJECT.digest(), Optional.empty(),
                withLayer(artifact.manifest(), digest, retyped.length, null), blobs);

        assertEquals(Outcome.PAYLOAD_INVALID, check.outcome(), check.detail());
        assertTrue(check.detail().contains(Dsse.IN_TOTO_PAYLOAD_TYPE), check.detail());
    }
}
