package io.huruhuru.storage.manifest;

import io.huruhuru.oci.Tag;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A manifest stored in the same atomic write as the manifest it accompanies (its signature or attestation), with the
 * blobs it references that the repository may not hold yet. A companion has no companions of its own.
 *
 * @param manifest the companion manifest; its referrer entry comes from its {@code subject}, as for any manifest
 * @param tag a tag pointed at the companion only if the repository has no such tag yet
 * @param blobs blobs the companion references, stored (unless stored already) and linked into the repository
 */
public record Companion(StoredManifest manifest, Optional<Tag> tag, List<SmallBlob> blobs) {

    public Companion {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(tag, "tag");
        blobs = List.copyOf(blobs);
    }
}
