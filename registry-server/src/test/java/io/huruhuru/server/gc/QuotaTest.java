package io.huruhuru.server.gc;

import static io.huruhuru.server.OciErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.RunningRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A push past a repository's quota is 403 DENIED with the quota and the usage in its message, by every path a blob
 * can take into a repository: monolithic, chunked (announced or not), mount, and a manifest naming another's blobs.
 */
class QuotaTest {

    private static final int QUOTA = 4096;

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().unsigned().withGc(Duration.ofHours(1), """
            rules:
              - repositories: "quota/**"
                quota: 4KiB
            """);

    private static byte[] bytes(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    private HttpResponse<byte[]> monolithic(String repository, byte[] content) {
        return registry.send(registry.request("/v2/" + repository + "/blobs/uploads/?digest="
                + RunningRegistry.sha256(content)).POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
    }

    private boolean stored(String repository, String digest) {
        return registry.store().blobs().stat(RepositoryName.parse(repository), Digest.parse(digest)).isPresent();
    }

    private static void assertQuotaRefusal(HttpResponse<byte[]> response, long usage) {
        JsonNode error = assertError(response, 403, "DENIED");
        String message = error.get("message").asText();
        assertTrue(message.contains("quota of " + QUOTA + " bytes") && message.contains("uses " + usage + " bytes"),
                message);
        assertEquals(QUOTA, error.get("detail").get("quota").asLong());
        assertEquals(usage, error.get("detail").get("usage").asLong());
    }

    private String startUpload(String repository) {
        HttpResponse<byte[]> started = registry.send(registry.request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, started.statusCode());
        return started.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void aMonolithicPushPastTheQuotaIsRefusedBeforeItsBytesAreStored() {
        byte[] fits = bytes(3000, 1);
        assertEquals(201, monolithic("quota/app", fits).statusCode());
        byte[] tooMuch = bytes(2000, 2);

        assertQuotaRefusal(monolithic("quota/app", tooMuch), 3000);
        assertTrue(!stored("quota/app", RunningRegistry.sha256(tooMuch)));
        assertEquals(3000, registry.store().repositories().usage(RepositoryName.parse("quota/app")));
    }

    @Test
    void aMonolithicPushPastTheQuotaIsAnsweredBeforeItsBodyIsSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", registry.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /v2/quota/app/blobs/uploads/?digest=sha256:" + "a".repeat(64)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertEquals("HTTP/1.1 403 Forbidden", status);
        }
    }

    @Test
    void aBlobAlreadyInTheRepositoryIsPushedAgainEvenWhenItIsFull() {
        byte[] fits = bytes(4000, 3);
        assertEquals(201, monolithic("quota/app", fits).statusCode());

        assertEquals(201, monolithic("quota/app", fits).statusCode());
    }

    @Test
    void aChunkWhoseContentRangeEndsPastTheQuotaIsRefusedAtItsStart() {
        String location = startUpload("quota/app");

        HttpResponse<byte[]> patch = registry.send(registry.request(location)
                .header("Content-Type", "application/octet-stream").header("Content-Range", "0-4999")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes(5000, 4))).build());

        assertQuotaRefusal(patch, 0);
        HttpResponse<byte[]> fromZero = registry.send(registry.request(location)
                .header("Content-Type", "application/octet-stream").header("Content-Range", "0-99")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes(100, 4))).build());
        assertEquals(202, fromZero.statusCode(), "nothing of the refused chunk was stored");
    }

    @Test
    void aFirstChunkWhoseContentRangeGivesATotalPastTheQuotaIsRefused() {
        String location = startUpload("quota/app");

        HttpResponse<byte[]> patch = registry.send(registry.request(location)
                .header("Content-Type", "application/octet-stream").header("Content-Range", "bytes 0-99/5000")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes(100, 11))).build());

        assertQuotaRefusal(patch, 0);
    }

    @Test
    void aChunkedUploadOfUnannouncedSizeIsRefusedAtItsCommitAndLinksNothing() {
        byte[] content = bytes(5000, 5);
        String location = startUpload("quota/app");
        HttpResponse<byte[]> patch = registry.send(registry.request(location)
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content)))
                .build());
        assertEquals(202, patch.statusCode(), () -> RunningRegistry.text(patch));

        // an empty chunked body announces no size either: storage refuses at the commit
        HttpResponse<byte[]> put = registry.send(registry.request(location + (location.contains("?") ? "&" : "?")
                + "digest=" + RunningRegistry.sha256(content))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[0]))).build());

        assertQuotaRefusal(put, 0);
        assertTrue(!stored("quota/app", RunningRegistry.sha256(content)));
        assertEquals(404, registry.get(location).statusCode(), "the refused upload is gone with its bytes");
    }

    @Test
    void aLastChunkThatTakesTheUploadPastTheQuotaIsRefusedBeforeItIsRead() {
        String location = startUpload("quota/app");
        HttpResponse<byte[]> patch = registry.send(registry.request(location)
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes(3000, 9))).build());
        assertEquals(202, patch.statusCode());
        byte[] last = bytes(2000, 10);

        HttpResponse<byte[]> put = registry.send(registry.request(location + (location.contains("?") ? "&" : "?")
                + "digest=sha256:" + "0".repeat(64)).PUT(HttpRequest.BodyPublishers.ofByteArray(last)).build());

        assertQuotaRefusal(put, 0);
        assertEquals(5000, PushedImage.json(put).get("errors").get(0).get("detail").get("adding").asLong());
    }

    @Test
    void aMountPastTheQuotaIsRefusedAndLinksNothing() {
        byte[] content = bytes(5000, 6);
        String digest = registry.pushBlob("free/app", content);

        HttpResponse<byte[]> mount = registry.send(registry.request("/v2/quota/app/blobs/uploads/?mount=" + digest
                + "&from=free/app").POST(HttpRequest.BodyPublishers.noBody()).build());

        assertQuotaRefusal(mount, 0);
        assertTrue(!stored("quota/app", digest));
    }

    @Test
    void aManifestNamingBlobsOfAnotherRepositoryDoesNotBringThemPastTheQuota() {
        PushedImage elsewhere = PushedImage.push(registry, "free/app", 7, 5000, "1.0");

        HttpResponse<byte[]> put = registry.putManifest("quota/app", "1.0", PushedImage.OCI_MANIFEST,
                elsewhere.manifest());

        assertError(put, 400, "MANIFEST_BLOB_UNKNOWN");
        assertEquals(0, registry.store().repositories().usage(RepositoryName.parse("quota/app")));
    }

    @Test
    void aRepositoryThatNoQuotaCoversTakesAnyPush() {
        assertEquals(201, monolithic("free/app", bytes(10_000, 8)).statusCode());
    }
}
