package io.huruhuru.validation.koskit;

import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.Violation;
import io.huruhuru.validation.layer.EntryPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the koskit labels of an image config into an {@link AppSpec}, reporting every missing key, value of the
 * wrong type or range, grammar error and unknown key (with a "did you mean").
 */
public final class LabelChecker {

    /** App names: lower-case letters, digits, {@code . _ -}, starting with a letter or digit, at most 63. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** Protocol names: a lower-case letter, then lower-case letters, digits and {@code _}, at most 64. */
    public static final Pattern PROTOCOL = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    public static final long MAX_COUNT = 0xffff_ffffL;
    public static final int MAX_PRIORITY = 255;
    private static final int MAX_PATH = 4096;
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /** The labels' app spec and the violations found reading them. */
    public record Result(AppSpec spec, List<Violation> violations) {
        public Result {
            violations = List.copyOf(violations);
        }
    }

    private LabelChecker() {
    }

    /** Whether the labels make this a koskit image: any key starting with {@code com.koskit.} in any case. */
    public static boolean isKoskitImage(Map<String, String> labels) {
        return labels.keySet().stream().anyMatch(KoskitKey::isKoskit);
    }

    /**
     * Checks {@code labels}; {@code entrypoint} stands in for a missing binary label.
     */
    public static Result check(Map<String, String> labels, List<String> entrypoint) {
        List<Violation> out = new ArrayList<>();
        for (KoskitKey key : KoskitKey.values()) {
            if (key.required() && !labels.containsKey(key.label())) {
                out.add(RuleId.LABEL_REQUIRED.violation(key.label(), "the required label " + key.label()
                        + " is missing", expectation(key), Violation.ABSENT));
            }
        }
        Optional<String> name = text(labels, KoskitKey.NAME, out);
        Optional<String> binaryLabel = text(labels, KoskitKey.BINARY, out);
        boolean fromEntrypoint = binaryLabel.isEmpty() && !labels.containsKey(KoskitKey.BINARY.label());
        Optional<String> binary = binaryLabel;
        if (fromEntrypoint) {
            if (entrypoint.isEmpty() || entrypoint.get(0).isEmpty()) {
                out.add(RuleId.LABEL_REQUIRED.violation(KoskitKey.BINARY.label(), "the image names no binary: neither "
                        + KoskitKey.BINARY.label() + " nor an ENTRYPOINT is set", "a binary label or an ENTRYPOINT",
                        Violation.ABSENT));
            } else {
                binary = Optional.of(entrypoint.get(0));
            }
        }
        Optional<String> specPath = text(labels, KoskitKey.SPEC, out);
        OptionalLong heap = count(labels, KoskitKey.HEAP_PAGES, out);
        OptionalLong large = count(labels, KoskitKey.UT_LARGE_PAGE, out);
        OptionalLong small = count(labels, KoskitKey.UT_4K_PAGES, out);
        OptionalLong priority = count(labels, KoskitKey.PRIORITY, out);
        OptionalLong maxPriority = count(labels, KoskitKey.MAX_PRIORITY, out);
        if (priority.isPresent() && maxPriority.isPresent() && priority.getAsLong() > maxPriority.getAsLong()) {
            out.add(RuleId.LABEL_PRIORITY_ORDER.violation(KoskitKey.PRIORITY.label(), "the priority is above the "
                    + "maximum controlled priority", "at most " + maxPriority.getAsLong() + " ("
                    + KoskitKey.MAX_PRIORITY.label() + ")", Long.toString(priority.getAsLong())));
        }
        Optional<List<String>> publishes = protocols(labels, out);
        unknownKeys(labels, out);
        AppSpec spec = new AppSpec(name, binary, fromEntrypoint, specPath, heap, large, small, toInt(priority),
                toInt(maxPriority), publishes);
        return new Result(spec, out);
    }

    private static Optional<String> text(Map<String, String> labels, KoskitKey key, List<Violation> out) {
        String value = labels.get(key.label());
        if (value == null) {
            return Optional.empty();
        }
        boolean ok = switch (key.kind()) {
            case NAME -> NAME.matcher(value).matches();
            case PATH -> isRootfsPath(value);
            default -> throw new IllegalArgumentException(key + " is not a text label");
        };
        if (!ok) {
            out.add(RuleId.LABEL_FORMAT.violation(key.label(), "the label " + key.label()
                    + " does not follow its grammar", expectation(key), value));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** An absolute path that stays inside the rootfs, not the root itself, of at most 4096 bytes. */
    public static boolean isRootfsPath(String value) {
        if (!value.startsWith("/") || value.length() > MAX_PATH || value.indexOf('\0') >= 0) {
            return false;
        }
        EntryPath.Result normalised = EntryPath.normalise(value.substring(1));
        return normalised.ok() && !normalised.path().isEmpty();
    }

    private static OptionalLong count(Map<String, String> labels, KoskitKey key, List<Violation> out) {
        String value = labels.get(key.label());
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!DIGITS.matcher(value).matches()) {
            out.add(RuleId.LABEL_TYPE.violation(key.label(), "the label " + key.label()
                    + " is not an unsigned decimal integer", expectation(key), value));
            return OptionalLong.empty();
        }
        long max = key.kind() == KoskitKey.Kind.PRIORITY ? MAX_PRIORITY : MAX_COUNT;
        String digits = value.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > max) {
            out.add(RuleId.LABEL_RANGE.violation(key.label(), "the label " + key.label() + " is out of range",
                    expectation(key), value));
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    private static Optional<List<String>> protocols(Map<String, String> labels, List<Violation> out) {
        String value = labels.get(KoskitKey.PUBLISHES.label());
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            return Optional.of(List.of());
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (String item : value.split(",", -1)) {
            String protocol = item.strip();
            if (!PROTOCOL.matcher(protocol).matches()) {
                out.add(RuleId.LABEL_FORMAT.violation(KoskitKey.PUBLISHES.label(), "the protocol name '" + protocol
                        + "' does not follow the protocol grammar", expectation(KoskitKey.PUBLISHES), value));
                ok = false;
            } else if (!seen.add(protocol)) {
                out.add(RuleId.LABEL_DUPLICATE_PROTOCOL.violation(KoskitKey.PUBLISHES.label(), "the protocol "
                        + protocol + " is listed more than once", "each protocol once", value));
            } else {
                names.add(protocol);
            }
        }
        return ok ? Optional.of(List.copyOf(names)) : Optional.empty();
    }

    private static void unknownKeys(Map<String, String> labels, List<Violation> out) {
        for (String key : new TreeSet<>(labels.keySet())) {
            if (KoskitKey.isKoskit(key) && KoskitKey.byLabel(key).isEmpty()) {
                Optional<String> suggestion = key.length() > 256 ? Optional.empty() : Suggestions.closest(key);
                out.add(RuleId.LABEL_UNKNOWN.violation(key, "the label " + key + " is not a koskit key"
                        + suggestion.map(s -> "; did you mean " + s + "?").orElse(""),
                        suggestion.orElse("a koskit key"), key));
            }
        }
    }

    /** What a valid value of {@code key} looks like, as reports show it. */
    public static String expectation(KoskitKey key) {
        return switch (key.kind()) {
            case NAME -> "a name matching " + NAME.pattern();
            case PATH -> "an absolute path inside the rootfs";
            case COUNT -> "an unsigned decimal integer 0.." + MAX_COUNT;
            case PRIORITY -> "an unsigned decimal integer 0.." + MAX_PRIORITY;
            case PROTOCOLS -> "comma-separated protocol names matching " + PROTOCOL.pattern();
        };
    }

    private static OptionalInt toInt(OptionalLong value) {
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }
}
