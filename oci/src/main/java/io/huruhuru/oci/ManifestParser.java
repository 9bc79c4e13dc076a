package io.huruhuru.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses and checks manifest bodies as a registry receives them, with the Content-Type they came with. */
public final class ManifestParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestParser() {
    }

    /**
     * Parses {@code body}, whose Content-Type was {@code contentType} (may be null or empty).
     *
     * <p>The payload's {@code mediaType} wins when present and must then agree with the Content-Type
     * (distribution-spec "Pushing Manifests"); without it, the Content-Type says what the body is.
     *
     * @throws ManifestInvalidException if the body is not a well-formed manifest of a supported type
     */
    public static Manifest parse(byte[] body, String contentType) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw new ManifestInvalidException("manifest is not a JSON object");
        }
        String declared = MediaType.essence(contentType);
        JsonNode schemaVersion = root.get("schemaVersion");
        if (schemaVersion != null && schemaVersion.isInt() && schemaVersion.intValue() == 1
                || MediaType.isSchema1(declared)) {
            throw new UnsupportedManifestTypeException("Docker image manifest schema 1 is not supported; push schema 2 or OCI");
        }
        Optional<String> payloadType = optionalText(root, "mediaType");
        if (payloadType.isPresent() && !declared.isEmpty() && !payloadType.get().equals(declared)) {
            throw new ManifestInvalidException("Content-Type " + declared + " does not match the manifest's mediaType "
                    + payloadType.get());
        }
        String mediaType = payloadType.orElse(declared);
        if (mediaType.isEmpty()) {
            throw new ManifestInvalidException("the manifest has no mediaType and the request no Content-Type");
        }
        if (!MediaType.isSupportedManifest(mediaType)) {
            throw new UnsupportedManifestTypeException("unsupported manifest media type: " + mediaType);
        }
        if (schemaVersion == null || !schemaVersion.isInt() || schemaVersion.intValue() != 2) {
            throw new ManifestInvalidException("schemaVersion must be 2");
        }
        Optional<String> artifactType = optionalText(root, "artifactType");
        Optional<Descriptor> subject = root.has("subject") ? Optional.of(descriptor(root.get("subject"), "subject"))
                : Optional.empty();
        Map<String, String> annotations = stringMap(root.get("annotations"), "annotations");
        if (MediaType.isIndex(mediaType)) {
            return new ImageIndex(mediaType, artifactType, descriptors(root, "manifests"), subject, annotations);
        }
        if (!root.has("config")) {
            throw new ManifestInvalidException("an image manifest needs a config descriptor");
        }
        return new ImageManifest(mediaType, artifactType, descriptor(root.get("config"), "config"),
                descriptors(root, "layers"), subject, annotations);
    }

    private static JsonNode readTree(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null) {
                throw new ManifestInvalidException("manifest body is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ManifestInvalidException("manifest is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ManifestInvalidException("manifest cannot be read: " + e.getMessage());
        }
    }

    private static List<Descriptor> descriptors(JsonNode root, String field) {
        JsonNode array = root.get(field);
        if (array == null || !array.isArray()) {
            throw new ManifestInvalidException(field + " must be an array of descriptors");
        }
        List<Descriptor> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            result.add(descriptor(array.get(i), field + "[" + i + "]"));
        }
        return result;
    }

    /** Reads a descriptor, naming {@code where} in every error. */
    public static Descriptor descriptor(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new ManifestInvalidException(where + " must be a descriptor object");
        }
        String mediaType = optionalText(node, "mediaType")
                .orElseThrow(() -> new ManifestInvalidException(where + ".mediaType is required"));
        String digestText = optionalText(node, "digest")
                .orElseThrow(() -> new ManifestInvalidException(where + ".digest is required"));
        Digest digest;
        try {
            digest = Digest.parse(digestText);
        } catch (InvalidDigestException e) {
            throw new ManifestInvalidException(where + ".digest: " + e.getMessage());
        }
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
            throw new ManifestInvalidException(where + ".size must be a non-negative integer");
        }
        return new Descriptor(mediaType, digest, size.longValue(), optionalText(node, "artifactType"),
                stringMap(node.get("annotations"), where + ".annotations"), strings(node.get("urls"), where + ".urls"),
                node.has("platform") ? Optional.of(platform(node.get("platform"), where + ".platform")) : Optional.empty());
    }

    private static Platform platform(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new ManifestInvalidException(where + " must be an object");
        }
        String architecture = optionalText(node, "architecture")
                .orElseThrow(() -> new ManifestInvalidException(where + ".architecture is required"));
        String os = optionalText(node, "os")
                .orElseThrow(() -> new ManifestInvalidException(where + ".os is required"));
        return new Platform(architecture, os, optionalText(node, "variant"), optionalText(node, "os.version"),
                strings(node.get("os.features"), where + ".os.features"));
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new ManifestInvalidException(field + " must be a string");
        }
        return Optional.of(value.textValue());
    }

    private static Map<String, String> stringMap(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ManifestInvalidException(where + " must be an object of strings");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new ManifestInvalidException(where + "." + entry.getKey() + " must be a string");
            }
            result.put(entry.getKey(), entry.getValue().textValue());
        }
        return result;
    }

    private static List<String> strings(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ManifestInvalidException(where + " must be an array of strings");
        }
        List<String> result = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw new ManifestInvalidException(where + " must be an array of strings");
            }
            result.add(element.textValue());
        }
        return result;
    }
}
