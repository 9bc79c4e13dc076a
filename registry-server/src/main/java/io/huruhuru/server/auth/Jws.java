package io.huruhuru.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import io.huruhuru.signature.key.VerificationKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * JWS compact serialisation (RFC 7515) with ES256 only: the signature is the raw 64-byte R||S of RFC 7518 3.4, never
 * DER; any other {@code alg} ({@code none}, HS256, RS256, ...) is refused before a key is looked at.
 */
final class Jws {

    static final String ES256 = "ES256";
    /** Longer tokens are refused unparsed; ours are well under 2 KB. */
    static final int MAX_LENGTH = 8192;
    private static final int SIGNATURE_BYTES = 64;
    private static final BigInteger P256_ORDER = SECNamedCurves.getByName("secp256r1").getN();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** A token split into its parts, its signature not yet checked. */
    record Parsed(ObjectNode header, ObjectNode payload, byte[] signingInput, byte[] signature) {

        String kid() {
            JsonNode kid = header.get("kid");
            return kid != null && kid.isTextual() ? kid.asText() : null;
        }
    }

    private Jws() {
    }

    /** Signs with {@code rawSigner}, which returns the 64-byte R||S ES256 signature of the bytes it is given. */
    static String sign(ObjectNode header, ObjectNode payload, UnaryOperator<byte[]> rawSigner) {
        String input = ENCODER.encodeToString(bytes(header)) + "." + ENCODER.encodeToString(bytes(payload));
        return input + "." + ENCODER.encodeToString(rawSigner.apply(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The raw R||S form (RFC 7518 3.4) of a DER ECDSA P-256 signature, as the registry's signing keys make it. */
    static byte[] rawSignature(byte[] der) {
        try {
            BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(P256_ORDER, der);
            return PlainDSAEncoding.INSTANCE.encode(P256_ORDER, rs[0], rs[1]);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not a DER ECDSA signature", e);
        }
    }

    /** The JDK form of a registry key, for verification with the JDK's P1363 ECDSA. */
    static ECPublicKey publicKey(VerificationKey key) {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(key.subjectPublicKeyInfo()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC public key: " + key.id(), e);
        }
    }

    static Parsed parse(String token) throws InvalidTokenException {
        if (token.length() > MAX_LENGTH) {
            throw new InvalidTokenException("token longer than " + MAX_LENGTH + " characters");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new InvalidTokenException("not a JWS in compact form");
        }
        ObjectNode header = object(decode(token.substring(0, first)), "header");
        JsonNode alg = header.get("alg");
        if (alg == null || !ES256.equals(alg.asText()) || !alg.isTextual()) {
            throw new InvalidTokenException("token algorithm must be ES256, got: " + alg);
        }
        if (header.has("crit")) {
            throw new InvalidTokenException("token has critical header parameters, none are understood");
        }
        ObjectNode payload = object(decode(token.substring(first + 1, second)), "payload");
        byte[] signature = decode(token.substring(second + 1));
        if (signature.length != SIGNATURE_BYTES) {
            throw new InvalidTokenException("ES256 signature must be 64 bytes (R||S), got " + signature.length);
        }
        return new Parsed(header, payload, token.substring(0, second).getBytes(StandardCharsets.US_ASCII), signature);
    }

    static boolean verifies(Parsed parsed, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(parsed.signingInput());
            return verifier.verify(parsed.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    static byte[] decode(String part) throws InvalidTokenException {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw new InvalidTokenException("token part is not unpadded base64url");
            }
        }
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("token part is not base64url");
        }
    }

    private static ObjectNode object(byte[] json, String what) throws InvalidTokenException {
        try {
            JsonNode node = JSON.readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (java.io.IOException e) {
            // answered below
        }
        throw new InvalidTokenException("token " + what + " is not a JSON object");
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
