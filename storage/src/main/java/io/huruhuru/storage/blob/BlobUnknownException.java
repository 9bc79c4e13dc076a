package io.huruhuru.storage.blob;

/** The blob is not stored, or not linked into the repository that asked for it. */
public class BlobUnknownException extends RuntimeException {

    public BlobUnknownException(String digest) {
        super("blob unknown: " + digest);
    }
}
