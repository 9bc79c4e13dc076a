package io.huruhuru.storage.layer;

import io.huruhuru.oci.Digest;
import java.util.Optional;

/**
 * What a layer blob contains (its rootfs facts, as validation encodes them), kept per blob digest so that a layer is
 * read once however often it is pushed. The store keeps the bytes opaque.
 */
public interface LayerIndexStore {

    /** The facts stored for the layer blob {@code digest}, if any. */
    Optional<byte[]> get(Digest digest);

    /** Stores {@code facts} for the layer blob {@code digest}, replacing what was there. */
    void put(Digest digest, byte[] facts);
}
