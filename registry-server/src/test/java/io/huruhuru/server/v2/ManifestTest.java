package io.huruhuru.server.v2;

import static io.huruhuru.server.OciErrors.assertError;
import static io.huruhuru.server.v2.ImageFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ManifestTest {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void putByTagThenGetByTagAndDigestReturnsTheSameBytes() {
        byte[] manifest = utf8(ImageFixture.push(registry, "kos/hello", 1).ociManifest());
        String digest = RunningRegistry.sha256(manifest);

        HttpResponse<byte[]> put = registry.putManifest("kos/hello", "v1", OCI_MANIFEST, manifest);
        HttpResponse<byte[]> byTag = registry.get("/v2/kos/hello/manifests/v1");
        HttpResponse<byte[]> byDigest = registry.get("/v2/kos/hello/manifests/" + digest);

        assertEquals(201, put.statusCode());
        assertEquals("/v2/kos/hello/manifests/" + digest, put.headers().firstValue("Location").orElseThrow());
        assertEquals(digest, put.headers().firstValue("Docker-Content-Digest").orElseThrow());
        for (HttpResponse<byte[]> get : java.util.List.of(byTag, byDigest)) {
            assertEquals(200, get.statusCode());
            assertArrayEquals(manifest, get.body());
            assertEquals(OCI_MANIFEST, get.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(digest, get.headers().firstValue("Docker-Content-Digest").orElseThrow());
        }
    }

    @Test
    void headAnswersDigestLengthAndType() {
        byte[] manifest = utf8(ImageFixture.push(registry, "repo", 1).ociManifest());
        registry.putManifest("repo", "v1", OCI_MANIFEST, manifest);

        HttpResponse<byte[]> head = registry.send(registry.request("/v2/repo/manifests/v1")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, head.statusCode());
        assertEquals(Integer.toString(manifest.length), head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(RunningRegistry.sha256(manifest), head.headers().firstValue("Docker-Content-Digest").orElseThrow());
    }

    @Test
    void dockerSchema2ManifestIsStoredWithItsMediaType() {
        byte[] manifest = utf8(ImageFixture.push(registry, "repo", 2).dockerManifest());
        String type = "application/vnd.docker.distribution.manifest.v2+json";

        assertEquals(201, registry.putManifest("repo", "latest", type, manifest).statusCode());
        HttpResponse<byte[]> get = registry.send(registry.request("/v2/repo/manifests/latest").header("Accept", type).GET().build());

        assertEquals(type, get.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(manifest, get.body());
    }

    @Test
    void everyAcceptHeaderLineCounts() {
        byte[] manifest = utf8(ImageFixture.push(registry, "repo", 3).ociManifest());
        registry.putManifest("repo", "v1", OCI_MANIFEST, manifest);

        HttpResponse<byte[]> accepted = registry.send(registry.request("/v2/repo/manifests/v1")
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                .header("Accept", "application/vnd.docker.distribution.manifest.list.v2+json, " + OCI_MANIFEST)
                .GET().build());
        HttpResponse<byte[]> refused = registry.send(registry.request("/v2/repo/manifests/v1")
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").GET().build());

        assertEquals(200, accepted.statusCode());
        assertError(refused, 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void contentTypeDisagreeingWithMediaTypeIsManifestInvalid() {
        byte[] manifest = utf8(ImageFixture.push(registry, "repo", 4).ociManifest());

        assertError(registry.putManifest("repo", "v1", OCI_INDEX, manifest), 400, "MANIFEST_INVALID");
    }

    @Test
    void schema1IsRefused() {
        byte[] schema1 = utf8("{\"schemaVersion\":1,\"name\":\"repo\",\"tag\":\"v1\",\"fsLayers\":[],\"history\":[]}");

        assertError(registry.putManifest("repo", "v1", "application/vnd.docker.distribution.manifest.v1+prettyjws", schema1),
                415, "UNSUPPORTED");
    }

    @Test
    void malformedJsonIsManifestInvalid() {
        assertError(registry.putManifest("repo", "v1", OCI_MANIFEST, utf8("{not json")), 400, "MANIFEST_INVALID");
    }

    @Test
    void manifestOverFourMebibytesIsRefusedWith413() {
        byte[] huge = new byte[4 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');

        assertError(registry.putManifest("repo", "v1", OCI_MANIFEST, huge), 413, "TOO_LARGE");
    }

    @Test
    void missingLayerIsManifestBlobUnknownAndNothingIsStored() {
        ImageFixture image = ImageFixture.push(registry, "repo", 5);
        registry.send(registry.request("/v2/repo/blobs/" + image.layerDigest).DELETE().build());

        assertError(registry.putManifest("repo", "v1", OCI_MANIFEST, utf8(image.ociManifest())), 400, "MANIFEST_BLOB_UNKNOWN");
        assertError(registry.get("/v2/repo/manifests/v1"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void indexNeedsItsManifestsInTheRepository() {
        byte[] child = utf8(ImageFixture.push(registry, "repo", 6).ociManifest());
        String childDigest = RunningRegistry.sha256(child);
        byte[] index = utf8("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
                + OCI_MANIFEST + "\",\"digest\":\"" + childDigest + "\",\"size\":" + child.length
                + ",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}]}");

        HttpResponse<byte[]> before = registry.putManifest("repo", "multi", OCI_INDEX, index);
        registry.putManifest("repo", childDigest, OCI_MANIFEST, child);
        HttpResponse<byte[]> after = registry.putManifest("repo", "multi", OCI_INDEX, index);

        assertError(before, 400, "MANIFEST_BLOB_UNKNOWN");
        assertEquals(201, after.statusCode());
        assertArrayEquals(index, registry.get("/v2/repo/manifests/multi").body());
    }

    @Test
    void putByDigestMustMatchTheBody() {
        byte[] manifest = utf8(ImageFixture.push(registry, "repo", 7).ociManifest());
        String wrong = RunningRegistry.sha256(utf8("other"));

        assertError(registry.putManifest("repo", wrong, OCI_MANIFEST, manifest), 400, "DIGEST_INVALID");
        assertEquals(201, registry.putManifest("repo", RunningRegistry.sha256(manifest), OCI_MANIFEST, manifest).statusCode());
    }

    @Test
    void deletingATagKeepsTheManifest() {
        byte[] manifest = utf8(ImageFixture.push(registry, "repo", 8).ociManifest());
        String digest = RunningRegistry.sha256(manifest);
        registry.putManifest("repo", "v1", OCI_MANIFEST, manifest);

        HttpResponse<byte[]> deleted = registry.send(registry.request("/v2/repo/manifests/v1").DELETE().build());

        assertEquals(202, deleted.statusCode());
        assertError(registry.get("/v2/repo/manifests/v1"), 404, "MANIFEST_UNKNOWN");
        assertEquals(200, registry.get("/v2/repo/manifests/" + digest).statusCode());
    }

    @Test
    void deletingByDigestRemovesTheManifestAndItsTags() {
        byte[] manifest = utf8(ImageFixture.push(registry, "repo", 9).ociManifest());
        String digest = RunningRegistry.sha256(manifest);
        registry.putManifest("repo", "v1", OCI_MANIFEST, manifest);
        registry.putManifest("repo", "v2", OCI_MANIFEST, manifest);

        HttpResponse<byte[]> deleted = registry.send(registry.request("/v2/repo/manifests/" + digest).DELETE().build());

        assertEquals(202, deleted.statusCode());
        assertError(registry.get("/v2/repo/manifests/" + digest), 404, "MANIFEST_UNKNOWN");
        assertError(registry.get("/v2/repo/manifests/v2"), 404, "MANIFEST_UNKNOWN");
        assertTrue(RunningRegistry.text(registry.get("/v2/repo/tags/list")).contains("\"tags\":[]"));
    }

    @Test
    void unknownManifestIsManifestUnknown() {
        assertError(registry.get("/v2/repo/manifests/nope"), 404, "MANIFEST_UNKNOWN");
        assertError(registry.send(registry.request("/v2/repo/manifests/nope").DELETE().build()), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void invalidTagIsRefused() {
        byte[] manifest = utf8(ImageFixture.push(registry, "repo", 10).ociManifest());

        assertError(registry.putManifest("repo", "-bad", OCI_MANIFEST, manifest), 400, "TAG_INVALID");
    }

    @Test
    void readOfAReferenceThatCannotExistIsManifestUnknown() {
        String path = "/v2/repo/manifests/.INVALID_MANIFEST_NAME";

        assertError(registry.get(path), 404, "MANIFEST_UNKNOWN");
        assertError(registry.get("/v2/repo/manifests/sha256:nothex"), 404, "MANIFEST_UNKNOWN");
        assertEquals(404, registry.send(registry.request(path)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode());
    }

    @Test
    void deleteOfAReferenceThatCannotExistIsManifestUnknown() {
        assertError(registry.send(registry.request("/v2/repo/manifests/.INVALID_MANIFEST_NAME").DELETE().build()),
                404, "MANIFEST_UNKNOWN");
    }

    @Test
    void pushByAnInvalidDigestIsDigestInvalid() {
        byte[] manifest = utf8(ImageFixture.push(registry, "repo", 11).ociManifest());

        assertError(registry.putManifest("repo", "sha256:nothex", OCI_MANIFEST, manifest), 400, "DIGEST_INVALID");
    }
}
