package io.huruhuru.server.signing;

import static io.huruhuru.server.RunningRegistry.text;
import static io.huruhuru.server.signing.RegistrySignatures.ATT_TYPE;
import static io.huruhuru.server.signing.RegistrySignatures.SIG_TYPE;
import static io.huruhuru.server.signing.RegistrySignatures.tagOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TestImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without a policy the registry signs every manifest it accepts, in cosign's layout, atomically with it. */
class SigningPushTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    private final RegistrySignatures signatures = new RegistrySignatures(registry);

    @Test
    void anAcceptedImageIsSignedUnderItsSigTagAndAsAReferrer() throws Exception {
        String digest = signatures.push("team/app", "1.0", TestImage.plain());

        JsonNode signature = signatures.manifest("team/app", tagOf(digest, "sig")).orElseThrow();
        PublicKey key = signatures.keys().get(0);
        JsonNode payload = signatures.verifiedPayload("team/app", signature, key);

        assertEquals(digest, payload.path("critical").path("image").path("docker-manifest-digest").asText());
        assertEquals("127.0.0.1:" + registry.port() + "/team/app",
                payload.path("critical").path("identity").path("docker-reference").asText());
        assertEquals("cosign container image signature", payload.path("critical").path("type").asText());
        assertEquals(digest, signature.path("subject").path("digest").asText());
        JsonNode referrers = signatures.referrers("team/app", digest, SIG_TYPE);
        assertEquals(1, referrers.size(), referrers::toString);
        String tagged = registry.get("/v2/team/app/manifests/" + tagOf(digest, "sig")).headers()
                .firstValue("Docker-Content-Digest").orElseThrow();
        assertEquals(tagged, referrers.get(0).path("digest").asText());
    }

    @Test
    void aKoskitImageGetsAnAttestationOfItsValidationReport() throws Exception {
        String digest = signatures.push("kos/hello", "1.0", TestImage.hello());

        JsonNode attestation = signatures.manifest("kos/hello", tagOf(digest, "att")).orElseThrow();
        JsonNode statement = signatures.verifiedStatement("kos/hello", attestation, signatures.keys().get(0));

        assertEquals("https://in-toto.io/Statement/v1", statement.path("_type").asText());
        assertEquals("127.0.0.1:" + registry.port() + "/kos/hello", statement.path("subject").get(0).path("name").asText());
        assertEquals(digest.substring("sha256:".length()),
                statement.path("subject").get(0).path("digest").path("sha256").asText());
        assertEquals("https://huruhuru.dev/attestations/koskit-validation/v1", statement.path("predicateType").asText());
        JsonNode kept = RegistrySignatures.JSON.readTree(registry.get("/sel4/v1/validations/kos/hello/" + digest).body());
        assertEquals(kept, statement.path("predicate"));
        assertEquals(1, signatures.referrers("kos/hello", digest, ATT_TYPE).size());
        assertTrue(signatures.manifest("kos/hello", tagOf(digest, "sig")).isPresent());
    }

    @Test
    void aPlainImageHasNoAttestation() throws Exception {
        String digest = signatures.push("team/app", "1.0", TestImage.plain());

        assertTrue(signatures.manifest("team/app", tagOf(digest, "att")).isEmpty());
        assertEquals(0, signatures.referrers("team/app", digest, ATT_TYPE).size());
    }

    @Test
    void anIndexIsSignedAndSoIsEachChild() throws Exception {
        TestImage armImage = TestImage.plain();
        TestImage amdImage = TestImage.plain().architecture("amd64");
        String arm = signatures.push("multi/app", null, armImage);
        String amd = signatures.push("multi/app", null, amdImage);
        // the arm child loses its own signature's tag, so only the index push can give it one again
        assertEquals(202, registry.send(registry.request("/v2/multi/app/manifests/" + tagOf(arm, "sig")).DELETE()
                .build()).statusCode());
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + TestImage.OCI_INDEX + "\",\"manifests\":["
                + child(armImage, "arm64") + "," + child(amdImage, "amd64") + "]}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> put = registry.putManifest("multi/app", "2.0", TestImage.OCI_INDEX, index);

        assertEquals(201, put.statusCode(), () -> text(put));
        String indexDigest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        PublicKey key = signatures.keys().get(0);
        for (String signed : new String[] {indexDigest, arm, amd}) {
            JsonNode signature = signatures.manifest("multi/app", tagOf(signed, "sig")).orElseThrow();
            assertEquals(signed, signatures.verifiedPayload("multi/app", signature, key)
                    .path("critical").path("image").path("docker-manifest-digest").asText());
        }
    }

    @Test
    void anIndexListingOneChildTwiceIsSignedOnce() throws Exception {
        TestImage image = TestImage.plain();
        signatures.push("multi/app", null, image);
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + TestImage.OCI_INDEX + "\",\"manifests\":["
                + child(image, "arm64") + "," + child(image, "arm64").replace("\"os\":\"linux\"",
                        "\"os\":\"linux\",\"variant\":\"v8\"") + "]}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> put = registry.putManifest("multi/app", "2.0", TestImage.OCI_INDEX, index);

        assertEquals(201, put.statusCode(), () -> text(put));
        String indexDigest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        assertTrue(signatures.manifest("multi/app", tagOf(indexDigest, "sig")).isPresent());
    }

    @Test
    void anIndexPushedUnderItsChildsSignatureTagKeepsThatTag() throws Exception {
        TestImage image = TestImage.plain();
        String childDigest = signatures.push("multi/app", null, image);
        registry.send(registry.request("/v2/multi/app/manifests/" + tagOf(childDigest, "sig")).DELETE().build());
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + TestImage.OCI_INDEX + "\",\"manifests\":["
                + child(image, "arm64") + "]}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> put = registry.putManifest("multi/app", tagOf(childDigest, "sig"), TestImage.OCI_INDEX,
                index);

        assertEquals(201, put.statusCode(), () -> text(put));
        assertEquals(put.headers().firstValue("Docker-Content-Digest").orElseThrow(),
                registry.get("/v2/multi/app/manifests/" + tagOf(childDigest, "sig")).headers()
                        .firstValue("Docker-Content-Digest").orElseThrow());
    }

    @Test
    void anOrdinaryImageTaggedLikeASignatureSurvivesTheDeletionOfTheImageItNames() throws Exception {
        String digest = signatures.push("team/app", "1.0", TestImage.plain());
        registry.send(registry.request("/v2/team/app/manifests/" + tagOf(digest, "sig")).DELETE().build());
        String ordinary = signatures.push("team/app", tagOf(digest, "sig"),
                TestImage.plain().label("ordinary", "yes"));
        signatures.push("team/app", "latest", TestImage.plain().label("ordinary", "yes"));

        assertEquals(202, registry.send(registry.request("/v2/team/app/manifests/" + digest).DELETE().build())
                .statusCode());

        assertEquals(200, registry.get("/v2/team/app/manifests/" + ordinary).statusCode());
        assertEquals(ordinary, registry.get("/v2/team/app/manifests/latest").headers()
                .firstValue("Docker-Content-Digest").orElseThrow());
    }

    @Test
    void aManifestPushedBySha512IsSignedAsAReferrerOnly() throws Exception {
        TestImage image = TestImage.plain();
        image.blobs().values().forEach(blob -> registry.pushBlob("team/app", blob));
        String digest = RunningRegistry.sha512(image.manifestBytes());

        HttpResponse<byte[]> put = registry.putManifest("team/app", digest, image.manifestMediaType(),
                image.manifestBytes());

        assertEquals(201, put.statusCode(), () -> text(put));
        JsonNode referrers = signatures.referrers("team/app", digest, SIG_TYPE);
        assertEquals(1, referrers.size(), referrers::toString);
        JsonNode signature = signatures.manifest("team/app", referrers.get(0).path("digest").asText()).orElseThrow();
        assertEquals(digest, signatures.verifiedPayload("team/app", signature, signatures.keys().get(0))
                .path("critical").path("image").path("docker-manifest-digest").asText());
    }

    @Test
    void theSignedReferenceIsTheAddressThePushReachedNotTheHostHeader() throws Exception {
        TestImage image = TestImage.plain();
        image.blobs().values().forEach(blob -> registry.pushBlob("team/app", blob));
        byte[] body = image.manifestBytes();
        byte[] head = ("PUT /v2/team/app/manifests/1.0 HTTP/1.1\r\nHost: evil.example\r\nContent-Type: "
                + image.manifestMediaType() + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);

        assertEquals(201, io.huruhuru.server.hostile.RawHttp.exchange(registry.port(), request, 5_000, false)
                .status());

        String digest = RunningRegistry.sha256(body);
        JsonNode signature = signatures.manifest("team/app", tagOf(digest, "sig")).orElseThrow();
        assertEquals("127.0.0.1:" + registry.port() + "/team/app", signatures.verifiedPayload("team/app", signature,
                signatures.keys().get(0)).path("critical").path("identity").path("docker-reference").asText());
    }

    @Test
    void aSignatureThatAClientPushesIsNotSignedAgain() throws Exception {
        String digest = signatures.push("team/app", "1.0", TestImage.plain());
        JsonNode ours = signatures.manifest("team/app", tagOf(digest, "sig")).orElseThrow();
        byte[] copy = RegistrySignatures.JSON.writeValueAsBytes(ours);

        HttpResponse<byte[]> put = registry.putManifest("other/app", "copied", TestImage.OCI_MANIFEST,
                pushBlobsOf(ours, "team/app", "other/app", copy));

        assertEquals(201, put.statusCode(), () -> text(put));
        String copied = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        assertTrue(signatures.manifest("other/app", tagOf(copied, "sig")).isEmpty());
        assertEquals(0, signatures.referrers("other/app", copied, SIG_TYPE).size());
    }

    @Test
    void aClientsOwnSignatureUnderTheTagIsKeptWhenTheImageIsPushedAgain() throws Exception {
        TestImage image = TestImage.plain();
        String digest = signatures.push("team/app", "1.0", image);
        // as cosign does: its own manifest under the .sig tag (here without a subject, as cosign writes it)
        JsonNode ours = signatures.manifest("team/app", tagOf(digest, "sig")).orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode clients = ours.deepCopy();
        clients.remove("subject");
        clients.remove("artifactType");
        byte[] clientsBytes = RegistrySignatures.JSON.writeValueAsBytes(clients);
        HttpResponse<byte[]> own = registry.putManifest("team/app", tagOf(digest, "sig"), TestImage.OCI_MANIFEST,
                clientsBytes);
        assertEquals(201, own.statusCode(), () -> text(own));

        signatures.push("team/app", "1.0", image);

        String tagged = registry.get("/v2/team/app/manifests/" + tagOf(digest, "sig")).headers()
                .firstValue("Docker-Content-Digest").orElseThrow();
        assertEquals(RunningRegistry.sha256(clientsBytes), tagged);
        assertEquals(1, signatures.referrers("team/app", digest, SIG_TYPE).size());
    }

    @Test
    void deletingAManifestDeletesItsSignaturesAndAttestations() throws Exception {
        String digest = signatures.push("kos/hello", "1.0", TestImage.hello());
        String sigDigest = registry.get("/v2/kos/hello/manifests/" + tagOf(digest, "sig")).headers()
                .firstValue("Docker-Content-Digest").orElseThrow();

        assertEquals(202, registry.send(registry.request("/v2/kos/hello/manifests/" + digest).DELETE().build())
                .statusCode());

        assertEquals(404, registry.get("/v2/kos/hello/manifests/" + tagOf(digest, "sig")).statusCode());
        assertEquals(404, registry.get("/v2/kos/hello/manifests/" + tagOf(digest, "att")).statusCode());
        assertEquals(404, registry.get("/v2/kos/hello/manifests/" + sigDigest).statusCode());
        assertEquals(0, signatures.referrers("kos/hello", digest, SIG_TYPE).size());
        assertEquals(0, signatures.referrers("kos/hello", digest, ATT_TYPE).size());
        assertEquals("[]", RegistrySignatures.JSON.readTree(registry.get("/v2/kos/hello/tags/list").body())
                .path("tags").toString());
    }

    @Test
    void untaggingLeavesTheSignatures() throws Exception {
        String digest = signatures.push("team/app", "1.0", TestImage.plain());

        assertEquals(202, registry.send(registry.request("/v2/team/app/manifests/1.0").DELETE().build()).statusCode());

        assertTrue(signatures.manifest("team/app", tagOf(digest, "sig")).isPresent());
    }

    @Test
    void aManifestIsNeverVisibleWithoutItsSignature() throws Exception {
        int pushes = 40;
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> unsigned = new AtomicReference<>();
        Set<String> seen = new HashSet<>();
        Thread reader = new Thread(() -> {
            while (!done.get() && unsigned.get() == null) {
                try {
                    JsonNode tags = RegistrySignatures.JSON.readTree(registry.get("/v2/race/app/tags/list").body())
                            .path("tags");
                    for (JsonNode tag : tags) {
                        if (tag.asText().startsWith("v")) {
                            String digest = registry.get("/v2/race/app/manifests/" + tag.asText()).headers()
                                    .firstValue("Docker-Content-Digest").orElseThrow();
                            seen.add(digest);
                            if (signatures.manifest("race/app", tagOf(digest, "sig")).isEmpty()) {
                                unsigned.set(tag.asText());
                            }
                        }
                    }
                } catch (Exception e) {
                    unsigned.compareAndSet(null, e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < pushes; i++) {
            signatures.push("race/app", "v" + i, TestImage.plain().label("seed", Integer.toString(i)));
        }
        done.set(true);
        reader.join();

        assertEquals(null, unsigned.get());
        assertFalse(seen.isEmpty(), "the reader saw no tag while the pushes ran");
    }

    private static String child(TestImage image, String architecture) {
        byte[] manifest = image.manifestBytes();
        return "{\"mediaType\":\"" + image.manifestMediaType() + "\",\"digest\":\"" + RunningRegistry.sha256(manifest)
                + "\",\"size\":" + manifest.length + ",\"platform\":{\"architecture\":\"" + architecture
                + "\",\"os\":\"linux\"}}";
    }

    /** Copies the blobs of {@code manifest} from one repository to another and returns {@code bytes}. */
    private byte[] pushBlobsOf(JsonNode manifest, String from, String to, byte[] bytes) {
        registry.pushBlob(to, signatures.blob(from, manifest.path("config").path("digest").asText()));
        for (JsonNode layer : manifest.path("layers")) {
            registry.pushBlob(to, signatures.blob(from, layer.path("digest").asText()));
        }
        return bytes;
    }
}
