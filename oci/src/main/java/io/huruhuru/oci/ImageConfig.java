package io.huruhuru.oci;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an image config (OCI {@code application/vnd.oci.image.config.v1+json} or Docker
 * {@code application/vnd.docker.container.image.v1+json}, which share this layout) that validation uses.
 *
 * @param architecture OCI architecture name ({@code arm64}, {@code amd64})
 * @param labels {@code config.Labels} in document order
 * @param entrypoint {@code config.Entrypoint}, empty when unset
 * @param workingDir {@code config.WorkingDir}, empty when unset
 * @param diffIds {@code rootfs.diff_ids}: the uncompressed digest of each layer, in order
 */
public record ImageConfig(
        String architecture, String os, Optional<String> variant, Map<String, String> labels, List<String> env,
        List<String> entrypoint, List<String> cmd, String workingDir, String user, List<Digest> diffIds,
        List<History> history) {

    /** One {@code history} entry; {@code emptyLayer} entries have no layer of their own. */
    public record History(Optional<String> created, Optional<String> createdBy, Optional<String> comment,
            boolean emptyLayer) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public ImageConfig {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        diffIds = List.copyOf(diffIds);
        history = List.copyOf(history);
    }

    /**
     * Parses a config body; fields it does not know are ignored, and {@code null} stands for an absent field.
     *
     * @throws ImageConfigInvalidException if the body is not a JSON object or a known field has the wrong type
     */
    public static ImageConfig parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImageConfigInvalidException("image config is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ImageConfigInvalidException("image config cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ImageConfigInvalidException("image config is not a JSON object");
        }
        JsonNode config = object(root, "config");
        JsonNode rootfs = object(root, "rootfs");
        List<Digest> diffIds = new ArrayList<>();
        for (String text : strings(rootfs, "diff_ids", "rootfs.diff_ids")) {
            try {
                diffIds.add(Digest.parse(text));
            } catch (InvalidDigestException e) {
                throw new ImageConfigInvalidException("rootfs.diff_ids: " + e.getMessage(), e);
            }
        }
        List<History> history = new ArrayList<>();
        JsonNode historyNode = root.get("history");
        if (historyNode != null && !historyNode.isNull()) {
            if (!historyNode.isArray()) {
                throw new ImageConfigInvalidException("history must be an array");
            }
            for (JsonNode h : historyNode) {
                if (!h.isObject()) {
                    throw new ImageConfigInvalidException("history entries must be objects");
                }
                JsonNode empty = h.get("empty_layer");
                history.add(new History(optionalText(h, "created"), optionalText(h, "created_by"),
                        optionalText(h, "comment"), empty != null && empty.asBoolean(false)));
            }
        }
        return new ImageConfig(text(root, "architecture", "architecture"), text(root, "os", "os"),
                optionalText(root, "variant"), labels(config), strings(config, "Env", "config.Env"),
                strings(config, "Entrypoint", "config.Entrypoint"), strings(config, "Cmd", "config.Cmd"),
                text(config, "WorkingDir", "config.WorkingDir"), text(config, "User", "config.User"), diffIds, history);
    }

    /** The value of {@code PATH} in {@link #env()}, if set. */
    public Optional<String> path() {
        for (String entry : env) {
            if (entry.startsWith("PATH=")) {
                return Optional.of(entry.substring(5));
            }
        }
        return Optional.empty();
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return JSON.createObjectNode();
        }
        if (!node.isObject()) {
            throw new ImageConfigInvalidException(field + " must be an object");
        }
        return node;
    }

    private static Map<String, String> labels(JsonNode config) {
        JsonNode node = config.get("Labels");
        Map<String, String> labels = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return labels;
        }
        if (!node.isObject()) {
            throw new ImageConfigInvalidException("config.Labels must be an object");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new ImageConfigInvalidException("config.Labels." + e.getKey() + " must be a string");
            }
            labels.put(e.getKey(), e.getValue().asText());
        }
        return labels;
    }

    private static List<String> strings(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new ImageConfigInvalidException(where + " must be an array of strings");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new ImageConfigInvalidException(where + " must be an array of strings");
            }
            values.add(item.asText());
        }
        return values;
    }

    private static String text(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw new ImageConfigInvalidException(where + " must be a string");
        }
        return node.asText();
    }

    private static Optional<String> optionalText(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || !node.isTextual() ? Optional.empty() : Optional.of(node.asText());
    }
}
