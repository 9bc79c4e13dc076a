package io.huruhuru.server.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The body of {@code POST /sel4/v1/previews}, parsed once: {@code {"image": "NAME:TAG"|"NAME@DIGEST", "platform":
 * P, "args": [...]?, "env": {...}?}}. Anything else (unknown fields, wrong types, too many entries) is
 * {@code PREVIEW_INVALID}, so that a misspelt field cannot silently not apply.
 */
public record PreviewRequest(String image, String platform, PreviewProcess process) {

    /** The largest body taken: far more than any sensible argument list needs. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_ENTRIES = 256;
    private static final Set<String> FIELDS = Set.of("image", "platform", "args", "env");
    // a field given twice is refused, not silently the last one
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build());
    }

    /** @throws RegistryException {@code PREVIEW_INVALID} saying what is wrong with the body */
    public static PreviewRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("the body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("the body must be a JSON object with image and platform");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid("unknown field " + name + "; the fields are image, platform, args and env");
            }
        }
        String image = text(root, "image");
        String platform = text(root, "platform");
        Optional<List<String>> args = Optional.empty();
        JsonNode argsNode = root.get("args");
        if (argsNode != null && !argsNode.isNull()) {
            if (!argsNode.isArray() || argsNode.size() > MAX_ENTRIES) {
                throw invalid("args must be an array of at most " + MAX_ENTRIES + " strings");
            }
            List<String> list = new ArrayList<>();
            for (JsonNode arg : argsNode) {
                if (!arg.isTextual()) {
                    throw invalid("args must be an array of strings");
                }
                list.add(arg.asText());
            }
            args = Optional.of(list);
        }
        TreeMap<String, String> env = new TreeMap<>();
        JsonNode envNode = root.get("env");
        if (envNode != null && !envNode.isNull()) {
            if (!envNode.isObject() || envNode.size() > MAX_ENTRIES) {
                throw invalid("env must be an object of at most " + MAX_ENTRIES + " string values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = envNode.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> variable = fields.next();
                if (!variable.getValue().isTextual() || variable.getKey().isEmpty()
                        || variable.getKey().contains("=")) {
                    throw invalid("env." + variable.getKey() + ": a variable has a name without '=' and a string "
                            + "value");
                }
                env.put(variable.getKey(), variable.getValue().asText());
            }
        }
        return new PreviewRequest(image, platform, new PreviewProcess(args, env));
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw invalid(field + " is required, a string");
        }
        return node.asText();
    }

    private static RegistryException invalid(String why) {
        return RegistryException.withMessage(ErrorCode.PREVIEW_INVALID, "preview request invalid: " + why, why);
    }
}
