package io.huruhuru.validation;

import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.Tag;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A source that can also find the other manifests kept beside an image, such as its signatures: a manifest by tag,
 * and the manifests whose {@code subject} is a given manifest (distribution-spec referrers).
 */
public interface ArtifactLookup {

    /** The manifest tagged {@code tag}, or empty if there is none. */
    Optional<RawManifest> taggedManifest(Tag tag) throws IOException;

    /**
     * The manifests whose subject is {@code subject} and whose artifact type is {@code artifactType}; empty where the
     * source cannot tell (a registry without the referrers API).
     */
    List<Descriptor> referrers(Digest subject, String artifactType) throws IOException;
}
