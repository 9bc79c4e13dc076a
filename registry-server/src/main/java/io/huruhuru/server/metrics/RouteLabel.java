package io.huruhuru.server.metrics;

import java.util.Locale;

/**
 * The route of a request as a metric label: a closed set, so that no path, repository, digest or tag ever becomes a
 * label value. Found from the path alone, the way {@code RegistryApi}'s patterns end a repository name at its last
 * {@code /blobs/}, {@code /manifests/}, {@code /tags/} or {@code /referrers/}.
 */
public enum RouteLabel {
    BASE,
    CATALOG,
    TAGS,
    MANIFEST,
    BLOB,
    BLOB_UPLOAD,
    REFERRERS,
    SEL4,
    OTHER;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The label value, e.g. {@code blob_upload}. */
    public String label() {
        return label;
    }

    /** Whether requests of this route push or pull image content, the only ones a repository label is kept for. */
    boolean movesImages() {
        return this == BLOB || this == BLOB_UPLOAD || this == MANIFEST;
    }

    /** The route that {@code path} (as requested, not decoded) belongs to. */
    public static RouteLabel of(String path) {
        if (path == null) {
            return OTHER;
        }
        if (path.startsWith("/sel4/")) {
            return SEL4;
        }
        if (!path.startsWith("/v2/")) {
            return OTHER;
        }
        if (path.equals("/v2/")) {
            return BASE;
        }
        if (path.equals("/v2/_catalog")) {
            return CATALOG;
        }
        if (path.endsWith("/tags/list")) {
            return TAGS;
        }
        int lastSlash = path.lastIndexOf('/');
        // the segment before the last one names the kind, except for uploads, whose last segment may be empty
        if (path.endsWith("/blobs/uploads/") || path.endsWith("/blobs/uploads")) {
            return BLOB_UPLOAD;
        }
        String head = path.substring(0, lastSlash);
        if (head.endsWith("/blobs/uploads")) {
            return BLOB_UPLOAD;
        }
        if (head.endsWith("/blobs")) {
            return BLOB;
        }
        if (head.endsWith("/manifests")) {
            return MANIFEST;
        }
        if (head.endsWith("/referrers")) {
            return REFERRERS;
        }
        return OTHER;
    }
}
