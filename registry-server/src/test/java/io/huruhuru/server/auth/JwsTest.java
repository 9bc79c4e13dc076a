package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.signature.key.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ES256 over the signature module's keys: R||S on the wire, DER for the keys, converted in one place. */
class JwsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SigningKey key = SigningKey.generate(new SecureRandom());

    @Test
    void aSignedTokenVerifiesWithItsKeyAndNotWithAnother() throws Exception {
        String token = Jws.sign(JSON.createObjectNode().put("alg", "ES256"), JSON.createObjectNode().put("sub", "a"),
                key);

        Jws.Parsed parsed = Jws.parse(token);

        assertTrue(Jws.verifies(parsed, key.verificationKey()));
        assertFalse(Jws.verifies(parsed, SigningKey.generate(new SecureRandom()).verificationKey()));
    }

    @Test
    void derAndRawConvertIntoEachOther() {
        byte[] der = key.sign("message".getBytes(StandardCharsets.UTF_8));

        byte[] raw = Jws.raw(der);

        assertEquals(64, raw.length);
        assertArrayEquals(der, Jws.der(raw));
        assertTrue(key.verificationKey().verify("message".getBytes(StandardCharsets.UTF_8), Jws.der(raw)));
    }

    @Test
    void aRawSignatureWithROrSOutOfRangeHasNoDerForm() {
        byte[] allOnes = new byte[64];
        Arrays.fill(allOnes, (byte) 0xff);

        assertNull(Jws.der(allOnes));
    }

    @Test
    void aSignatureOfZeroesDoesNotVerify() throws Exception {
        String token = Jws.sign(JSON.createObjectNode().put("alg", "ES256"), JSON.createObjectNode(), key);
        String zeroes = token.substring(0, token.lastIndexOf('.') + 1)
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);

        assertFalse(Jws.verifies(Jws.parse(zeroes), key.verificationKey()));
    }

    @Test
    void theBasicChallengeEscapesItsRealm() {
        assertEquals("Basic realm=\"a\\\"b\\\\c\"", Challenges.basic("a\"b\\c"));
    }
}
