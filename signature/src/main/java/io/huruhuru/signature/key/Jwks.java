package io.huruhuru.signature.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.math.ec.ECPoint;

/** Reads the P-256 signing keys of a JWK Set (RFC 7517). */
final class Jwks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwks() {
    }

    static List<VerificationKey> parse(byte[] json, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new KeyException(where + " is not JSON");
        }
        if (root == null || !root.path("keys").isArray()) {
            throw new KeyException(where + " is not a JWK Set: it has no \"keys\" array");
        }
        List<VerificationKey> keys = new ArrayList<>();
        int index = 0;
        for (JsonNode jwk : root.get("keys")) {
            String at = where + " keys[" + index++ + "]";
            if (!"EC".equals(jwk.path("kty").asText()) || !"P-256".equals(jwk.path("crv").asText())
                    || jwk.has("use") && !"sig".equals(jwk.path("use").asText())) {
                continue;
            }
            keys.add(key(jwk, at));
        }
        if (keys.isEmpty()) {
            throw new KeyException(where + " has no EC P-256 signing key");
        }
        return keys;
    }

    private static VerificationKey key(JsonNode jwk, String at) {
        BigInteger x = coordinate(jwk, "x", at);
        BigInteger y = coordinate(jwk, "y", at);
        Optional<KeyId> id;
        try {
            id = jwk.hasNonNull("kid") ? Optional.of(KeyId.parse(jwk.get("kid").asText())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new KeyException(at + ": " + e.getMessage());
        }
        ECPoint point;
        try {
            point = P256.CURVE.getCurve().validatePoint(x, y);
        } catch (IllegalArgumentException e) {
            throw new KeyException(at + ": x and y are not a point of P-256");
        }
        return new VerificationKey(point, id);
    }

    private static BigInteger coordinate(JsonNode jwk, String field, String at) {
        JsonNode value = jwk.get(field);
        byte[] bytes;
        try {
            bytes = value == null || !value.isTextual() ? null : Base64.getUrlDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length != P256.FIELD_BYTES) {
            throw new KeyException(at + ": " + field + " is not 32 bytes of unpadded base64url");
        }
        return new BigInteger(1, bytes);
    }
}
