package io.huruhuru.signature.key;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** A P-256 public key and its id: checks ECDSA-SHA256 signatures. */
public final class VerificationKey {

    private final ECPublicKeyParameters key;
    private final KeyId id;
    private final byte[] subjectPublicKeyInfo;

    VerificationKey(ECPoint point, Optional<KeyId> id) {
        this.key = new ECPublicKeyParameters(point.normalize(), P256.DOMAIN);
        try {
            this.subjectPublicKeyInfo = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key)
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.id = id.orElseGet(() -> KeyId.derivedFrom(subjectPublicKeyInfo));
    }

    /** This key under another id (a configured one instead of the derived one). */
    public VerificationKey withId(KeyId newId) {
        return new VerificationKey(key.getQ(), Optional.of(newId));
    }

    public KeyId id() {
        return id;
    }

    /**
     * Whether {@code derSignature} is a strict ASN.1 DER ECDSA signature by this key over SHA-256({@code message}).
     * Anything else (garbage, BER, trailing bytes, r or s out of range) is false, never an exception.
     */
    public boolean verify(byte[] message, byte[] derSignature) {
        BigInteger[] rs = parseDer(derSignature);
        if (rs == null) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(sha256(message), rs[0], rs[1]);
    }

    /** The key as PEM: SubjectPublicKeyInfo under {@code -----BEGIN PUBLIC KEY-----}. */
    public String pem() {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("PUBLIC KEY", subjectPublicKeyInfo));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The key as a JSON Web Key (RFC 7517, 7518): kty EC, crv P-256, x, y, kid, use sig, alg ES256; keys sorted. */
    public ObjectNode jwk() {
        ObjectNode jwk = JsonNodeFactory.instance.objectNode();
        jwk.put("alg", "ES256");
        jwk.put("crv", "P-256");
        jwk.put("kid", id.value());
        jwk.put("kty", "EC");
        jwk.put("use", "sig");
        jwk.put("x", coordinate(key.getQ().getAffineXCoord().toBigInteger()));
        jwk.put("y", coordinate(key.getQ().getAffineYCoord().toBigInteger()));
        return jwk;
    }

    /** The DER encoding of the key's SubjectPublicKeyInfo (a copy). */
    public byte[] subjectPublicKeyInfo() {
        return subjectPublicKeyInfo.clone();
    }

    ECPoint point() {
        return key.getQ();
    }

    /** r and s of a strict DER {@code SEQUENCE { INTEGER r, INTEGER s }} with both in 1..n-1, else null. */
    static BigInteger[] parseDer(byte[] der) {
        if (der == null || der.length < 8 || der.length > 72) {
            return null;
        }
        try {
            ASN1Primitive parsed = ASN1Primitive.fromByteArray(der);
            if (!(parsed instanceof ASN1Sequence sequence) || sequence.size() != 2
                    || !(sequence.getObjectAt(0) instanceof ASN1Integer r)
                    || !(sequence.getObjectAt(1) instanceof ASN1Integer s)
                    || !Arrays.equals(parsed.getEncoded(ASN1Encoding.DER), der)) {
                return null;
            }
            BigInteger n = P256.DOMAIN.getN();
            BigInteger rv = r.getValue();
            BigInteger sv = s.getValue();
            if (rv.signum() <= 0 || sv.signum() <= 0 || rv.compareTo(n) >= 0 || sv.compareTo(n) >= 0) {
                return null;
            }
            return new BigInteger[] {rv, sv};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static String coordinate(BigInteger value) {
        byte[] unsigned = value.toByteArray();
        byte[] fixed = new byte[P256.FIELD_BYTES];
        int length = Math.min(unsigned.length, P256.FIELD_BYTES);
        System.arraycopy(unsigned, unsigned.length - length, fixed, P256.FIELD_BYTES - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerificationKey that && id.equals(that.id)
                && Arrays.equals(subjectPublicKeyInfo, that.subjectPublicKeyInfo);
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + Arrays.hashCode(subjectPublicKeyInfo);
    }

    @Override
    public String toString() {
        return "VerificationKey[" + id + ", ECDSA P-256]";
    }
}
