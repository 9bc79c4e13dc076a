package io.huruhuru.signature.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.signature.CanonicalJson;
import io.huruhuru.signature.key.SigningKey;
import io.huruhuru.signature.key.VerificationKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A DSSE envelope (dsse envelope.md): {@code {"payload":b64,"payloadType":...,"signatures":[{"keyid","sig"}]}},
 * each {@code sig} the base64 DER ECDSA signature over {@link Dsse#pae PAE}.
 */
public record Envelope(String payloadType, byte[] payload, List<Signature> signatures) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One signature; {@code keyid} is an unauthenticated hint, possibly empty. */
    public record Signature(String keyid, byte[] sig) {
    }

    public Envelope {
        signatures = List.copyOf(signatures);
    }

    /** {@code payload} of type {@code payloadType} signed by {@code key}, its id as keyid. */
    public static Envelope sign(SigningKey key, String payloadType, byte[] payload) {
        byte[] sig = key.sign(Dsse.pae(payloadType, payload));
        return new Envelope(payloadType, payload.clone(), List.of(new Signature(key.id().value(), sig)));
    }

    /** The envelope as canonical JSON, base64 standard encoding with padding. */
    public byte[] toJson() {
        ObjectNode root = CanonicalJson.object();
        root.put("payload", Base64.getEncoder().encodeToString(payload));
        root.put("payloadType", payloadType);
        ArrayNode array = root.putArray("signatures");
        for (Signature s : signatures) {
            array.addObject().put("keyid", s.keyid()).put("sig", Base64.getEncoder().encodeToString(s.sig()));
        }
        return CanonicalJson.write(root);
    }

    /**
     * Reads an envelope; base64 in the standard or the URL-safe alphabet, as the spec asks readers to accept.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Envelope parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the envelope is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the envelope is not a JSON object");
        }
        if (!root.path("payloadType").isTextual()) {
            throw new IllegalArgumentException("the envelope has no payloadType");
        }
        byte[] payload = base64(root.path("payload"), "payload");
        JsonNode array = root.path("signatures");
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("the envelope has no signatures");
        }
        List<Signature> signatures = new ArrayList<>();
        for (JsonNode s : array) {
            signatures.add(new Signature(s.path("keyid").asText(""), base64(s.path("sig"), "sig")));
        }
        return new Envelope(root.get("payloadType").textValue(), payload, signatures);
    }

    /** The first of {@code keys} that made one of the signatures over PAE, if any did. */
    public Optional<VerificationKey> verify(List<VerificationKey> keys) {
        byte[] pae = Dsse.pae(payloadType, payload);
        for (Signature signature : signatures) {
            for (VerificationKey key : keys) {
                if (key.verify(pae, signature.sig())) {
                    return Optional.of(key);
                }
            }
        }
        return Optional.empty();
    }

    /** The payload (a copy). */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    private static byte[] base64(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("the envelope's " + field + " is not a string");
        }
        String text = node.textValue();
        try {
            return text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the envelope's " + field + " is not base64");
        }
    }
}
