package io.huruhuru.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.signature.key.SigningKey;
import io.huruhuru.signature.key.VerificationKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * JWS compact serialisation (RFC 7515) with ES256 only: the signature is the raw 64-byte R||S of RFC 7518 3.4, never
 * DER; any other {@code alg} ({@code none}, HS256, RS256, ...) is refused before a key is looked at. Signing and
 * verification are the signature module's ({@link SigningKey#sign}, {@link VerificationKey#verify}, over DER); this
 * class only converts between DER and R||S.
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

    /** The compact JWS of {@code header} and {@code payload}, signed by {@code key}. */
    static String sign(ObjectNode header, ObjectNode payload, SigningKey key) {
        String input = ENCODER.encodeToString(bytes(header)) + "." + ENCODER.encodeToString(bytes(payload));
        return input + "." + ENCODER.encodeToString(raw(key.sign(input.getBytes(StandardCharsets.US_ASCII))));
    }

    /** Whether the token's signature is {@code key}'s over its signing input. */
    static boolean verifies(Parsed parsed, VerificationKey key) {
        byte[] der = der(parsed.signature());
        return der != null && key.verify(parsed.signingInput(), der);
    }

    /** The raw R||S form (RFC 7518 3.4) of a DER ECDSA P-256 signature, as the signing keys make it. */
    static byte[] raw(byte[] der) {
        try {
            BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(P256_ORDER, der);
            return PlainDSAEncoding.INSTANCE.encode(P256_ORDER, rs[0], rs[1]);
        } catch (IOException e) {
            throw new IllegalStateException("not a DER ECDSA signature", e);
        }
    }

    /** The DER form of a raw R||S signature, or null if R or S is out of range. */
    static byte[] der(byte[] raw) {
        try {
            BigInteger[] rs = PlainDSAEncoding.INSTANCE.decode(P256_ORDER, raw);
            return StandardDSAEncoding.INSTANCE.encode(P256_ORDER, rs[0], rs[1]);
        } catch (IllegalArgumentException | IOException e) {
            return null;
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
        } catch (IOException e) {
            // answered below
        }
        throw new InvalidTokenException("token " + what + " is not a JSON object");
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
