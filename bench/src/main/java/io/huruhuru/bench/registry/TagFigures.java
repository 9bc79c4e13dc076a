package io.huruhuru.bench.registry;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Tag figures: tagging one manifest many times, then listing the tags whole and page by page. */
final class TagFigures {

    private TagFigures() {
    }

    /** Tags the fixture manifest {@code count} times: once on push, then from {@code concurrency} connections. */
    static void putTags(URI url, String repository, int count, int concurrency) throws Exception {
        ImageFixture image = ImageFixture.small();
        try (RegistryClient client = new RegistryClient(url)) {
            image.push(client, repository, tag(0));
        }
        byte[] manifest = image.manifest();
        AtomicInteger next = new AtomicInteger(1);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Void>> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    try (RegistryClient client = new RegistryClient(url)) {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            client.putManifest(repository, tag(i), RegistryClient.OCI_MANIFEST, manifest);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                worker.get();
            }
            long elapsed = System.nanoTime() - start;
            Results.put("tags_per_s", (count - 1) / (elapsed / 1e9));
        } finally {
            pool.shutdownNow();
        }
    }

    static String tag(int i) {
        return String.format(Locale.ROOT, "t%05d", i);
    }

    /** Lists all tags whole, then walks them with page size {@code page}, each for about {@code seconds}. */
    static void listTags(URI url, String repository, int expected, int page, double seconds) throws Exception {
        String whole = "/v2/" + repository + "/tags/list";
        try (RegistryClient client = new RegistryClient(url)) {
            int listed = countTags(client.get(whole, List.of()).bodyText());
            if (listed != expected) {
                throw new IOException("GET " + whole + " listed " + listed + " tags, expected " + expected);
            }
            Results.put("full_per_s", rate(seconds, () -> client.get(whole, List.of())));
            int[] pages = new int[1];
            Results.put("paged_walks_per_s", rate(seconds, () -> pages[0] = walk(client, whole, page, expected)));
            Results.put("paged_pages", pages[0]);
        }
    }

    /** Follows the Link header from page to page; returns the number of pages. */
    private static int walk(RegistryClient client, String whole, int page, int expected) throws IOException {
        String target = whole + "?n=" + page;
        int pages = 0;
        int tags = 0;
        int maxPages = expected / page + 2;
        while (target != null) {
            if (++pages > maxPages) {
                throw new IOException("tag list did not end after " + maxPages + " pages of " + page);
            }
            HttpResponse response = client.get(target, List.of());
            tags += countTags(response.bodyText());
            target = nextPage(response.header("Link"));
        }
        if (tags != expected) {
            throw new IOException("paged tag list with n=" + page + " listed " + tags + " tags, expected " + expected);
        }
        return pages;
    }

    private static String nextPage(String link) {
        if (link == null || !link.contains("rel=\"next\"")) {
            return null;
        }
        URI uri = URI.create("http://registry/").resolve(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Counts the strings in the {@code tags} array; tag names cannot contain quotes, so no JSON parser is needed. */
    static int countTags(String json) {
        int key = json.indexOf("\"tags\"");
        if (key < 0) {
            return 0;
        }
        int open = json.indexOf('[', key);
        int close = json.indexOf(']', open);
        if (open < 0 || close < 0) {
            return 0;
        }
        int quotes = 0;
        for (int i = open; i < close; i++) {
            if (json.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes / 2;
    }

    private interface Action {
        void run() throws IOException;
    }

    /** Repeats {@code action} for about {@code seconds} (at least three times) and returns runs per second. */
    private static double rate(double seconds, Action action) throws IOException {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        int runs = 0;
        long elapsed;
        do {
            action.run();
            runs++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget || runs < 3);
        return runs / (elapsed / 1e9);
    }
}
