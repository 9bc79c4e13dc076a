package io.huruhuru.server.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The token issuer's ES256 key pair, its kid and its public JWK.
 *
 * @param privateKey signs the tokens
 * @param publicKey verifies them
 * @param kid the key's id in token headers and the JWKS
 */
public record TokenKey(ECPrivateKey privateKey, ECPublicKey publicKey, String kid) {

    /** The key in {@code file} (PKCS#8 PEM), made and written with mode 0600 first if there is none. */
    public static TokenKey loadOrGenerate(Path file) {
        try {
            if (!Files.exists(file)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                        + "\n-----END PRIVATE KEY-----\n");
            }
            String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            var spec = privateKey.getParams();
            ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(publicPoint(privateKey),
                    spec));
            return new TokenKey(privateKey, publicKey, kid(publicKey));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load or make the token key " + file + ": " + e.getMessage(), e);
        }
    }

    private static java.security.spec.ECPoint publicPoint(ECPrivateKey privateKey) {
        var q = org.bouncycastle.asn1.sec.SECNamedCurves.getByName("secp256r1").getG().multiply(privateKey.getS())
                .normalize();
        return new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    }

    /** The key's id: the unpadded base64url SHA-256 of its SubjectPublicKeyInfo, first 16 bytes. */
    static String kid(ECPublicKey key) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        return Jws.encode(Arrays.copyOf(digest, 16));
    }

    /** The public key as a JWK: kty EC, crv P-256, x, y, kid, use sig, alg ES256. */
    public ObjectNode jwk() {
        ObjectNode jwk = JsonNodeFactory.instance.objectNode();
        jwk.put("alg", Jws.ES256).put("crv", "P-256").put("kid", kid).put("kty", "EC").put("use", "sig");
        jwk.put("x", Jws.encode(unsigned(publicKey.getW().getAffineX())));
        jwk.put("y", Jws.encode(unsigned(publicKey.getW().getAffineY())));
        return jwk;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }
}
