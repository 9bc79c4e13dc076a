package io.huruhuru.server.v2;

import static io.huruhuru.server.OciErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BaseEndpointTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void baseAnswersWithTheApiVersionHeader() {
        HttpResponse<byte[]> response = registry.get("/v2/");

        assertEquals(200, response.statusCode());
        assertEquals("registry/2.0", response.headers().firstValue("Docker-Distribution-API-Version").orElseThrow());
    }

    @Test
    void unknownEndpointIsAnOciError() {
        assertError(registry.get("/v2/repo/nothing-here"), 404, "NAME_UNKNOWN");
    }

    @Test
    void wrongMethodIsAnOciErrorNotAServerError() {
        HttpResponse<byte[]> response = registry.send(registry.request("/v2/repo/tags/list")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, "status " + response.statusCode());
        assertTrue(RunningRegistry.text(response).startsWith("{\"errors\":["), RunningRegistry.text(response));
    }

    @Test
    void tlsHandshakeOnThePlainPortIsAnsweredAtOnce() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("127.0.0.1", registry.port());
        engine.setUseClientMode(true);
        ByteBuffer clientHello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), clientHello);
        clientHello.flip();

        assertAnsweredAtOnce(java.util.Arrays.copyOf(clientHello.array(), clientHello.limit()));
    }

    @Test
    void tlsRecordWithoutAnyLineEndIsAnsweredAtOnce() throws Exception {
        // An HTTP parser waits for a line end; a handshake record need not contain one.
        byte[] record = new byte[85];
        java.util.Arrays.fill(record, (byte) 'A');
        record[0] = 0x16;
        record[1] = 0x03;
        record[2] = 0x01;
        record[3] = 0x00;
        record[4] = 0x50;

        assertAnsweredAtOnce(record);
    }

    private void assertAnsweredAtOnce(byte[] bytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", registry.port())) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);

            assertTrue(answer.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 400"), answer.toString(StandardCharsets.US_ASCII));
        }
    }
}
