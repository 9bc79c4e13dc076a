package io.huruhuru.server.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response check refuses what openapi.yaml does not describe, so that the suite's hook cannot pass vacuously. */
class ResponseContractTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final ResponseContract CONTRACT = ResponseContract.get();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> json(int length) {
        return Map.of("content-type", List.of("application/json"), "content-length", List.of(Integer.toString(length)));
    }

    @Test
    void aTagListAsDocumentedPasses() {
        byte[] body = utf8("{\"name\":\"library/app\",\"tags\":[\"1.0\",\"latest\"]}");

        assertDoesNotThrow(() -> CONTRACT.check("GET", "/v2/library/app/tags/list", 200, json(body.length), body));
    }

    @Test
    void aStatusTheOperationDoesNotDeclareFails() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> CONTRACT.check("GET", "/v2/library/app/tags/list", 409, json(2), utf8("{}")));

        assertTrue(error.getMessage().contains("declares no response 409"), error.getMessage());
    }

    @Test
    void aJsonBodyThatBreaksItsSchemaFails() {
        byte[] body = utf8("{\"name\":\"library/app\"}");

        AssertionError error = assertThrows(AssertionError.class,
                () -> CONTRACT.check("GET", "/v2/library/app/tags/list", 200, json(body.length), body));

        assertTrue(error.getMessage().contains("deviates from openapi.yaml"), error.getMessage());
    }

    @Test
    void aMissingRequiredHeaderFails() {
        Map<String, List<String>> headers = Map.of("Location", List.of("/v2/library/app/manifests/" + DIGEST),
                "Content-Length", List.of("0"));

        AssertionError error = assertThrows(AssertionError.class,
                () -> CONTRACT.check("PUT", "/v2/library/app/manifests/latest", 201, headers, new byte[0]));

        assertTrue(error.getMessage().contains("Docker-Content-Digest"), error.getMessage());
    }

    @Test
    void aHeaderThatBreaksItsSchemaFails() {
        Map<String, List<String>> headers = Map.of("Location", List.of("/v2/library/app/manifests/" + DIGEST),
                "Docker-Content-Digest", List.of("not a digest"), "Content-Length", List.of("0"));

        AssertionError error = assertThrows(AssertionError.class,
                () -> CONTRACT.check("PUT", "/v2/library/app/manifests/latest", 201, headers, new byte[0]));

        assertTrue(error.getMessage().contains("Docker-Content-Digest"), error.getMessage());
    }

    @Test
    void aContentTypeTheResponseDoesNotDeclareFails() {
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("text/html"),
                "Content-Length", List.of("2"));

        AssertionError error = assertThrows(AssertionError.class,
                () -> CONTRACT.check("GET", "/v2/library/app/tags/list", 200, headers, utf8("{}")));

        assertTrue(error.getMessage().contains("none of those openapi.yaml declares"), error.getMessage());
    }

    @Test
    void aBodyWhereTheDocumentDeclaresNoneFails() {
        Map<String, List<String>> headers = Map.of("Content-Length", List.of("0"));

        assertThrows(AssertionError.class,
                () -> CONTRACT.check("DELETE", "/v2/library/app/blobs/" + DIGEST, 202, headers, utf8("done")));
    }

    @Test
    void aSuccessOnAPathTheDocumentDoesNotNameFails() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> CONTRACT.check("GET", "/v2/library/app/undocumented", 200, json(2), utf8("{}")));

        assertTrue(error.getMessage().contains("the route is missing from the document"), error.getMessage());
    }

    @Test
    void aRefusalOfAnUndocumentedPathMustBeAnOciError() {
        byte[] oci = utf8("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"no such endpoint\",\"detail\":\"\"}]}");
        byte[] other = utf8("{\"error\":\"not found\"}");

        assertDoesNotThrow(() -> CONTRACT.check("GET", "/nowhere", 404, json(oci.length), oci));
        assertThrows(AssertionError.class, () -> CONTRACT.check("GET", "/nowhere", 404, json(other.length), other));
    }

    @Test
    void anErrorCodeTheDocumentDoesNotListFails() {
        byte[] body = utf8("{\"errors\":[{\"code\":\"TEAPOT\",\"message\":\"short and stout\"}]}");

        assertThrows(AssertionError.class,
                () -> CONTRACT.check("GET", "/v2/library/app/tags/list", 404, json(body.length), body));
    }

    @Test
    void aVendorJsonBodyIsCheckedAgainstItsSchema() {
        byte[] body = utf8("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\"}");
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/vnd.oci.image.index.v1+json"),
                "Content-Length", List.of(Integer.toString(body.length)));

        assertThrows(AssertionError.class,
                () -> CONTRACT.check("GET", "/v2/library/app/referrers/" + DIGEST, 200, headers, body));
    }

    @Test
    void quotedHeaderValuesAreCheckedAsSent() {
        String path = "/v2/library/app/blobs/" + DIGEST;

        assertDoesNotThrow(() -> CONTRACT.check("HEAD", path, 200, blobHeaders("\"" + DIGEST + "\""), new byte[0]));
        assertThrows(AssertionError.class, () -> CONTRACT.check("HEAD", path, 200, blobHeaders(DIGEST), new byte[0]));
    }

    @Test
    void aPathIsMatchedAsTheRouterNormalizesIt() {
        // the router serves /%2e%2e/v2// as /v2/: a 200 there is getBase's, not an undocumented route's
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/json"),
                "Content-Length", List.of("2"), "Docker-Distribution-API-Version", List.of("registry/2.0"));

        assertDoesNotThrow(() -> CONTRACT.check("GET", "/%2e%2e/v2//", 200, headers, utf8("{}")));
    }

    private static Map<String, List<String>> blobHeaders(String etag) {
        return Map.of("Docker-Content-Digest", List.of(DIGEST), "Content-Length", List.of("5"),
                "Content-Type", List.of("application/octet-stream"), "Accept-Ranges", List.of("bytes"),
                "ETag", List.of(etag));
    }
}
