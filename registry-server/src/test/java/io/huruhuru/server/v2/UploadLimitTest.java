package io.huruhuru.server.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.SecurityConfig;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code limits.maxUploadBytes}: an upload request's body over the limit is refused, announced or streamed. */
class UploadLimitTest {

    private static final int LIMIT = 64 * 1024;

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config -> config.withSecurity(
            config.security().withLimits(new SecurityConfig.Limits(10, Duration.ofMinutes(5), 0, 1 << 20, LIMIT))));

    @Test
    void aMonolithicPushWithinTheLimitIsStored() {
        byte[] blob = new byte[LIMIT];

        String digest = registry.pushBlob("limits/app", blob);

        assertEquals(200, registry.send(registry.request("/v2/limits/app/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode());
    }

    @Test
    void aMonolithicPushAnnouncedOverTheLimitIsRefusedUnreadAndNothingIsStored() {
        byte[] blob = new byte[LIMIT + 1];
        String digest = RunningRegistry.sha256(blob);

        HttpResponse<byte[]> response = registry.send(registry.request("/v2/limits/app/blobs/uploads/?digest=" + digest)
                .POST(HttpRequest.BodyPublishers.ofByteArray(blob)).build());

        OciErrors.assertError(response, 413, "TOO_LARGE");
        assertEquals(404, registry.send(registry.request("/v2/limits/app/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode());
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedAsItStreams() {
        HttpResponse<byte[]> started = registry.send(registry.request("/v2/limits/app/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        String location = started.headers().firstValue("Location").orElseThrow();
        byte[] chunk = new byte[4 * LIMIT];

        // no Content-Length: the client sends the body chunked, so only counting can find it too large
        HttpResponse<byte[]> response = registry.send(registry.request(location)
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunk)))
                .build());

        OciErrors.assertError(response, 413, "TOO_LARGE");
        // as with a body that broke off, what arrived before the refusal stays in the upload, and its status says so
        HttpResponse<byte[]> status = registry.send(registry.request(location).GET().build());
        assertEquals(204, status.statusCode());
        long end = Long.parseLong(status.headers().firstValue("Range").orElseThrow().substring(2));
        assertTrue(end < LIMIT, "the upload holds bytes up to " + end);
    }

    @Test
    void aPutOfAFinalChunkOverTheLimitCommitsNothing() {
        HttpResponse<byte[]> started = registry.send(registry.request("/v2/limits/app/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        String location = started.headers().firstValue("Location").orElseThrow();
        byte[] blob = new byte[2 * LIMIT];
        String digest = RunningRegistry.sha256(blob);

        HttpResponse<byte[]> response = registry.send(registry.request(location + "?digest=" + digest)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(blob))).build());

        OciErrors.assertError(response, 413, "TOO_LARGE");
        assertEquals(404, registry.send(registry.request("/v2/limits/app/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode());
    }
}
