package io.huruhuru.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every path falls into one route of the closed set, repository names with route words in them included. */
class RouteLabelTest {

    @ParameterizedTest
    @CsvSource({
        "/v2/, BASE",
        "/v2/_catalog, CATALOG",
        "/v2/a/b/tags/list, TAGS",
        "/v2/a/manifests/latest, MANIFEST",
        "/v2/blobs/manifests/sha256:abc, MANIFEST",
        "/v2/a/blobs/sha256:abc, BLOB",
        "/v2/manifests/blobs/sha256:abc, BLOB",
        "/v2/a/blobs/uploads/, BLOB_UPLOAD",
        "/v2/a/blobs/uploads, BLOB_UPLOAD",
        "/v2/a/blobs/uploads/0f1e2d, BLOB_UPLOAD",
        "/v2/a/referrers/sha256:abc, REFERRERS",
        "/sel4/v1/validations, SEL4",
        "/sel4/v1/previews/abc/memory.svg, SEL4",
        "/metrics, OTHER",
        "/token, OTHER",
        "/v2, OTHER",
        "/v2/a/unknown/thing, OTHER",
        "'', OTHER",
        "/v2//, OTHER"
    })
    void eachPathHasTheRouteOfTheEndpointThatServesIt(String path, RouteLabel route) {
        assertEquals(route, RouteLabel.of(path));
    }

    @ParameterizedTest
    @CsvSource({"BLOB_UPLOAD, blob_upload", "REFERRERS, referrers", "OTHER, other"})
    void labelsAreTheLowerCaseNames(RouteLabel route, String label) {
        assertEquals(label, route.label());
    }
}
