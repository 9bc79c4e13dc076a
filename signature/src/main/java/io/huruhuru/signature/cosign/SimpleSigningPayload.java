package io.huruhuru.signature.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.InvalidDigestException;
import io.huruhuru.signature.CanonicalJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload cosign signs for an image (Red Hat's "simple signing" format as cosign uses it):
 * {@code {"critical":{"identity":{"docker-reference":...},"image":{"docker-manifest-digest":...},"type":"cosign
 * container image signature"},"optional":{...}}}.
 *
 * @param optional the {@code optional} members whose values are strings (others are not kept)
 */
public record SimpleSigningPayload(String dockerReference, Digest manifestDigest, Map<String, String> optional) {

    public static final String TYPE = "cosign container image signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    public SimpleSigningPayload {
        optional = Map.copyOf(optional);
    }

    /** The payload as canonical JSON: the same bytes for the same content. */
    public byte[] toJson() {
        ObjectNode root = CanonicalJson.object();
        ObjectNode critical = root.putObject("critical");
        critical.putObject("identity").put("docker-reference", dockerReference);
        critical.putObject("image").put("docker-manifest-digest", manifestDigest.toString());
        critical.put("type", TYPE);
        ObjectNode optionalNode = root.putObject("optional");
        optional.forEach(optionalNode::put);
        return CanonicalJson.write(root);
    }

    /**
     * Reads a payload as cosign checks one: JSON, {@code critical.type} exactly {@link #TYPE}, a valid
     * {@code docker-manifest-digest}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static SimpleSigningPayload parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the payload is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the payload is not a JSON object");
        }
        JsonNode critical = root.path("critical");
        if (!TYPE.equals(critical.path("type").asText(null))) {
            throw new IllegalArgumentException("the payload's critical.type is not \"" + TYPE + "\"");
        }
        JsonNode digest = critical.path("image").path("docker-manifest-digest");
        if (!digest.isTextual()) {
            throw new IllegalArgumentException("the payload has no critical.image.docker-manifest-digest");
        }
        Digest manifestDigest;
        try {
            manifestDigest = Digest.parse(digest.textValue());
        } catch (InvalidDigestException e) {
            throw new IllegalArgumentException("the payload's docker-manifest-digest: " + e.getMessage());
        }
        Map<String, String> optional = new LinkedHashMap<>();
        root.path("optional").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                optional.put(e.getKey(), e.getValue().textValue());
            }
        });
        return new SimpleSigningPayload(critical.path("identity").path("docker-reference").asText(""),
                manifestDigest, optional);
    }
}
