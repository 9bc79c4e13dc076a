package io.huruhuru.signature.key;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A P-256 private key that signs: ECDSA over SHA-256 with the nonce derived from the key and the message as RFC 6979
 * prescribes, so a nonce is never reused and the same message always gets the same signature. It never shows its
 * key material; only {@link KeyFiles} writes it, to the key file.
 */
public final class SigningKey {

    private final ECPrivateKeyParameters key;
    private final VerificationKey verificationKey;

    SigningKey(BigInteger d, Optional<KeyId> id) {
        if (!P256.isPrivateScalar(d)) {
            throw new KeyException("the private key is not a valid P-256 scalar");
        }
        this.key = new ECPrivateKeyParameters(d, P256.DOMAIN);
        this.verificationKey = new VerificationKey(P256.publicPoint(d), id);
    }

    /** A new key from {@code random}, named by the id derived from its public key. */
    public static SigningKey generate(SecureRandom random) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(P256.DOMAIN, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new SigningKey(((ECPrivateKeyParameters) pair.getPrivate()).getD(), Optional.empty());
    }

    /** This key under another id. */
    public SigningKey withId(KeyId id) {
        return new SigningKey(key.getD(), Optional.of(id));
    }

    public KeyId id() {
        return verificationKey.id();
    }

    public VerificationKey verificationKey() {
        return verificationKey;
    }

    /** The strict ASN.1 DER ECDSA signature over SHA-256({@code message}); deterministic (RFC 6979). */
    public byte[] sign(byte[] message) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(VerificationKey.sha256(message));
        ASN1EncodableVector vector = new ASN1EncodableVector(2);
        vector.add(new ASN1Integer(rs[0]));
        vector.add(new ASN1Integer(rs[1]));
        try {
            return new DERSequence(vector).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unencrypted PKCS#8 PEM ({@code PRIVATE KEY}) of this key: for the key file only. */
    String pkcs8Pem() {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("PRIVATE KEY",
                    PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded(ASN1Encoding.DER)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "SigningKey[" + id() + ", ECDSA P-256]";
    }
}
