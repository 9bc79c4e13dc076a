package io.huruhuru.server.metrics;

import io.huruhuru.oci.MediaType;
import java.util.Locale;
import java.util.Set;

/** A pushed manifest's media type as a label: the manifest types the registry takes, anything else {@code other}. */
final class ManifestMediaType {

    private static final Set<String> ALLOWED = Set.of(MediaType.OCI_MANIFEST, MediaType.OCI_INDEX,
            MediaType.DOCKER_MANIFEST, MediaType.DOCKER_MANIFEST_LIST);

    static final String OTHER = "other";

    private ManifestMediaType() {
    }

    /** The label of a request's {@code Content-Type}: its media type without parameters, if allowed. */
    static String label(String contentType) {
        if (contentType == null) {
            return OTHER;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return ALLOWED.contains(type) ? type : OTHER;
    }
}
