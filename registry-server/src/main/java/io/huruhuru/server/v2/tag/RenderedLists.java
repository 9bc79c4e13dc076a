package io.huruhuru.server.v2.tag;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of recent whole tag lists, each kept with the list it was rendered from. The store returns the same,
 * never modified list object while a repository's tags are unchanged, so a body is reused only when the list just read
 * is that very object: a changed repository gives a new list and a new body. Bounded by the bytes kept, least recently
 * used first out.
 */
final class RenderedLists {

    private record Rendered(List<Tag> source, byte[] json) {
    }

    private final long maxBytes;
    private final LinkedHashMap<RepositoryName, Rendered> bodies = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    RenderedLists(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The body rendered from {@code source} itself, if it is kept. */
    Optional<byte[]> get(RepositoryName repository, List<Tag> source) {
        synchronized (bodies) {
            Rendered rendered = bodies.get(repository);
            return rendered != null && rendered.source() == source ? Optional.of(rendered.json()) : Optional.empty();
        }
    }

    /** Keeps {@code json}, rendered from {@code source}, in place of what {@code repository} had. */
    void put(RepositoryName repository, List<Tag> source, byte[] json) {
        if (json.length > maxBytes) {
            return;
        }
        synchronized (bodies) {
            Rendered old = bodies.put(repository, new Rendered(source, json));
            bytes += json.length - (old == null ? 0 : old.json().length);
            Iterator<Map.Entry<RepositoryName, Rendered>> eldest = bodies.entrySet().iterator();
            while (bytes > maxBytes) {
                bytes -= eldest.next().getValue().json().length;
                eldest.remove();
            }
        }
    }

    /** The bytes of all bodies kept; for tests of the bound. */
    long bytes() {
        synchronized (bodies) {
            return bytes;
        }
    }
}
