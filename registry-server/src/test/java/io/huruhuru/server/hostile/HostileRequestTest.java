package io.huruhuru.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests an attacker would send, each answered without a server error. */
class HostileRequestTest {

    private static final int TIMEOUT_MS = 5_000;

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void http11RequestWithoutHostIsRefusedWith400() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(registry.port(), "GET /v2/ HTTP/1.1\r\n\r\n", TIMEOUT_MS);

        assertEquals(400, answer.status(), answer.head());
    }

    @Test
    void http11RequestWithoutHostToAnApiPathIsAnOciError() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(registry.port(),
                "GET /v2/repo/manifests/latest HTTP/1.1\r\nConnection: close\r\n\r\n", TIMEOUT_MS);

        assertEquals(400, answer.status(), answer.head());
        assertTrue(answer.text().startsWith("{\"errors\":[{\"code\":\"REQUEST_INVALID\""), answer.text());
    }

    @Test
    void unknownHttpVersionIsAnsweredWith505() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(registry.port(), "GET /v2/ HTTP/9.9\r\nHost: x\r\n\r\n", TIMEOUT_MS);

        assertEquals(505, answer.status(), answer.head());
    }

    @Test
    void http2PriorKnowledgePrefaceIsRefusedWith505AndTheConnectionClosed() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(registry.port(), "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", TIMEOUT_MS);

        assertEquals(505, answer.status(), answer.head());
        assertTrue(answer.head().contains("Connection: close"), answer.head());
    }

    @Test
    void http2ClientWithPriorKnowledgeFailsAtOnceInsteadOfHanging() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            var client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                    .setHttp2ClearTextUpgrade(false));
            var outcome = client.request(HttpMethod.GET, registry.port(), "127.0.0.1", "/v2/")
                    .compose(request -> request.send())
                    .map(response -> "answered " + response.statusCode())
                    .otherwise(failure -> "refused")
                    .toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

            assertEquals("refused", outcome);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void duplicateHostHeadersAreRefusedWith400() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(registry.port(),
                "GET /v2/ HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", TIMEOUT_MS);

        assertEquals(400, answer.status(), answer.head());
    }

    @Test
    void http10RequestWithoutHostIsServed() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(registry.port(), "GET /v2/ HTTP/1.0\r\n\r\n", TIMEOUT_MS);

        assertEquals(200, answer.status(), answer.head());
    }

    @Test
    void aNormalRequestAfterRefusalsIsServed() throws IOException {
        RawHttp.exchange(registry.port(), "GET /v2/ HTTP/9.9\r\nHost: x\r\n\r\n", TIMEOUT_MS);
        RawHttp.exchange(registry.port(), "GET /v2/ HTTP/1.1\r\n\r\n", TIMEOUT_MS);

        assertEquals(200, registry.get("/v2/").statusCode());
    }

    @Test
    void malformedPercentEscapeInThePathOrQueryIsRequestInvalid() throws IOException {
        for (String target : new String[] {"/v2/_catalog?n=1&%zz=1", "/v2/repo/tags/list?last=%e",
                "/v2/repo/manifests/%zz", "/v2/a%/b/tags/list"}) {
            RawHttp.Answer answer = RawHttp.exchange(registry.port(), "GET " + target
                    + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", TIMEOUT_MS, false);

            assertEquals(400, answer.status(), target + ": " + answer.head());
            assertTrue(answer.text().startsWith("{\"errors\":[{\"code\":\"REQUEST_INVALID\""), answer.text());
            assertTrue(answer.text().contains("malformed request URI"), answer.text());
        }
    }

    @Test
    void catalogAfterANulIsNameInvalid() {
        OciErrors.assertError(registry.get("/v2/_catalog?last=%00"), 400, "NAME_INVALID");
        OciErrors.assertError(registry.get("/v2/_catalog?n=10&last=%00"), 400, "NAME_INVALID");
    }

    @Test
    void uploadIdWithANulIsUploadUnknown() {
        String path = "/v2/repo/blobs/uploads/%00";

        OciErrors.assertError(registry.get(path), 404, "BLOB_UPLOAD_UNKNOWN");
        OciErrors.assertError(registry.send(registry.request(path).method("PATCH",
                HttpRequest.BodyPublishers.ofByteArray(new byte[3])).build()), 404, "BLOB_UPLOAD_UNKNOWN");
        OciErrors.assertError(registry.send(registry.request(path + "?digest=sha256:"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
                .PUT(HttpRequest.BodyPublishers.noBody()).build()), 404, "BLOB_UPLOAD_UNKNOWN");
    }


    @Test
    void aFinalBodyThatBreaksOffIsNotCommittedAndTheUploadGoesOn() throws IOException {
        HttpResponse<byte[]> started = registry.send(registry.request("/v2/repo/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        String location = started.headers().firstValue("Location").orElseThrow();
        byte[] content = "the whole blob, of which only a part arrives".getBytes(StandardCharsets.US_ASCII);

        // 9 of the bytes that Content-Length announces, then the client goes away
        RawHttp.exchange(registry.port(), "PUT " + location + "?digest=" + RunningRegistry.sha256(content)
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + content.length + "\r\n\r\nthe whole", TIMEOUT_MS,
                true);

        HttpResponse<byte[]> status = registry.send(registry.request(location).GET().build());
        assertEquals(204, status.statusCode(), "the upload was ended by a body that broke off");
        // The server learns of the broken-off body a moment after the client left: until then the upload is busy.
        HttpResponse<byte[]> next;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        do {
            next = registry.send(registry.request(location).method("PATCH",
                    HttpRequest.BodyPublishers.ofByteArray(content)).build());
        } while (next.statusCode() == 416 && System.nanoTime() < deadline);
        assertEquals(202, next.statusCode(), "the upload is still claimed by the request that broke off: "
                + RunningRegistry.text(next));
        assertEquals(404, registry.send(registry.request("/v2/repo/blobs/" + RunningRegistry.sha256(content))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode());
    }

    @Test
    void aRefusalWithItsBodyUnreadClosesTheConnectionAndOneWithoutABodyKeepsIt() throws IOException {
        RawHttp.Answer refusedWithBody = RawHttp.exchange(registry.port(), "PUT /v2/UPPER/manifests/x HTTP/1.1\r\n"
                + "Host: x\r\nContent-Type: application/vnd.oci.image.manifest.v1+json\r\nContent-Length: 100000\r\n"
                + "\r\n{", TIMEOUT_MS);
        RawHttp.Answer refusedWithout = RawHttp.exchange(registry.port(), "GET /v2/UPPER/tags/list HTTP/1.1\r\n"
                + "Host: x\r\n\r\n", TIMEOUT_MS);

        assertEquals(400, refusedWithBody.status(), refusedWithBody.head());
        assertTrue(refusedWithBody.head().toLowerCase().contains("connection: close"), refusedWithBody.head());
        assertEquals(400, refusedWithout.status(), refusedWithout.head());
        assertFalse(refusedWithout.head().toLowerCase().contains("connection: close"), refusedWithout.head());
    }
}
