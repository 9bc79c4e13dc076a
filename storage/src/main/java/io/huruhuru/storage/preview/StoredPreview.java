package io.huruhuru.storage.preview;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * A kept report: its id, its kind, the manifests it is of, a short summary for lists and the report itself, both
 * opaque bytes.
 */
public record StoredPreview(PreviewId id, PreviewKind kind, List<PreviewSubject> subjects, byte[] summary,
        byte[] report) {

    public StoredPreview {
        if (id == null || kind == null || subjects == null || summary == null || report == null) {
            throw new NullPointerException("every part of a stored preview is required");
        }
        subjects = List.copyOf(new LinkedHashSet<>(subjects));
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a preview is of at least one manifest");
        }
    }
}
