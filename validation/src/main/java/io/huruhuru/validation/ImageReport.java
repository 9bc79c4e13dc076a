package io.huruhuru.validation;

import java.util.List;
import java.util.Optional;

/**
 * The result for one image manifest (the only one, or one platform of an index).
 *
 * @param koskit whether its config carries {@code com.koskit.*} labels (only then is it checked)
 * @param platform the index entry's platform ({@code linux/arm64}) when the image is part of an index
 * @param facts what was learnt, when the config could be read and the image is a koskit image
 */
public record ImageReport(String digest, Optional<String> platform, boolean koskit, Optional<ImageFacts> facts,
        List<Violation> violations) {

    public ImageReport {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.stream().noneMatch(v -> v.severity() == Severity.ERROR);
    }
}
