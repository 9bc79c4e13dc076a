package io.huruhuru.server.http;

import io.huruhuru.oci.MediaType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The media types a request accepts. Clients such as skopeo, podman and docker send several {@code Accept} lines,
 * each possibly a comma-separated list; every one counts.
 */
public record AcceptHeader(Set<String> mediaTypes) {

    public static AcceptHeader of(List<String> lines) {
        Set<String> types = new LinkedHashSet<>();
        for (String line : lines) {
            for (String element : line.split(",")) {
                String type = MediaType.essence(element);
                if (!type.isEmpty()) {
                    types.add(type);
                }
            }
        }
        return new AcceptHeader(Set.copyOf(types));
    }

    /** Whether a response of {@code mediaType} is acceptable; no Accept header at all accepts everything. */
    public boolean accepts(String mediaType) {
        if (mediaTypes.isEmpty() || mediaTypes.contains("*/*")) {
            return true;
        }
        String type = mediaType.toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        return mediaTypes.contains(type) || slash > 0 && mediaTypes.contains(type.substring(0, slash) + "/*");
    }
}
