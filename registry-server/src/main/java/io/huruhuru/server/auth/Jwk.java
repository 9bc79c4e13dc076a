package io.huruhuru.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the P-256 keys of a JWKS (RFC 7517) document: an external token issuer's public keys, by {@code kid}. */
public final class Jwk {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwk() {
    }

    /** The EC P-256 keys of the JWKS file, by kid; a key of another kind or without a kid is an error. */
    public static Map<String, ECPublicKey> readSet(Path file) {
        try {
            return parseSet(JSON.readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read JWKS " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("JWKS " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, ECPublicKey> parseSet(JsonNode document) {
        JsonNode keys = document.get("keys");
        if (keys == null || !keys.isArray() || keys.isEmpty()) {
            throw new IllegalArgumentException("a JWKS needs a non-empty keys array");
        }
        Map<String, ECPublicKey> byKid = new LinkedHashMap<>();
        for (JsonNode key : keys) {
            String kid = text(key, "kid");
            if (!"EC".equals(text(key, "kty")) || !"P-256".equals(text(key, "crv"))) {
                throw new IllegalArgumentException("key " + kid + " is not an EC P-256 key (ES256 only)");
            }
            if (key.has("alg") && !Jws.ES256.equals(key.get("alg").asText())) {
                throw new IllegalArgumentException("key " + kid + " is for " + key.get("alg").asText() + ", not ES256");
            }
            byKid.put(kid, publicKey(text(key, "x"), text(key, "y")));
        }
        return byKid;
    }

    static ECPublicKey publicKey(String x, String y) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            ECPoint point = new ECPoint(new BigInteger(1, coordinate(x)), new BigInteger(1, coordinate(y)));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 public key: " + e.getMessage(), e);
        }
    }

    private static byte[] coordinate(String text) {
        try {
            byte[] bytes = Jws.decode(text);
            if (bytes.length != 32) {
                throw new IllegalArgumentException("a P-256 coordinate is 32 bytes, got " + bytes.length);
            }
            return bytes;
        } catch (InvalidTokenException e) {
            throw new IllegalArgumentException("a coordinate is not base64url");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("a key needs " + field);
        }
        return value.asText();
    }
}
