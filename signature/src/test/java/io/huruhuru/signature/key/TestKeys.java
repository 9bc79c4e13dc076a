package io.huruhuru.signature.key;

import java.math.BigInteger;
import java.util.Optional;

/** Fixed keys for tests, so that signatures are reproducible. */
public final class TestKeys {

    /** The P-256 private key of RFC 6979, appendix A.2.5. */
    public static final BigInteger RFC6979_D =
            new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16);

    private TestKeys() {
    }

    public static SigningKey rfc6979() {
        return new SigningKey(RFC6979_D, Optional.empty());
    }

    /** A fixed key numbered {@code n} (1, 2, ...), distinct from {@link #rfc6979()}. */
    public static SigningKey fixed(int n) {
        return new SigningKey(BigInteger.valueOf(1_000_003L * n + 7), Optional.of(KeyId.parse("test-" + n)));
    }

    /** The PKCS#8 PEM of {@code key}, as the key file holds it. */
    public static String pkcs8Pem(SigningKey key) {
        return key.pkcs8Pem();
    }
}
