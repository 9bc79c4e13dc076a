package io.huruhuru.server.v2;

import static io.huruhuru.server.OciErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.server.RunningRegistry;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Uploads started longer ago than the purge age are deleted, unless a request is writing them. */
class UploadPurgeTest {

    private static final Duration AGE = Duration.ofSeconds(1);

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().withUploadPurge(AGE, Duration.ofMillis(50));

    private String startUpload() {
        HttpResponse<byte[]> response = registry.send(registry.request("/v2/repo/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, response.statusCode());
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static byte[] bytes(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    /** Waits until the upload's status is no longer 204, and returns that answer. */
    private HttpResponse<byte[]> awaitGone(String location) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<byte[]> status = registry.get(location);
            if (status.statusCode() != 204 || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(20);
        }
    }

    private long bytesInJournal() throws IOException {
        try (Stream<Path> files = Files.list(registry.dataDirectory().resolve("journal"))) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }

    @Test
    void anAbandonedUploadIsDeletedWithItsBytesOnceOlderThanTheAgeAndAYoungerOneIsKept() throws Exception {
        String abandoned = startUpload();
        assertEquals(202, HeldPatch.send(registry, abandoned, "0-1999999", bytes(2_000_000, 1)));
        assertEquals(2_000_000, bytesInJournal());
        Thread.sleep(AGE.toMillis() + 200);
        String young = startUpload();

        assertError(awaitGone(abandoned), 404, "BLOB_UPLOAD_UNKNOWN");

        assertEquals(0, bytesInJournal());
        assertError(registry.send(registry.request(abandoned + "?digest=sha256:" + "0".repeat(64))
                .PUT(HttpRequest.BodyPublishers.noBody()).build()), 404, "BLOB_UPLOAD_UNKNOWN");
        Thread.sleep(300); // about 6 more purges, while the young upload is still well under the age
        assertEquals(204, registry.get(young).statusCode());
    }

    @Test
    void anUploadThatARequestIsWritingIsPurgedOnlyAfterTheRequest() throws Exception {
        String location = startUpload();
        byte[] chunk = bytes(2000, 2);
        try (HeldPatch writer = HeldPatch.start(registry, location, chunk, 1000)) {
            Thread.sleep(AGE.multipliedBy(2).toMillis()); // older than the age, through about 40 purges

            assertEquals(202, writer.finish());
        }

        assertError(awaitGone(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }
}
