package io.huruhuru.server.metrics;

/** How a koskit validation ended, the {@code outcome} label of {@code huruhuru_validation_duration_seconds}. */
public enum ValidationOutcome {
    /** A koskit image that the checks accept (warnings allowed). */
    ACCEPTED,
    /** A koskit image that the checks reject. */
    REJECTED,
    /** Not a koskit image: nothing to check beyond the OCI model. */
    NOT_KOSKIT,
    /** The validation could not run to its end (a blob that cannot be read, say). */
    FAILED
}
