package io.huruhuru.server.v2;

import static io.huruhuru.server.OciErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BlobPullTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    private final byte[] content = new byte[2 * 1024 * 1024 + 5];
    private String digest;

    @BeforeEach
    void pushBlob() {
        new Random(42).nextBytes(content);
        digest = registry.pushBlob("repo", content);
    }

    private HttpResponse<byte[]> getRange(String range) {
        return registry.send(registry.request("/v2/repo/blobs/" + digest).header("Range", range).GET().build());
    }

    @Test
    void headAnswersSizeAndDigestWithoutBody() {
        HttpResponse<byte[]> response = registry.send(registry.request("/v2/repo/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, response.statusCode());
        assertEquals(Long.toString(content.length), response.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(digest, response.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertEquals(0, response.body().length);
    }

    @Test
    void rangeAcrossStorageValuesAnswers206() {
        HttpResponse<byte[]> response = getRange("bytes=1048570-1048589");

        assertEquals(206, response.statusCode());
        assertEquals("bytes 1048570-1048589/" + content.length, response.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(content, 1048570, 1048590), response.body());
    }

    @Test
    void openEndedAndSuffixRangesAreServed() {
        assertArrayEquals(Arrays.copyOfRange(content, content.length - 10, content.length), getRange("bytes=-10").body());
        assertArrayEquals(Arrays.copyOfRange(content, 2 * 1024 * 1024, content.length), getRange("bytes=2097152-").body());
    }

    @Test
    void rangeBeyondTheEndAnswers416() {
        HttpResponse<byte[]> response = getRange("bytes=" + content.length + "-");

        assertEquals(416, response.statusCode());
        assertEquals("bytes */" + content.length, response.headers().firstValue("Content-Range").orElseThrow());
    }

    @Test
    void unknownBlobIsBlobUnknown() {
        String absent = RunningRegistry.sha256(new byte[] {1});

        assertError(registry.get("/v2/repo/blobs/" + absent), 404, "BLOB_UNKNOWN");
    }

    @Test
    void blobIsNotReadableFromARepositoryItWasNotPushedTo() {
        assertError(registry.get("/v2/other/blobs/" + digest), 404, "BLOB_UNKNOWN");
    }

    @Test
    void deleteUnlinksTheBlobFromTheRepository() {
        HttpResponse<byte[]> deleted = registry.send(registry.request("/v2/repo/blobs/" + digest).DELETE().build());

        assertEquals(202, deleted.statusCode());
        assertError(registry.get("/v2/repo/blobs/" + digest), 404, "BLOB_UNKNOWN");
        assertError(registry.send(registry.request("/v2/repo/blobs/" + digest).DELETE().build()), 404, "BLOB_UNKNOWN");
    }

    @Test
    void invalidDigestIsDigestInvalid() {
        assertError(registry.get("/v2/repo/blobs/sha256:abc"), 400, "DIGEST_INVALID");
        assertError(registry.get("/v2/repo/blobs/md5:abc"), 400, "DIGEST_INVALID");
    }
}
