package io.huruhuru.server.metrics;

import io.huruhuru.oci.RepositoryName;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The opt-in {@code repository} label of the push and pull byte counters and of manifest pushes, bounded: the first
 * {@code top} repositories that a push or pull succeeded for since start get their own name, every other one is
 * {@value #OTHER}. A name once given is never taken back, so a series never changes meaning; no other request
 * (a failure, a refusal, a name that does not parse) can take a place.
 */
final class RepositoryLabel {

    static final String OTHER = "other";
    private static final String V2 = "/v2/";
    private static final String[] PARTS = {"/blobs/", "/manifests/"};

    private final int top;
    private final Set<String> named = ConcurrentHashMap.newKeySet();
    private final Object admitting = new Object();

    /** @param top how many repositories get their name; 0 turns the label off */
    RepositoryLabel(int top) {
        if (top < 0) {
            throw new IllegalArgumentException("the repository label's top must not be negative: " + top);
        }
        this.top = top;
    }

    boolean enabled() {
        return top > 0;
    }

    /** The label of the request to {@code path}; a repository gets a place only when {@code succeeded}. */
    String of(String path, boolean succeeded) {
        Optional<String> repository = repository(path);
        if (repository.isEmpty()) {
            return OTHER;
        }
        String name = repository.get();
        if (named.contains(name)) {
            return name;
        }
        if (!succeeded) {
            return OTHER;
        }
        synchronized (admitting) {
            if (named.size() < top) {
                named.add(name);
                return name;
            }
        }
        return named.contains(name) ? name : OTHER;
    }

    /** The repository of a {@code /v2/<name>/blobs/...} or {@code /v2/<name>/manifests/...} path, if it parses. */
    static Optional<String> repository(String path) {
        if (path == null || !path.startsWith(V2)) {
            return Optional.empty();
        }
        int end = -1;
        for (String part : PARTS) {
            int at = path.lastIndexOf(part);
            end = Math.max(end, at);
        }
        if (end <= V2.length()) {
            return Optional.empty();
        }
        String name = path.substring(V2.length(), end);
        return RepositoryName.isValid(name) ? Optional.of(name) : Optional.empty();
    }
}
