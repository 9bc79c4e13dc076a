package io.huruhuru.signature.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.signature.CanonicalJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-toto Statement v1 (in-toto/attestation spec/v1/statement.md): what is attested of which subjects. */
public record Statement(List<Subject> subjects, String predicateType, JsonNode predicate) {

    public static final String TYPE = "https://in-toto.io/Statement/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A subject: a name and its digests by algorithm ({@code {"sha256": hex}}). */
    public record Subject(String name, Map<String, String> digest) {
        public Subject {
            digest = Map.copyOf(digest);
        }
    }

    public Statement {
        subjects = List.copyOf(subjects);
        predicate = predicate.deepCopy();
    }

    @Override
    public JsonNode predicate() {
        return predicate.deepCopy();
    }

    /** The statement as canonical JSON. */
    public byte[] toJson() {
        ObjectNode root = CanonicalJson.object();
        root.put("_type", TYPE);
        ArrayNode array = root.putArray("subject");
        for (Subject subject : subjects) {
            ObjectNode node = array.addObject();
            node.put("name", subject.name());
            ObjectNode digest = node.putObject("digest");
            subject.digest().forEach(digest::put);
        }
        root.put("predicateType", predicateType);
        root.set("predicate", predicate);
        return CanonicalJson.write(root);
    }

    /**
     * Reads a statement: {@code _type} v1, at least one subject with a digest, a predicateType.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Statement parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the statement is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the statement is not a JSON object");
        }
        if (!TYPE.equals(root.path("_type").asText(null))) {
            throw new IllegalArgumentException("the statement's _type is not " + TYPE);
        }
        if (!root.path("subject").isArray() || root.path("subject").isEmpty()) {
            throw new IllegalArgumentException("the statement has no subject");
        }
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode node : root.get("subject")) {
            Map<String, String> digest = new LinkedHashMap<>();
            node.path("digest").fields().forEachRemaining(e -> digest.put(e.getKey(), e.getValue().asText()));
            subjects.add(new Subject(node.path("name").asText(""), digest));
        }
        if (!root.path("predicateType").isTextual()) {
            throw new IllegalArgumentException("the statement has no predicateType");
        }
        JsonNode predicate = root.path("predicate");
        return new Statement(subjects, root.get("predicateType").textValue(),
                predicate.isMissingNode() ? CanonicalJson.object() : predicate);
    }
}
