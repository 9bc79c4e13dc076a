package io.huruhuru.validation.layer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.Digest;
import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.Severity;
import io.huruhuru.validation.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stored form of {@link LayerFacts}: compact JSON with a format version, so a cache (the registry's
 * {@code layer_index}) can keep it per blob digest and a newer reader can refuse an older format.
 */
public final class LayerFactsCodec {

    /** Bumped whenever what a reader extracts from a layer changes, which invalidates cached facts. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private LayerFactsCodec() {
    }

    public static byte[] encode(LayerFacts facts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("digest", facts.digest().toString());
        root.put("compression", facts.compression());
        root.put("expandedBytes", facts.expandedBytes());
        facts.diffId().ifPresent(d -> root.put("diffId", d.toString()));
        ArrayNode entries = root.putArray("entries");
        for (LayerEntry e : facts.entries()) {
            ArrayNode row = entries.addArray();
            row.add(e.path()).add(e.type().name()).add(e.mode()).add(e.size());
            if (e.linkTarget() != null || e.elfHead() != null) {
                row.add(e.linkTarget());
            }
            if (e.elfHead() != null) {
                row.add(e.elfHead());
            }
        }
        ArrayNode problems = root.putArray("problems");
        for (Violation v : facts.problems()) {
            problems.addObject().put("rule", v.ruleId()).put("severity", v.severity().name()).put("where", v.where())
                    .put("message", v.message()).put("expected", v.expected()).put("found", v.found());
        }
        ArrayNode paths = root.putArray("capturePaths");
        facts.capturePaths().forEach(paths::add);
        ObjectNode captured = root.putObject("captured");
        facts.captured().forEach(captured::put);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode layer facts", e);
        }
    }

    /**
     * Decodes stored facts; empty if they are of another format or unreadable, a malformed digest included (then
     * the layer is read again).
     */
    public static Optional<LayerFacts> decode(byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || root.path("format").asInt() != FORMAT) {
                return Optional.empty();
            }
            List<LayerEntry> entries = new ArrayList<>();
            for (JsonNode row : root.path("entries")) {
                JsonNode link = row.get(4);
                JsonNode head = row.get(5);
                entries.add(new LayerEntry(row.get(0).asText(), EntryType.valueOf(row.get(1).asText()),
                        row.get(2).asInt(), row.get(3).asLong(), link == null || link.isNull() ? null : link.asText(),
                        head == null || head.isNull() ? null : head.binaryValue()));
            }
            List<Violation> problems = new ArrayList<>();
            for (JsonNode p : root.path("problems")) {
                RuleId rule = RuleId.byId(p.path("rule").asText()).orElse(null);
                if (rule == null) {
                    return Optional.empty();
                }
                problems.add(new Violation(rule, Severity.valueOf(p.path("severity").asText()), p.path("where").asText(),
                        p.path("message").asText(), p.path("expected").asText(), p.path("found").asText()));
            }
            TreeSet<String> paths = new TreeSet<>();
            root.path("capturePaths").forEach(p -> paths.add(p.asText()));
            TreeMap<String, byte[]> captured = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : root.path("captured").properties()) {
                captured.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText()));
            }
            JsonNode diffId = root.get("diffId");
            return Optional.of(new LayerFacts(Digest.parse(root.path("digest").asText()),
                    root.path("compression").asText(), root.path("expandedBytes").asLong(),
                    Optional.ofNullable(diffId).map(d -> Digest.parse(d.asText())), entries,
                    problems, paths, captured));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
