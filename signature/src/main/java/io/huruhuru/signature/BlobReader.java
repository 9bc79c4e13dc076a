package io.huruhuru.signature;

import io.huruhuru.oci.Digest;
import java.io.IOException;

/** Reads the blobs a signature or attestation manifest names: from a registry, a layout, a store. */
@FunctionalInterface
public interface BlobReader {

    /**
     * The whole blob {@code digest}.
     *
     * @throws IOException if it is missing, unreadable or larger than {@code maxBytes}
     */
    byte[] read(Digest digest, int maxBytes) throws IOException;
}
