package io.huruhuru.storage.blob;

import java.time.Instant;

/**
 * A stored blob: its digest ({@code algorithm:hex}, e.g. {@code sha256:...}), its size in bytes and when it was first committed.
 */
public record BlobInfo(String digest, long size, Instant created) {
}
