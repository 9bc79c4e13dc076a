package io.huruhuru.signature.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

    private static final byte[] SAMPLE = "sample".getBytes(StandardCharsets.US_ASCII);

    private static byte[] der(BigInteger r, BigInteger s) throws Exception {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(r));
        v.add(new ASN1Integer(s));
        return new DERSequence(v).getEncoded();
    }

    @Test
    void signatureOfSampleIsRfc6979AppendixA25() throws Exception {
        byte[] signature = TestKeys.rfc6979().sign(SAMPLE);

        BigInteger r = new BigInteger("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716", 16);
        BigInteger s = new BigInteger("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", 16);
        assertArrayEquals(der(r, s), signature);
    }

    @Test
    void sameMessageGetsTheSameSignature() {
        SigningKey key = SigningKey.generate(new SecureRandom());

        assertArrayEquals(key.sign(SAMPLE), key.sign(SAMPLE));
        assertFalse(Arrays.equals(key.sign(SAMPLE), key.sign("other".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void theJdkVerifiesOurSignatureWithOurSubjectPublicKeyInfo() throws Exception {
        SigningKey key = TestKeys.fixed(1);
        PublicKey jdkKey = KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(key.verificationKey().subjectPublicKeyInfo()));
        Signature jdk = Signature.getInstance("SHA256withECDSA");
        jdk.initVerify(jdkKey);
        jdk.update(SAMPLE);

        assertTrue(jdk.verify(key.sign(SAMPLE)));
    }

    @Test
    void verifyAcceptsOnlyTheSignedMessageAndTheSigningKey() {
        SigningKey key = TestKeys.fixed(1);
        byte[] signature = key.sign(SAMPLE);

        assertTrue(key.verificationKey().verify(SAMPLE, signature));
        assertFalse(key.verificationKey().verify("samplE".getBytes(StandardCharsets.US_ASCII), signature));
        assertFalse(TestKeys.fixed(2).verificationKey().verify(SAMPLE, signature));
    }

    @Test
    void verifyIsFalseForTruncatedGarbageAndLaxDerWithoutThrowing() throws Exception {
        SigningKey key = TestKeys.fixed(1);
        VerificationKey verification = key.verificationKey();
        byte[] signature = key.sign(SAMPLE);
        byte[] trailing = Arrays.copyOf(signature, signature.length + 1);
        // the same SEQUENCE with its length in the long form: valid BER, not DER
        byte[] longForm = new byte[signature.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        System.arraycopy(signature, 1, longForm, 2, signature.length - 1);

        assertFalse(verification.verify(SAMPLE, Arrays.copyOf(signature, signature.length - 1)));
        assertFalse(verification.verify(SAMPLE, trailing));
        assertFalse(verification.verify(SAMPLE, longForm));
        assertFalse(verification.verify(SAMPLE, new byte[0]));
        assertFalse(verification.verify(SAMPLE, null));
        assertFalse(verification.verify(SAMPLE, HexFormat.of().parseHex("3006020100020100")));
        assertFalse(verification.verify(SAMPLE, "not a signature at all, just text".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aScalarOutsideTheCurveOrderIsRefused() {
        assertThrows(KeyException.class, () -> new SigningKey(BigInteger.ZERO, Optional.empty()));
        assertThrows(KeyException.class, () -> new SigningKey(P256.DOMAIN.getN(), Optional.empty()));
    }

    @Test
    void toStringShowsTheIdButNoKeyMaterial() {
        SigningKey key = TestKeys.rfc6979();

        String text = key.toString();

        assertTrue(text.contains(key.id().value()), text);
        assertFalse(text.toLowerCase().contains("c9afa9d8"), text);
        assertFalse(text.contains(TestKeys.RFC6979_D.toString()), text);
        assertFalse(text.contains("PRIVATE"), text);
    }

    @Test
    void derivedIdIsTheFirst16HexDigitsOfTheSha256OfTheSubjectPublicKeyInfo() throws Exception {
        VerificationKey key = TestKeys.rfc6979().verificationKey();
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(key.subjectPublicKeyInfo());

        assertEquals(HexFormat.of().formatHex(hash).substring(0, 16), key.id().value());
        assertEquals(key.id(), KeyId.of(key.withId(KeyId.parse("other"))));
    }

    @Test
    void keyIdsOutsideTheGrammarAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyId.parse(""));
        assertThrows(IllegalArgumentException.class, () -> KeyId.parse("a/b"));
        assertThrows(IllegalArgumentException.class, () -> KeyId.parse("x".repeat(65)));
        assertEquals("key-2026.01_a", KeyId.parse("key-2026.01_a").value());
    }

    @Test
    void differentKeysGetDifferentIds() {
        assertNotEquals(KeyId.of(TestKeys.fixed(1).verificationKey()), KeyId.of(TestKeys.rfc6979().verificationKey()));
    }
}
