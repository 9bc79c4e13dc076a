package io.huruhuru.storage.blob;

import io.huruhuru.oci.Digest;
import java.time.Instant;

/** A stored blob: its digest, its size in bytes and when it was first committed. */
public record BlobInfo(Digest digest, long size, Instant created) {
}
