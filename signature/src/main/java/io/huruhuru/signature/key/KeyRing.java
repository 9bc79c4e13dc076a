package io.huruhuru.signature.key;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The registry's keys: one that signs, and retired ones whose signatures still verify (key rotation). */
public final class KeyRing {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SigningKey signing;
    private final List<VerificationKey> verificationKeys;

    /** @throws KeyException if two keys share an id */
    public KeyRing(SigningKey signing, List<VerificationKey> retired) {
        this.signing = signing;
        List<VerificationKey> all = new ArrayList<>(retired.size() + 1);
        all.add(signing.verificationKey());
        all.addAll(retired);
        Set<KeyId> ids = new HashSet<>();
        for (VerificationKey key : all) {
            if (!ids.add(key.id())) {
                throw new KeyException("two keys have the id " + key.id() + "; give each key its own id");
            }
        }
        this.verificationKeys = List.copyOf(all);
    }

    public SigningKey signing() {
        return signing;
    }

    /** Every public key, the signing key's first. */
    public List<VerificationKey> verificationKeys() {
        return verificationKeys;
    }

    public Optional<VerificationKey> find(KeyId id) {
        return verificationKeys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /**
     * Every public key as PEM, one {@code PUBLIC KEY} block after another in {@link #verificationKeys()} order. PEM
     * has no room for ids; {@link #jwks()} carries them.
     */
    public String pem() {
        StringBuilder pem = new StringBuilder();
        verificationKeys.forEach(k -> pem.append(k.pem()));
        return pem.toString();
    }

    /** Every public key as a JWK Set, {@code {"keys":[...]}}: the same bytes for the same keys. */
    public byte[] jwks() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode keys = root.putArray("keys");
        verificationKeys.forEach(k -> keys.add(k.jwk()));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "KeyRing[signing " + signing.id() + ", " + verificationKeys.size() + " key(s)]";
    }
}
