package io.huruhuru.validation;

import io.huruhuru.validation.budget.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating a manifest: every violation (not only the first) and the facts gathered, per image.
 * It holds no time stamps: the same input gives the same report.
 *
 * @param koskit whether any image carries koskit labels; a report that is not koskit never rejects
 * @param mode the applied policy's mode, {@code enforce} when no policy rule applies
 * @param violations violations of the manifest itself (invalid manifest, index nesting); image ones are in
 *     {@link #images()}
 */
public record ValidationReport(String repository, String digest, String mediaType, boolean koskit, Mode mode,
        Optional<AppliedPolicy> policy, List<ImageReport> images, List<Violation> violations) {

    public ValidationReport {
        images = List.copyOf(images);
        violations = List.copyOf(violations);
    }

    /** Every violation: the manifest's own, then each image's in order. */
    public List<Violation> allViolations() {
        List<Violation> all = new ArrayList<>(violations);
        images.forEach(i -> all.addAll(i.violations()));
        return all;
    }

    /** No violation of severity error anywhere (for an index: every platform image passes). */
    public boolean passed() {
        return allViolations().stream().noneMatch(v -> v.severity() == Severity.ERROR);
    }

    /** Whether a registry must refuse the push: a koskit image that fails in {@code enforce} mode. */
    public boolean rejects() {
        return koskit && mode == Mode.ENFORCE && !passed();
    }

    public long errorCount() {
        return allViolations().stream().filter(v -> v.severity() == Severity.ERROR).count();
    }

    public long warningCount() {
        return allViolations().stream().filter(v -> v.severity() == Severity.WARNING).count();
    }
}
