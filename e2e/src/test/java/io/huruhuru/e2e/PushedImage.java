package io.huruhuru.e2e;

import java.util.Objects;

/** An image reference the suite pushed, with the manifest digest it must keep across a restart. */
record PushedImage(String repository, String tag, String digest, String mediaType) {

    PushedImage {
        Objects.requireNonNull(repository);
        Objects.requireNonNull(tag);
        if (!digest.startsWith("sha256:")) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
    }

    /** {@code repository:tag} on the given registry host, as clients take it. */
    String on(String host) {
        return host + "/" + repository + ":" + tag;
    }

    /** {@code repository@digest} on the given registry host. */
    String byDigestOn(String host) {
        return host + "/" + repository + "@" + digest;
    }
}
