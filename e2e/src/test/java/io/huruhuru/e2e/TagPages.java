package io.huruhuru.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.e2e.image.Jq;
import io.huruhuru.e2e.registry.RegistryHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a tag list page by page, following the RFC 5988 {@code Link: <...>; rel="next"} header as clients do. */
final class TagPages {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_PAGES = 1_000;

    private TagPages() {
    }

    static List<String> collect(RegistryHttp http, String repository, int pageSize) {
        List<String> tags = new ArrayList<>();
        String path = "/v2/" + repository + "/tags/list?n=" + pageSize;
        for (int page = 0; path != null; page++) {
            assertTrue(page < MAX_PAGES, "the Link header never ends");
            HttpResponse<byte[]> response = http.get(path);
            String requested = path;
            assertEquals(200, response.statusCode(),
                    () -> "GET " + requested + ": " + RegistryAssertions.describe(response));
            List<String> pageTags = Jq.lines(response.body(), ".tags // [] | .[]");
            assertTrue(pageTags.size() <= pageSize, () -> "page larger than n: " + pageTags);
            tags.addAll(pageTags);
            path = response.headers().firstValue("Link").map(TagPages::next).orElse(null);
        }
        return tags;
    }

    private static String next(String link) {
        Matcher matcher = NEXT.matcher(link);
        if (!matcher.find()) {
            throw new AssertionError("Link header without rel=\"next\": " + link);
        }
        String target = matcher.group(1);
        // The spec's example is a path; an absolute URL is allowed too, and only its path and query matter here.
        int afterScheme = target.indexOf("://");
        return afterScheme < 0 ? target : target.substring(target.indexOf('/', afterScheme + 3));
    }
}
