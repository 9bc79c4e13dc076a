package io.huruhuru.storage.preview;

import io.huruhuru.oci.Digest;

/** One line of a repository's list of kept reports: which report, of what kind, of which manifest, its summary. */
public record ListedPreview(PreviewId id, PreviewKind kind, Digest manifest, byte[] summary) {
}
