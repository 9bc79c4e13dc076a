package io.huruhuru.validation.application;

import io.huruhuru.oci.Digest;
import io.huruhuru.sel4.app.ApplicationDescription;
import java.util.List;
import java.util.Objects;

/** What an image is on a board: the application the root server boots, or the step that stops it and why. */
public sealed interface ImageApplication {

    /**
     * @param manifest the image manifest used (the index's child when an index was given)
     * @param notes what a person may want to know about the mapping, e.g. which child of an index was picked
     */
    record Bootable(Digest manifest, ApplicationDescription application, List<String> notes)
            implements ImageApplication {
        public Bootable {
            Objects.requireNonNull(manifest, "manifest");
            Objects.requireNonNull(application, "application");
            notes = List.copyOf(notes);
        }
    }

    /** {@code step} names where the mapping stopped (platform, config, labels, binary, elf, memory). */
    record NotBootable(String step, String reason) implements ImageApplication {
        public NotBootable {
            if (step == null || step.isBlank() || reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a NotBootable image names its step and reason");
            }
        }
    }
}
