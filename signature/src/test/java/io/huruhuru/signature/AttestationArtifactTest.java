package io.huruhuru.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.ImageManifest;
import io.huruhuru.oci.ManifestParser;
import io.huruhuru.signature.dsse.Dsse;
import io.huruhuru.signature.dsse.Envelope;
import io.huruhuru.signature.key.TestKeys;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttestationArtifactTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode report(boolean passed) {
        ObjectNode report = JSON.createObjectNode();
        report.put("repository", "kos/app");
        report.put("passed", passed);
        report.put("errors", passed ? 0 : 1);
        return report;
    }

    private static AttestationArtifact attested() {
        return AttestationArtifact.sign(TestKeys.fixed(1), "registry.example/kos/app", SignatureArtifactTest.SUBJECT,
                AttestationArtifact.KOSKIT_VALIDATION, report(true));
    }

    @Test
    void theEnvelopeHoldsAnInTotoV1StatementAboutTheSubject() throws Exception {
        AttestationArtifact artifact = attested();
        Envelope envelope = Envelope.parse(artifact.blobs().get(1).content());

        JsonNode statement = JSON.readTree(envelope.payload());

        assertEquals(Dsse.IN_TOTO_PAYLOAD_TYPE, envelope.payloadType());
        assertEquals("https://in-toto.io/Statement/v1", statement.path("_type").asText());
        assertEquals("registry.example/kos/app", statement.path("subject").get(0).path("name").asText());
        assertEquals(SignatureArtifactTest.SUBJECT.digest().hex(),
                statement.path("subject").get(0).path("digest").path("sha256").asText());
        assertEquals(AttestationArtifact.KOSKIT_VALIDATION, statement.path("predicateType").asText());
        assertEquals(report(true), statement.path("predicate"));
        assertEquals(Optional.of(TestKeys.fixed(1).verificationKey()),
                envelope.verify(List.of(TestKeys.fixed(1).verificationKey())));
    }

    @Test
    void theManifestHasTheEnvelopeLayerAnnotatedWithThePredicateTypeAndTheSubject() {
        AttestationArtifact artifact = attested();

        ImageManifest manifest = (ImageManifest) ManifestParser.parse(artifact.manifest(), "");

        Descriptor layer = manifest.layers().get(0);
        assertEquals(AttestationArtifact.ENVELOPE_MEDIA_TYPE, layer.mediaType());
        assertEquals(AttestationArtifact.KOSKIT_VALIDATION, layer.annotations().get("predicateType"));
        assertEquals(Optional.of(AttestationArtifact.ARTIFACT_TYPE), manifest.artifactType());
        assertEquals(Optional.of(SignatureArtifactTest.SUBJECT), manifest.subject());
        assertEquals("sha256-" + SignatureArtifactTest.SUBJECT.digest().hex() + ".att",
                artifact.tag().orElseThrow().value());
    }

    @Test
    void theSameInputGivesTheSameManifestAndEnvelope() {
        assertArrayEquals(attested().manifest(), attested().manifest());
        assertArrayEquals(attested().blobs().get(1).content(), attested().blobs().get(1).content());
    }
}
