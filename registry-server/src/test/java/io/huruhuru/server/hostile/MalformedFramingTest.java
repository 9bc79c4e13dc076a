package io.huruhuru.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A request head the HTTP decoder cannot read is refused like any bad input: 400 with the OCI error body. */
class MalformedFramingTest {

    private static final int TIMEOUT_MS = 5_000;

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void aNegativeContentLengthIsRequestInvalidWithTheOciBody() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(registry.port(), "PUT /v2/repo/blobs/uploads/x?digest=sha256:00"
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\nConnection: close\r\n\r\nabc", TIMEOUT_MS);

        assertEquals(400, answer.status(), answer.head());
        assertTrue(answer.text().contains("\"code\":\"REQUEST_INVALID\""), answer.text());
    }

    @Test
    void twoDifferentContentLengthsAreRequestInvalidWithTheOciBody() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(registry.port(), "PATCH /v2/repo/blobs/uploads/x HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Length: 3\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd",
                TIMEOUT_MS);

        assertEquals(400, answer.status(), answer.head());
        assertTrue(answer.text().contains("\"code\":\"REQUEST_INVALID\""), answer.text());
    }
}
