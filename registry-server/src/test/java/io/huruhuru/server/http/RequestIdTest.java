package io.huruhuru.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every response carries an {@code X-Request-Id}: the client's when well formed and short, else a new one. */
class RequestIdTest {

    private static final String GENERATED = "[0-9a-f]{32}";

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    private String idOf(HttpResponse<byte[]> response) {
        return response.headers().firstValue(RequestId.HEADER).orElseThrow(() -> new AssertionError(
                "no " + RequestId.HEADER + " on a " + response.statusCode()));
    }

    @Test
    void everyResponseSuccessfulOrNotGetsAFreshIdWhenTheClientSendsNone() {
        List<HttpResponse<byte[]>> responses = List.of(registry.get("/v2/"), registry.get("/v2/"),
                registry.get("/v2/no/such/manifests/latest"), registry.get("/v2/bad..name/tags/list"),
                registry.get("/nowhere"), registry.get("/metrics"), registry.get("/readyz"));

        for (HttpResponse<byte[]> response : responses) {
            assertTrue(idOf(response).matches(GENERATED), idOf(response));
        }
        assertNotEquals(idOf(responses.get(0)), idOf(responses.get(1)));
        assertEquals(404, responses.get(2).statusCode());
    }

    @Test
    void aWellFormedClientIdIsKept() {
        String id = "proxy-7f3a.2026:12:06_x";

        HttpResponse<byte[]> response = registry.send(registry.request("/v2/nothing/here/manifests/x")
                .header(RequestId.HEADER, id).GET().build());

        assertEquals(404, response.statusCode());
        assertEquals(id, idOf(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "has space", "quote\"d", "semi;colon", "<script>", "ümlaut", "a/b", "a\tb",
        "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void aMalformedOrLongClientIdIsReplaced(String header) {
        String accepted = RequestId.accepted(header);

        assertTrue(accepted.matches(GENERATED), accepted);
    }

    @Test
    void anIdOfSixtyFourAllowedCharactersIsTheLongestKept() {
        String longest = "a".repeat(64);

        assertEquals(longest, RequestId.accepted(longest));
        assertTrue(RequestId.accepted(longest + "a").matches(GENERATED));
    }
}
