package io.huruhuru.sel4.system;

import io.huruhuru.sel4.app.ApplicationDescription;

/** An image resolved for a service: what boots, or why it cannot (the system report names the step). */
public sealed interface ServiceImage {

    /** The image boots as this application. */
    record Bootable(ApplicationDescription application) implements ServiceImage {
        public Bootable {
            java.util.Objects.requireNonNull(application, "application");
        }
    }

    /** The image cannot boot: {@code step} is where it stops (e.g. "platform", "elf"), {@code reason} says why. */
    record NotBootable(String step, String reason) implements ServiceImage {
        public NotBootable {
            if (step == null || step.isBlank() || reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a NotBootable image names its step and reason");
            }
        }
    }
}
