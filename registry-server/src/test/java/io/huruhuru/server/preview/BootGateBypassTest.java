package io.huruhuru.server.preview;

import static io.huruhuru.server.preview.Previews.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the requireBoot gate takes for an image: decided by config type and layers, not by subject or artifactType. */
class BootGateBypassTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().withPolicy("""
            rules:
              - repositories: ["kos/**"]
                requireBoot: qemu-arm-virt
            """);

    private static byte[] withField(byte[] manifest, String field, JsonNode value) throws Exception {
        ObjectNode node = (ObjectNode) Previews.JSON.readTree(manifest);
        node.set(field, value);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> pushWith(String repository, TestImage image, String field, JsonNode value)
            throws Exception {
        image.blobs().values().forEach(blob -> registry.pushBlob(repository, blob));
        return registry.putManifest(repository, "1.0", image.manifestMediaType(),
                withField(image.manifestBytes(), field, value));
    }

    @Test
    void anImageThatCannotBootIsRefusedThoughItNamesAnArtifactType() throws Exception {
        HttpResponse<byte[]> put = pushWith("kos/big", Previews.helloWithHeap(300_000), "artifactType",
                Previews.JSON.getNodeFactory().textNode("application/x"));

        OciErrors.assertError(put, 400, "MANIFEST_INVALID");
    }

    @Test
    void anImageThatCannotBootIsRefusedThoughItNamesASubject() throws Exception {
        String subject = push(registry, "kos/hello", "base", TestImage.hello());
        ObjectNode descriptor = Previews.JSON.createObjectNode().put("mediaType", TestImage.OCI_MANIFEST)
                .put("digest", subject).put("size", TestImage.hello().manifestBytes().length);

        HttpResponse<byte[]> put = pushWith("kos/hello", Previews.helloWithHeap(300_000), "subject", descriptor);

        OciErrors.assertError(put, 400, "MANIFEST_INVALID");
    }

    @Test
    void aTwoPlatformIndexPushedChildFirstIsAcceptedAndItsBoardsChildIsGated() {
        TestImage arm = TestImage.hello();
        TestImage amd = amd64Hello();
        String armDigest = pushByDigest("kos/multi", arm);
        String amdDigest = pushByDigest("kos/multi", amd);
        byte[] index = index(arm, armDigest, "arm64", amd, amdDigest, "amd64");

        HttpResponse<byte[]> put = registry.putManifest("kos/multi", "1.0", TestImage.OCI_INDEX, index);

        assertEquals(201, put.statusCode(), () -> RunningRegistry.text(put));
    }

    @Test
    void anIndexWithoutAChildForTheBoardIsRefusedAndATaggedForeignImageIsGated() {
        TestImage amd = amd64Hello();
        String amdDigest = pushByDigest("kos/amd", amd);
        ObjectNode node = Previews.JSON.createObjectNode().put("schemaVersion", 2).put("mediaType",
                TestImage.OCI_INDEX);
        node.putArray("manifests").addObject().put("mediaType", TestImage.OCI_MANIFEST).put("digest", amdDigest)
                .put("size", amd.manifestBytes().length).putObject("platform").put("architecture", "amd64")
                .put("os", "linux");

        HttpResponse<byte[]> index = registry.putManifest("kos/amd", "1.0", TestImage.OCI_INDEX,
                node.toString().getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> tagged = registry.putManifest("kos/amd", "amd", amd.manifestMediaType(),
                amd.manifestBytes());

        JsonNode error = OciErrors.assertError(index, 400, "MANIFEST_INVALID");
        assertTrue(error.path("message").asText().contains("platform"), error::toPrettyString);
        OciErrors.assertError(tagged, 400, "MANIFEST_INVALID");
    }

    /** The hello image built for amd64: an x86-64 binary, which koskit validation accepts for that config. */
    private static TestImage amd64Hello() {
        return TestImage.hello().architecture("amd64").layers(TarBuilder.tar().dir("bin").file("bin/hello",
                io.huruhuru.validation.fixture.ElfBuilder.staticPie()
                        .machine(io.huruhuru.validation.fixture.ElfBuilder.EM_X86_64).build(), 0755)
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer());
    }

    private String pushByDigest(String repository, TestImage image) {
        image.blobs().values().forEach(blob -> registry.pushBlob(repository, blob));
        String digest = TarBuilder.sha256(image.manifestBytes());
        HttpResponse<byte[]> put = registry.putManifest(repository, digest, image.manifestMediaType(),
                image.manifestBytes());
        assertEquals(201, put.statusCode(), () -> RunningRegistry.text(put));
        return digest;
    }

    private static byte[] index(TestImage first, String firstDigest, String firstArch, TestImage second,
            String secondDigest, String secondArch) {
        ObjectNode node = Previews.JSON.createObjectNode().put("schemaVersion", 2).put("mediaType",
                TestImage.OCI_INDEX);
        var manifests = node.putArray("manifests");
        manifests.addObject().put("mediaType", TestImage.OCI_MANIFEST).put("digest", firstDigest)
                .put("size", first.manifestBytes().length).putObject("platform").put("architecture", firstArch)
                .put("os", "linux");
        manifests.addObject().put("mediaType", TestImage.OCI_MANIFEST).put("digest", secondDigest)
                .put("size", second.manifestBytes().length).putObject("platform").put("architecture", secondArch)
                .put("os", "linux");
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
