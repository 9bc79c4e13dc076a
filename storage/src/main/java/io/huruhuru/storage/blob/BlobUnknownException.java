package io.huruhuru.storage.blob;

import io.huruhuru.oci.Digest;

/** The blob is not stored, or not linked into the repository that asked for it. */
public class BlobUnknownException extends RuntimeException {

    private final Digest digest;

    public BlobUnknownException(Digest digest) {
        super("blob unknown: " + digest);
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
