package io.huruhuru.storage.blob;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import java.util.Optional;

/** Content-addressed blobs and their links into repositories. */
public interface BlobStore {

    /** The blob if it is stored anywhere in the registry. */
    Optional<BlobInfo> stat(Digest digest);

    /** The blob if it is stored and linked into {@code repository}. */
    Optional<BlobInfo> stat(RepositoryName repository, Digest digest);

    /**
     * Opens {@code length} bytes of the blob from {@code offset}; the caller has checked the range against the size.
     *
     * @throws BlobUnknownException if the blob is not stored
     */
    BlobContent open(Digest digest, long offset, long length);

    /**
     * Makes a stored blob visible in {@code repository} (a cross-repository mount); creates the repository if needed.
     *
     * @throws BlobUnknownException if the blob is not stored
     */
    void link(RepositoryName repository, Digest digest);

    /** Removes the blob's link from {@code repository}; returns false if it was not linked. */
    boolean unlink(RepositoryName repository, Digest digest);
}
