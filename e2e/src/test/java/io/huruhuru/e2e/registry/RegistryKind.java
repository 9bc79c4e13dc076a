package io.huruhuru.e2e.registry;

import java.util.Locale;

/**
 * Which registry the suite runs against: ours, or CNCF Distribution 2.8 as the reference that real clients were
 * traced against.
 *
 * <p>The flags name the places where the distribution-spec v1.1 allows or asks for more than Distribution 2.8 does,
 * so that the suite states each difference once instead of skipping checks silently.
 */
public enum RegistryKind {

    HURUHURU(true, true, true),
    /** Distribution 2.8.2 answers a DELETE by tag with 400 DIGEST_INVALID, and lists tags unordered, unpaged. */
    REFERENCE(false, false, false);

    /** System property that picks the registry; the default is ours. */
    public static final String PROPERTY = "e2e.registry";

    private final boolean deletesTags;
    private final boolean ordersAndPagesTags;
    private final boolean signsPushes;

    RegistryKind(boolean deletesTags, boolean ordersAndPagesTags, boolean signsPushes) {
        this.deletesTags = deletesTags;
        this.ordersAndPagesTags = ordersAndPagesTags;
        this.signsPushes = signsPushes;
    }

    public static RegistryKind fromSystemProperties() {
        String value = System.getProperty(PROPERTY, "huruhuru").trim();
        try {
            return value.isEmpty() ? HURUHURU : valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be huruhuru or reference, not " + value, e);
        }
    }

    /** Whether {@code DELETE /v2/<name>/manifests/<tag>} removes the tag alone (spec v1.1, 202). */
    public boolean deletesTags() {
        return deletesTags;
    }

    /**
     * Whether the registry signs what it accepts, tagging the signature {@code sha256-<hex>.sig} (and a koskit
     * image's attestation {@code .att}) as cosign names them, so that they show in tag lists.
     */
    public boolean signsPushes() {
        return signsPushes;
    }

    /** Whether the tag list comes in lexical order and honours {@code n} with a {@code Link} to the next page. */
    public boolean ordersAndPagesTags() {
        return ordersAndPagesTags;
    }
}
