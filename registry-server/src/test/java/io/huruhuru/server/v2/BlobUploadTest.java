package io.huruhuru.server.v2;

import static io.huruhuru.server.OciErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class BlobUploadTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    private static byte[] bytes(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    private String startUpload(String repository) {
        HttpResponse<byte[]> response = registry.send(registry.request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, response.statusCode());
        assertEquals("0-0", response.headers().firstValue("Range").orElseThrow());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/v2/" + repository + "/blobs/uploads/"), location);
        return location;
    }

    private HttpResponse<byte[]> patch(String location, byte[] chunk, String contentRange) {
        HttpRequest.Builder request = registry.request(location)
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk));
        if (contentRange != null) {
            request.header("Content-Range", contentRange);
        }
        return registry.send(request.build());
    }

    private HttpResponse<byte[]> put(String location, String digest, byte[] lastChunk) {
        return registry.send(registry.request(location + "?digest=" + digest)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(lastChunk)).build());
    }

    private byte[] pull(String repository, String digest) {
        HttpResponse<byte[]> response = registry.get("/v2/" + repository + "/blobs/" + digest);
        assertEquals(200, response.statusCode());
        assertEquals(digest, response.headers().firstValue("Docker-Content-Digest").orElseThrow());
        return response.body();
    }

    @Test
    void monolithicPostWithDigestStoresTheBlob() {
        byte[] content = bytes(3 * 1024 * 1024 + 17, 1);
        String digest = RunningRegistry.sha256(content);

        HttpResponse<byte[]> response = registry.send(registry.request("/v2/a/b/blobs/uploads/?digest=" + digest)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());

        assertEquals(201, response.statusCode());
        assertEquals("/v2/a/b/blobs/" + digest, response.headers().firstValue("Location").orElseThrow());
        assertEquals(digest, response.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertArrayEquals(content, pull("a/b", digest));
    }

    @Test
    void postThenPutStoresTheBlob() {
        byte[] content = bytes(100_000, 2);
        String location = startUpload("repo");

        HttpResponse<byte[]> response = put(location, RunningRegistry.sha256(content), content);

        assertEquals(201, response.statusCode());
        assertArrayEquals(content, pull("repo", RunningRegistry.sha256(content)));
    }

    @Test
    void chunkedPatchesWithContentRangeAssembleTheBlob() {
        byte[] content = bytes(2_500_000, 3);
        String location = startUpload("repo");

        HttpResponse<byte[]> first = patch(location, Arrays.copyOfRange(content, 0, 1_000_000), "0-999999");
        HttpResponse<byte[]> second = patch(location, Arrays.copyOfRange(content, 1_000_000, 2_000_000), "1000000-1999999");
        HttpResponse<byte[]> last = put(location, RunningRegistry.sha256(content), Arrays.copyOfRange(content, 2_000_000, content.length));

        assertEquals(202, first.statusCode());
        assertEquals("0-999999", first.headers().firstValue("Range").orElseThrow());
        assertEquals("0-1999999", second.headers().firstValue("Range").orElseThrow());
        assertEquals(201, last.statusCode());
        assertArrayEquals(content, pull("repo", RunningRegistry.sha256(content)));
    }

    @Test
    void patchWithoutContentRangeStreamsLikeBuildah() {
        byte[] content = bytes(1_500_000, 4);
        String location = startUpload("repo");

        HttpResponse<byte[]> patched = registry.send(registry.request(location)
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(content)))
                .build());
        HttpResponse<byte[]> committed = put(location, RunningRegistry.sha256(content), new byte[0]);

        assertEquals(202, patched.statusCode());
        assertEquals("0-1499999", patched.headers().firstValue("Range").orElseThrow());
        assertEquals(201, committed.statusCode());
        assertArrayEquals(content, pull("repo", RunningRegistry.sha256(content)));
    }

    @Test
    void outOfOrderChunkIsRefusedWith416() {
        String location = startUpload("repo");
        patch(location, bytes(10, 5), "0-9");

        HttpResponse<byte[]> gap = patch(location, bytes(10, 6), "20-29");

        assertError(gap, 416, "RANGE_INVALID");
    }

    @Test
    void repeatedChunkIsRefusedWith416AndLeavesTheUploadIntact() {
        byte[] content = bytes(20, 7);
        String location = startUpload("repo");
        patch(location, Arrays.copyOfRange(content, 0, 10), "0-9");

        HttpResponse<byte[]> repeated = patch(location, Arrays.copyOfRange(content, 0, 10), "0-9");
        HttpResponse<byte[]> rest = patch(location, Arrays.copyOfRange(content, 10, 20), "10-19");

        assertError(repeated, 416, "RANGE_INVALID");
        assertEquals(202, rest.statusCode());
        assertEquals(201, put(location, RunningRegistry.sha256(content), new byte[0]).statusCode());
    }

    @Test
    void aSecondWriterIsRefusedOnEveryConnectionWhileAChunkIsArriving() throws Exception {
        String location = startUpload("repo");
        byte[] content = bytes(2000, 12);
        try (HeldPatch writer = HeldPatch.start(registry, location, content, 1000)) {
            // Each attempt on a new connection: with one event loop per core, some land on another loop than the writer.
            for (int attempt = 0; attempt < 4; attempt++) {
                assertEquals(416, HeldPatch.send(registry, location, "1000-1009", new byte[10]), "attempt " + attempt);
            }
            assertEquals(202, writer.finish());
        }
        assertEquals(201, put(location, RunningRegistry.sha256(content), new byte[0]).statusCode());
        assertArrayEquals(content, pull("repo", RunningRegistry.sha256(content)));
    }

    @Test
    void aPutWhileAChunkIsArrivingIsRefusedWith416AndTheUploadGoesOn() throws Exception {
        String location = startUpload("repo");
        byte[] content = bytes(2000, 14);
        try (HeldPatch writer = HeldPatch.start(registry, location, content, 1000)) {
            assertError(put(location, RunningRegistry.sha256(content), new byte[0]), 416, "RANGE_INVALID");

            assertEquals(202, writer.finish());
        }
        assertEquals(201, put(location, RunningRegistry.sha256(content), new byte[0]).statusCode());
        assertArrayEquals(content, pull("repo", RunningRegistry.sha256(content)));
    }

    @Test
    void aChunkArrivingWhileItsUploadIsCancelledGetsBlobUploadUnknown() throws Exception {
        String location = startUpload("repo");
        try (HeldPatch writer = HeldPatch.start(registry, location, bytes(2000, 13), 1000)) {
            HttpResponse<byte[]> cancelled = registry.send(registry.request(location).DELETE().build());

            assertEquals(204, cancelled.statusCode());
            assertEquals(404, writer.finish());
        }
        assertError(registry.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "a%00b", "not-an-upload", "00000000-0000-0000-0000-000000000000"})
    void aMalformedOrUnknownUploadIdIsBlobUploadUnknownOnEveryMethod(String id) {
        startUpload("repo");
        String location = "/v2/repo/blobs/uploads/" + id;
        String digest = RunningRegistry.sha256(new byte[0]);

        assertError(registry.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(patch(location, bytes(10, 20), "0-9"), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(patch(location, bytes(10, 20), null), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(put(location, digest, new byte[0]), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(registry.send(registry.request(location).DELETE().build()), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void aCommittedUploadIsBlobUploadUnknownToEveryMethod() {
        byte[] content = bytes(100, 21);
        String location = startUpload("repo");
        assertEquals(201, put(location, RunningRegistry.sha256(content), content).statusCode());

        assertError(registry.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(patch(location, bytes(10, 22), "100-109"), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(put(location, RunningRegistry.sha256(content), new byte[0]), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(registry.send(registry.request(location).DELETE().build()), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void statusReportsRangeAndLocation() {
        String location = startUpload("repo");
        patch(location, bytes(1234, 8), "0-1233");

        HttpResponse<byte[]> status = registry.get(location);

        assertEquals(204, status.statusCode());
        assertEquals("0-1233", status.headers().firstValue("Range").orElseThrow());
        assertEquals(location, status.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aPatchLeavesItsChunkInTheJournalUntilTheUploadCompletes() throws Exception {
        byte[] content = bytes(3_000_000, 10);
        String location = startUpload("repo");
        Path journal = registry.dataDirectory().resolve("journal");

        HttpResponse<byte[]> chunk = patch(location, Arrays.copyOfRange(content, 0, 2_000_000), "0-1999999");

        assertEquals(202, chunk.statusCode());
        assertEquals(2_000_000, bytesIn(journal), "a PATCH is acknowledged once its chunk is in the journal");
        HttpResponse<byte[]> committed = put(location, RunningRegistry.sha256(content),
                Arrays.copyOfRange(content, 2_000_000, content.length));
        assertEquals(201, committed.statusCode());
        assertEquals(0, bytesIn(journal), "the completed upload leaves nothing in the journal");
        assertArrayEquals(content, pull("repo", RunningRegistry.sha256(content)));
    }

    private static long bytesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }

    @Test
    void uploadContinuesAfterARestart() throws Exception {
        byte[] content = bytes(3_000_000, 9);
        String location = startUpload("repo");
        patch(location, Arrays.copyOfRange(content, 0, 2_000_000), "0-1999999");

        registry.stop();
        registry.start();
        HttpResponse<byte[]> status = registry.get(location);
        HttpResponse<byte[]> committed = put(location, RunningRegistry.sha256(content),
                Arrays.copyOfRange(content, 2_000_000, content.length));

        assertEquals("0-1999999", status.headers().firstValue("Range").orElseThrow());
        assertEquals(201, committed.statusCode());
        assertArrayEquals(content, pull("repo", RunningRegistry.sha256(content)));
    }

    @Test
    void digestMismatchIsRefusedAndStoresNothing() {
        byte[] content = bytes(1000, 10);
        String wrong = RunningRegistry.sha256(bytes(1000, 11));
        String location = startUpload("repo");

        HttpResponse<byte[]> response = put(location, wrong, content);

        assertError(response, 400, "DIGEST_INVALID");
        assertError(registry.get("/v2/repo/blobs/" + wrong), 404, "BLOB_UNKNOWN");
        assertError(registry.get("/v2/repo/blobs/" + RunningRegistry.sha256(content)), 404, "BLOB_UNKNOWN");
        assertError(registry.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void sha512DigestsAreAccepted() {
        byte[] content = bytes(70_000, 12);
        String digest = RunningRegistry.sha512(content);
        String location = startUpload("repo");

        HttpResponse<byte[]> response = put(location, digest, content);

        assertEquals(201, response.statusCode());
        assertArrayEquals(content, pull("repo", digest));
    }

    @Test
    void cancelDropsTheUpload() {
        String location = startUpload("repo");
        patch(location, bytes(10, 13), "0-9");

        HttpResponse<byte[]> cancelled = registry.send(registry.request(location).DELETE().build());

        assertEquals(204, cancelled.statusCode());
        assertError(registry.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(registry.send(registry.request(location).DELETE().build()), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void uploadIsNotVisibleFromAnotherRepository() {
        String location = startUpload("one");
        String foreign = location.replace("/v2/one/", "/v2/two/");

        assertError(registry.get(foreign), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void mountFromARepositoryWhereTheBlobIsReadableLinksIt() {
        byte[] content = bytes(5000, 14);
        String digest = registry.pushBlob("source", content);

        HttpResponse<byte[]> response = registry.send(registry.request("/v2/target/blobs/uploads/?mount=" + digest + "&from=source")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(201, response.statusCode());
        assertEquals("/v2/target/blobs/" + digest, response.headers().firstValue("Location").orElseThrow());
        assertArrayEquals(content, pull("target", digest));
    }

    @Test
    void mountFromARepositoryWithoutTheBlobStartsAnUpload() {
        byte[] content = bytes(5000, 15);
        String digest = registry.pushBlob("source", content);

        HttpResponse<byte[]> response = registry.send(registry.request("/v2/target/blobs/uploads/?mount=" + digest + "&from=elsewhere")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(202, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElseThrow().startsWith("/v2/target/blobs/uploads/"));
        assertError(registry.get("/v2/target/blobs/" + digest), 404, "BLOB_UNKNOWN");
    }

    @Test
    void mountWithoutFromLinksABlobStoredAnywhere() {
        byte[] content = bytes(5000, 16);
        String digest = registry.pushBlob("source", content);

        HttpResponse<byte[]> response = registry.send(registry.request("/v2/target/blobs/uploads/?mount=" + digest)
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(201, response.statusCode());
        assertArrayEquals(content, pull("target", digest));
    }

    @Test
    void malformedDigestIsDigestInvalid() {
        HttpResponse<byte[]> response = registry.send(registry.request("/v2/repo/blobs/uploads/?digest=sha256:xyz")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1])).build());

        assertError(response, 400, "DIGEST_INVALID");
    }

    @Test
    void invalidRepositoryNameIsNameInvalid() {
        HttpResponse<byte[]> response = registry.send(registry.request("/v2/Upper/Case/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertError(response, 400, "NAME_INVALID");
    }
}
