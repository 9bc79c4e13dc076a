package io.huruhuru.storage.referrer;

import java.util.List;

/** The referrers of each manifest, kept by {@code ManifestStore.put} and {@code delete}. */
public interface ReferrerStore {

    /** Every referrer of {@code subject} in {@code repository}, in digest order; empty for an unknown subject. */
    List<Referrer> list(String repository, String subject);
}
