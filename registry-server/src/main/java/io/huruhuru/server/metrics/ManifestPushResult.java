package io.huruhuru.server.metrics;

import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.storage.quota.QuotaExceededException;
import java.util.Locale;
import java.util.Optional;

/** The outcome of a manifest push, the {@code result} label of {@code huruhuru_manifest_pushes_total}. */
enum ManifestPushResult {
    STORED,
    REFUSED_BY_VALIDATION,
    REFUSED_BY_QUOTA,
    INVALID,
    FAILED;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The result of a {@code PUT} of a manifest that ended with {@code status}; none for a request refused before
     * it reached the push (authentication, access rules, rate limits), which is no push.
     */
    static Optional<ManifestPushResult> of(int status, Throwable failure) {
        if (status == 201) {
            return Optional.of(STORED);
        }
        if (failure instanceof QuotaExceededException) {
            return Optional.of(REFUSED_BY_QUOTA);
        }
        if (failure instanceof RegistryException refused && refused.validationRefusal()) {
            return Optional.of(REFUSED_BY_VALIDATION);
        }
        if (status == ErrorCode.UNAUTHORIZED.status() || status == ErrorCode.DENIED.status()
                || status == ErrorCode.TOOMANYREQUESTS.status()) {
            return Optional.empty();
        }
        return Optional.of(status >= 500 ? FAILED : INVALID);
    }
}
