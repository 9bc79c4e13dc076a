package io.huruhuru.server.metrics;

/** How a boot preview ended, the {@code outcome} label of {@code huruhuru_preview_duration_seconds}. */
public enum PreviewOutcome {
    /** The model booted it (for a gated push: the push may go on). */
    BOOTED,
    /** The model ran and it did not boot, or a step before the boot refused it (for a gated push: refused). */
    FAILED,
    /** Answered from a kept report: the model did not run. */
    KEPT,
    /** The preview could not run to its end (an image not stored, a blob that cannot be read, a bad compose file). */
    ERROR
}
