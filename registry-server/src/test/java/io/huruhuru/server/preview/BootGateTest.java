package io.huruhuru.server.preview;

import static io.huruhuru.server.preview.Previews.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.budget.PolicyException;
import io.huruhuru.validation.budget.PolicyLoader;
import io.huruhuru.validation.fixture.TestImage;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A policy rule's {@code requireBoot}: pushes of images that cannot boot on its board are refused. */
class BootGateTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().withPolicy("""
            rules:
              - repositories: ["kos/**"]
                requireBoot: qemu-arm-virt
            """);

    @Test
    void anImageThatCannotBootOnTheRequiredBoardIsRefusedNamingTheFailingStep() {
        TestImage big = Previews.helloWithHeap(300_000);
        big.blobs().values().forEach(blob -> registry.pushBlob("kos/big", blob));

        HttpResponse<byte[]> put = registry.putManifest("kos/big", "1.0", big.manifestMediaType(),
                big.manifestBytes());

        JsonNode error = OciErrors.assertError(put, 400, "MANIFEST_INVALID");
        String message = error.path("message").asText();
        assertTrue(message.contains("qemu-arm-virt") && message.contains("requireBoot") && message.contains("step"),
                message);
        assertEquals("failed", error.path("detail").path("result").asText(), error::toPrettyString);
        assertEquals(404, registry.get("/v2/kos/big/manifests/1.0").statusCode());
    }

    @Test
    void anImageAskingForMoreThanTheBoardsRamIsRefusedAtTheMemoryStepWithoutBooting() {
        TestImage huge = Previews.helloWithHeap(MemoryDemandGuardTest.HUGE_HEAP);
        huge.blobs().values().forEach(blob -> registry.pushBlob("kos/huge", blob));

        HttpResponse<byte[]> put = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> registry.putManifest("kos/huge", "1.0",
                        huge.manifestMediaType(), huge.manifestBytes()));

        JsonNode error = OciErrors.assertError(put, 400, "MANIFEST_INVALID");
        assertTrue(error.path("message").asText().contains("step " + ImageBoot.MEMORY_STEP), error::toPrettyString);
    }

    @Test
    void anImageThatBootsIsAcceptedWithItsPreviewKeptAndAttestedUntilTheManifestIsDeleted() {
        String digest = push(registry, "kos/hello", "1.0", TestImage.hello());
        RepositoryName repository = RepositoryName.parse("kos/hello");

        byte[] kept = registry.store().attachments().get(repository, Digest.parse(digest), BootGate.REPORT_ROLE)
                .orElseThrow();
        assertEquals("booted", PreviewReports.tree(kept).path("result").asText());

        JsonNode referrers = Previews.json(registry.get("/v2/kos/hello/referrers/" + digest));
        long bootAttestations = java.util.stream.StreamSupport.stream(referrers.path("manifests").spliterator(), false)
                .map(m -> Previews.json(registry.send(registry.request("/v2/kos/hello/manifests/"
                        + m.path("digest").asText()).header("Accept", m.path("mediaType").asText()).GET().build())))
                .filter(m -> BootGate.PREDICATE_TYPE.equals(m.path("layers").path(0).path("annotations")
                        .path("predicateType").asText()))
                .count();
        assertEquals(1, bootAttestations, referrers::toPrettyString);

        registry.send(registry.request("/v2/kos/hello/manifests/" + digest).DELETE().build());
        assertEquals(Optional.empty(), registry.store().attachments().get(repository, Digest.parse(digest),
                BootGate.REPORT_ROLE));
        assertEquals(0, Previews.json(registry.get("/v2/kos/hello/referrers/" + digest)).path("manifests").size());
    }

    @Test
    void repositoriesNoRuleCoversAndArtifactsAreNotGated() {
        push(registry, "other/big", "1.0", Previews.helloWithHeap(300_000));
        String subject = push(registry, "kos/hello", "1.0", TestImage.hello());
        String empty = registry.pushBlob("kos/hello", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String artifact = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"artifactType\":\"application/example.sbom\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + empty + "\",\"size\":2},\"layers\":[],"
                + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + subject
                + "\",\"size\":1}}";

        HttpResponse<byte[]> put = registry.putManifest("kos/hello", "sbom", "application/vnd.oci.image.manifest.v1+json",
                artifact.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals(201, put.statusCode(), () -> RunningRegistry.text(put));
    }

    @Test
    void aPolicyThatRequiresABoardTheModelDoesNotKnowIsRefused() {
        PolicyException refused = assertThrows(PolicyException.class, () -> PolicyLoader.load("""
                rules:
                  - repositories: ["kos/**"]
                    requireBoot: vax-11
                """));

        assertTrue(refused.getMessage().contains("rules[0].requireBoot") && refused.getMessage().contains("vax-11"),
                refused.getMessage());
    }
}
