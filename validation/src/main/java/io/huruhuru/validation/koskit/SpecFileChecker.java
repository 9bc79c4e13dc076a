package io.huruhuru.validation.koskit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Checks the spec file against the labels: it must be a JSON object whose keys are the label names without the
 * {@code com.koskit.app.spec.} prefix, plus {@code name} and {@code binary}; every disagreement names both values.
 */
public final class SpecFileChecker {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SpecFileChecker() {
    }

    /**
     * @param specPath the spec file's path, for {@code where}
     * @param binary the binary path the image uses (the label, else the ENTRYPOINT), compared with {@code binary}
     */
    public static List<Violation> check(byte[] content, String specPath, AppSpec spec, Optional<String> binary) {
        List<Violation> out = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            out.add(RuleId.SPEC_INVALID_JSON.violation(specPath, "the spec file is not valid JSON: "
                    + firstLine(e.getMessage()), "a JSON object", "invalid JSON"));
            return out;
        }
        if (root == null || !root.isObject()) {
            out.add(RuleId.SPEC_INVALID_JSON.violation(specPath, "the spec file is not a JSON object", "a JSON object",
                    root == null ? "empty file" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
            return out;
        }
        TreeSet<String> known = new TreeSet<>();
        for (KoskitKey key : KoskitKey.values()) {
            key.specKey().ifPresent(known::add);
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!known.contains(field.getKey())) {
                out.add(RuleId.SPEC_UNKNOWN_KEY.violation(specPath + "#/" + field.getKey(), "the spec file key "
                        + field.getKey() + " is not one koskit defines", "one of " + String.join(", ", known),
                        field.getKey()));
            }
        }
        compareText(root, KoskitKey.NAME, spec.name(), specPath, out);
        compareText(root, KoskitKey.BINARY, binary, specPath, out);
        compareCount(root, KoskitKey.HEAP_PAGES, spec.heapPages(), specPath, out);
        compareCount(root, KoskitKey.UT_LARGE_PAGE, spec.utLargePage(), specPath, out);
        compareCount(root, KoskitKey.UT_4K_PAGES, spec.ut4kPages(), specPath, out);
        compareCount(root, KoskitKey.PRIORITY, toLong(spec.priority()), specPath, out);
        compareCount(root, KoskitKey.MAX_PRIORITY, toLong(spec.maxPriority()), specPath, out);
        comparePublishes(root, spec.publishes(), specPath, out);
        return out;
    }

    private static void compareText(JsonNode root, KoskitKey key, Optional<String> label, String specPath,
            List<Violation> out) {
        String specKey = key.specKey().orElseThrow();
        JsonNode node = root.get(specKey);
        if (node != null && !node.isTextual()) {
            out.add(typeError(specPath, specKey, "a string", node));
            return;
        }
        if (label.isEmpty()) {
            return; // a missing or invalid label is reported by the label checks
        }
        String found = node == null ? Violation.ABSENT : node.asText();
        if (!label.get().equals(found)) {
            out.add(mismatch(key, specPath, specKey, label.get(), found));
        }
    }

    private static void compareCount(JsonNode root, KoskitKey key, OptionalLong label, String specPath,
            List<Violation> out) {
        String specKey = key.specKey().orElseThrow();
        JsonNode node = root.get(specKey);
        long max = key.kind() == KoskitKey.Kind.PRIORITY ? LabelChecker.MAX_PRIORITY : LabelChecker.MAX_COUNT;
        if (node != null && (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0
                || node.asLong() > max)) {
            out.add(typeError(specPath, specKey, "an integer 0.." + max, node));
            return;
        }
        if (label.isEmpty()) {
            return;
        }
        String found = node == null ? Violation.ABSENT : node.asText();
        if (node == null || node.asLong() != label.getAsLong()) {
            out.add(mismatch(key, specPath, specKey, Long.toString(label.getAsLong()), found));
        }
    }

    private static void comparePublishes(JsonNode root, Optional<List<String>> label, String specPath,
            List<Violation> out) {
        JsonNode node = root.get("publishes");
        List<String> found = new ArrayList<>();
        if (node != null) {
            if (!node.isArray()) {
                out.add(typeError(specPath, "publishes", "an array of protocol names", node));
                return;
            }
            for (JsonNode item : node) {
                if (!item.isTextual() || !LabelChecker.PROTOCOL.matcher(item.asText()).matches()) {
                    out.add(typeError(specPath, "publishes", "an array of protocol names", item));
                    return;
                }
                found.add(item.asText());
            }
        }
        // An absent label is an empty list; an invalid one is reported by the label checks.
        if (label.isEmpty() && root.has("publishes") && !found.isEmpty()) {
            out.add(mismatch(KoskitKey.PUBLISHES, specPath, "publishes", Violation.ABSENT, String.join(",", found)));
            return;
        }
        List<String> expected = label.orElse(List.of());
        if (!new TreeSet<>(expected).equals(new TreeSet<>(found)) && (node != null || !expected.isEmpty())) {
            out.add(mismatch(KoskitKey.PUBLISHES, specPath, "publishes", String.join(",", expected),
                    node == null ? Violation.ABSENT : String.join(",", found)));
        }
    }

    private static Violation mismatch(KoskitKey key, String specPath, String specKey, String label, String spec) {
        return RuleId.SPEC_MISMATCH.violation(key.label(), "the spec file " + specPath + " says " + specKey + " = "
                + spec + " but the label " + key.label() + " says " + label, label, spec);
    }

    private static Violation typeError(String specPath, String specKey, String expected, JsonNode found) {
        return RuleId.SPEC_TYPE.violation(specPath + "#/" + specKey, "the spec file value of " + specKey
                + " has the wrong type or range", expected, found.toString());
    }

    private static OptionalLong toLong(OptionalInt value) {
        return value.isPresent() ? OptionalLong.of(value.getAsInt()) : OptionalLong.empty();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
