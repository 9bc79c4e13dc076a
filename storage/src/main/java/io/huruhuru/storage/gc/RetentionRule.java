package io.huruhuru.storage.gc;

import io.huruhuru.oci.RepositoryName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A retention rule; the first rule whose predicate matches a repository applies. */
public record RetentionRule(String name, Predicate<RepositoryName> repositories, List<Pattern> keepTags,
        OptionalInt keepLast, Optional<Duration> keepPushedOrPulledWithin, Optional<Duration> deleteUntaggedAfter,
        boolean referrersFollowSubject) {
}
