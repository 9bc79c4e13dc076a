package io.huruhuru.validation.koskit;

import java.util.Optional;

/**
 * The {@code com.koskit.*} image config labels koskit defines, with the spec file key each one corresponds to.
 */
public enum KoskitKey {
    NAME("com.koskit.app.name", "name", Kind.NAME, true),
    BINARY("com.koskit.app.binary.loopback", "binary", Kind.PATH, false),
    SPEC("com.koskit.app.spec", null, Kind.PATH, true),
    HEAP_PAGES("com.koskit.app.spec.heap_pages", "heap_pages", Kind.COUNT, true),
    UT_LARGE_PAGE("com.koskit.app.spec.ut_large_page", "ut_large_page", Kind.COUNT, true),
    UT_4K_PAGES("com.koskit.app.spec.ut_4k_pages", "ut_4k_pages", Kind.COUNT, true),
    PRIORITY("com.koskit.app.spec.priority", "priority", Kind.PRIORITY, true),
    MAX_PRIORITY("com.koskit.app.spec.max_priority", "max_priority", Kind.PRIORITY, true),
    PUBLISHES("com.koskit.app.spec.publishes", "publishes", Kind.PROTOCOLS, false);

    /** The prefix that makes a label (compared ignoring case) a koskit label. */
    public static final String PREFIX = "com.koskit.";

    /** The grammar a label value follows. */
    public enum Kind {
        /** {@code [a-z0-9]([a-z0-9._-]{0,62})}. */
        NAME,
        /** An absolute path inside the rootfs. */
        PATH,
        /** An unsigned decimal integer, 0 to 2^32-1. */
        COUNT,
        /** An unsigned decimal integer, 0 to 255 (seL4 priorities). */
        PRIORITY,
        /** A comma-separated list of protocol names. */
        PROTOCOLS
    }

    private final String label;
    private final String specKey;
    private final Kind kind;
    private final boolean required;

    KoskitKey(String label, String specKey, Kind kind, boolean required) {
        this.label = label;
        this.specKey = specKey;
        this.kind = kind;
        this.required = required;
    }

    public String label() {
        return label;
    }

    /** The key of this value in the spec file, if the spec file carries it. */
    public Optional<String> specKey() {
        return Optional.ofNullable(specKey);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether an image must have this label ({@link #BINARY} may be replaced by the ENTRYPOINT). */
    public boolean required() {
        return required;
    }

    public static Optional<KoskitKey> byLabel(String label) {
        for (KoskitKey key : values()) {
            if (key.label.equals(label)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code label} is in the koskit namespace, ignoring case (so a mis-cased key is caught as unknown). */
    public static boolean isKoskit(String label) {
        return label.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }
}
