package io.huruhuru.server.v2;

import static io.huruhuru.server.OciErrors.assertError;
import static io.huruhuru.server.v2.ImageFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TagAndCatalogTest {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().unsigned();

    private void tag(String repository, String... tags) {
        byte[] manifest = utf8(ImageFixture.push(registry, repository, 1).ociManifest());
        for (String tag : tags) {
            assertEquals(201, registry.putManifest(repository, tag, "application/vnd.oci.image.manifest.v1+json", manifest).statusCode());
        }
    }

    @Test
    void tagsAreListedInLexicalOrder() {
        tag("repo", "v2", "latest", "v10", "V1");

        HttpResponse<byte[]> response = registry.get("/v2/repo/tags/list");

        assertEquals("{\"name\":\"repo\",\"tags\":[\"V1\",\"latest\",\"v10\",\"v2\"]}", RunningRegistry.text(response));
        assertTrue(response.headers().firstValue("Link").isEmpty());
    }

    @Test
    void tagPagesFollowNAndLastWithALinkToTheNextPage() {
        tag("repo", "a", "b", "c", "d", "e");

        HttpResponse<byte[]> first = registry.get("/v2/repo/tags/list?n=2");
        HttpResponse<byte[]> second = registry.get("/v2/repo/tags/list?n=2&last=b");
        HttpResponse<byte[]> lastPage = registry.get("/v2/repo/tags/list?n=2&last=d");

        assertEquals("{\"name\":\"repo\",\"tags\":[\"a\",\"b\"]}", RunningRegistry.text(first));
        assertEquals("</v2/repo/tags/list?n=2&last=b>; rel=\"next\"", first.headers().firstValue("Link").orElseThrow());
        assertEquals("{\"name\":\"repo\",\"tags\":[\"c\",\"d\"]}", RunningRegistry.text(second));
        assertEquals("{\"name\":\"repo\",\"tags\":[\"e\"]}", RunningRegistry.text(lastPage));
        assertTrue(lastPage.headers().firstValue("Link").isEmpty());
    }

    @Test
    void listsFollowPutsAndDeletesByTagAndByDigest() {
        tag("repo", "a", "c");
        byte[] other = utf8(ImageFixture.push(registry, "repo", 2).ociManifest());
        assertEquals("{\"name\":\"repo\",\"tags\":[\"a\",\"c\"]}", RunningRegistry.text(registry.get("/v2/repo/tags/list")));

        assertEquals(201, registry.putManifest("repo", "b", OCI_MANIFEST, other).statusCode());
        assertEquals(201, registry.putManifest("repo", "d", OCI_MANIFEST, other).statusCode());
        assertEquals("{\"name\":\"repo\",\"tags\":[\"a\",\"b\",\"c\",\"d\"]}",
                RunningRegistry.text(registry.get("/v2/repo/tags/list")));
        assertEquals("{\"name\":\"repo\",\"tags\":[\"b\"]}", RunningRegistry.text(registry.get("/v2/repo/tags/list?n=1&last=a")));

        assertEquals(202, delete("/v2/repo/manifests/a"));
        assertEquals("{\"name\":\"repo\",\"tags\":[\"b\",\"c\",\"d\"]}",
                RunningRegistry.text(registry.get("/v2/repo/tags/list")));

        assertEquals(202, delete("/v2/repo/manifests/" + RunningRegistry.sha256(other)));
        assertEquals("{\"name\":\"repo\",\"tags\":[\"c\"]}", RunningRegistry.text(registry.get("/v2/repo/tags/list")));
        assertEquals("{\"name\":\"repo\",\"tags\":[\"c\"]}", RunningRegistry.text(registry.get("/v2/repo/tags/list?n=5")));
    }

    private int delete(String path) {
        return registry.send(registry.request(path).DELETE().build()).statusCode();
    }

    @Test
    void nZeroGivesAnEmptyList() {
        tag("repo", "a");

        assertEquals("{\"name\":\"repo\",\"tags\":[]}", RunningRegistry.text(registry.get("/v2/repo/tags/list?n=0")));
    }

    @Test
    void tagsOfARepositoryDoNotIncludeThoseOfARepositoryNamedLikeIt() {
        tag("a", "one");
        tag("a/b", "two");
        tag("ab", "three");

        assertEquals("{\"name\":\"a\",\"tags\":[\"one\"]}", RunningRegistry.text(registry.get("/v2/a/tags/list")));
    }

    @Test
    void unknownRepositoryIsNameUnknown() {
        assertError(registry.get("/v2/nothing/tags/list"), 404, "NAME_UNKNOWN");
    }

    @Test
    void invalidPageSizeIsRefused() {
        tag("repo", "a");

        HttpResponse<byte[]> response = registry.get("/v2/repo/tags/list?n=-1");

        assertError(response, 400, "PAGINATION_NUMBER_INVALID");
    }

    @Test
    void catalogListsRepositoriesPaged() {
        for (String repository : List.of("zeta", "alpha/one", "alpha", "mid")) {
            tag(repository, "t");
        }

        HttpResponse<byte[]> all = registry.get("/v2/_catalog");
        HttpResponse<byte[]> first = registry.get("/v2/_catalog?n=3");
        HttpResponse<byte[]> next = registry.get("/v2/_catalog?n=3&last=mid");

        assertEquals("{\"repositories\":[\"alpha\",\"alpha/one\",\"mid\",\"zeta\"]}", RunningRegistry.text(all));
        assertEquals("{\"repositories\":[\"alpha\",\"alpha/one\",\"mid\"]}", RunningRegistry.text(first));
        assertEquals("</v2/_catalog?n=3&last=mid>; rel=\"next\"", first.headers().firstValue("Link").orElseThrow());
        assertEquals("{\"repositories\":[\"zeta\"]}", RunningRegistry.text(next));
    }

    @Test
    void catalogRefusesALastThatIsNotARepositoryName() {
        tag("repo", "a");

        assertError(registry.get("/v2/_catalog?last=%00"), 400, "NAME_INVALID");
        assertError(registry.get("/v2/_catalog?n=2&last=%00"), 400, "NAME_INVALID");
        assertError(registry.get("/v2/_catalog?n=2&last=Upper"), 400, "NAME_INVALID");
    }

    @Test
    void tagListRefusesALastThatIsNotATag() {
        tag("repo", "a");

        assertError(registry.get("/v2/repo/tags/list?last=%00"), 400, "TAG_INVALID");
        assertError(registry.get("/v2/repo/tags/list?n=2&last=%00"), 400, "TAG_INVALID");
        assertError(registry.get("/v2/repo/tags/list?n=2&last=.dot"), 400, "TAG_INVALID");
    }

    @Test
    void aLastThatIsValidButAbsentStartsAfterWhereItWouldSort() {
        tag("repo", "a", "c");

        assertEquals("{\"name\":\"repo\",\"tags\":[\"c\"]}", RunningRegistry.text(registry.get("/v2/repo/tags/list?n=5&last=b")));
        assertEquals("{\"repositories\":[\"repo\"]}", RunningRegistry.text(registry.get("/v2/_catalog?last=rep")));
    }
}
