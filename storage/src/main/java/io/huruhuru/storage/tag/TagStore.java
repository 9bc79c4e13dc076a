package io.huruhuru.storage.tag;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import java.util.List;
import java.util.Optional;

/** Tags of a repository, in lexical order. Tags are set through {@code ManifestStore.put}. */
public interface TagStore {

    /** The digest of the manifest that {@code tag} points at. */
    Optional<Digest> resolve(RepositoryName repository, Tag tag);

    /**
     * Up to {@code limit} tags of {@code repository} in lexical order, starting after {@code after} when it is present,
     * exactly as stored when the call starts or later. The list is never modified after it is returned and may be
     * returned again while the tags are unchanged, so a caller may memoize what it derives from it by its identity.
     */
    List<Tag> list(RepositoryName repository, Optional<Tag> after, int limit);

    /** Removes the tag only (not the manifest); returns false if the tag did not exist. */
    boolean delete(RepositoryName repository, Tag tag);
}
