package io.huruhuru.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;

/** Assertions on the OCI error body {@code {"errors":[{"code","message","detail"}]}}. */
public final class OciErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OciErrors() {
    }

    /** Asserts the status and that the body is one OCI error with {@code code}; returns the error entry. */
    public static JsonNode assertError(HttpResponse<byte[]> response, int status, String code) {
        assertEquals(status, response.statusCode(), () -> "status; body: " + RunningRegistry.text(response));
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("error body is not JSON: " + RunningRegistry.text(response), e);
        }
        JsonNode errors = body.get("errors");
        assertTrue(errors != null && errors.isArray() && errors.size() == 1, "one error expected: " + body);
        JsonNode error = errors.get(0);
        assertEquals(code, error.get("code").asText(), () -> "code in " + body);
        assertTrue(error.has("message") && error.has("detail"), "message and detail expected: " + body);
        return error;
    }
}
