package io.huruhuru.storage.referrer;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import java.util.List;

/** The referrers of each manifest, derived by {@code ManifestStore.put} from a manifest's subject. */
public interface ReferrerStore {

    /** Every referrer of {@code subject} in {@code repository}, in digest order; empty for an unknown subject. */
    List<Referrer> list(RepositoryName repository, Digest subject);
}
