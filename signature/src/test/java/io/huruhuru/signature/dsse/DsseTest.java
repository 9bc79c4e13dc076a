package io.huruhuru.signature.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.signature.key.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DsseTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void paeOfTheSpecsHelloWorldExample() {
        // dsse protocol.md, "Test cases"
        assertArrayEquals(utf8("DSSEv1 29 http://example.com/HelloWorld 11 hello world"),
                Dsse.pae("http://example.com/HelloWorld", utf8("hello world")));
    }

    @Test
    void paeCountsBytesNotCharacters() {
        assertArrayEquals(utf8("DSSEv1 2 é 0 "), Dsse.pae("é", new byte[0]));
    }

    @Test
    void aSignedEnvelopeVerifiesWithItsKeyAfterAJsonRoundTrip() {
        Envelope envelope = Envelope.sign(TestKeys.fixed(1), Dsse.IN_TOTO_PAYLOAD_TYPE, utf8("{\"a\":1}"));

        Envelope parsed = Envelope.parse(envelope.toJson());

        assertEquals(Optional.of(TestKeys.fixed(1).verificationKey()),
                parsed.verify(List.of(TestKeys.fixed(2).verificationKey(), TestKeys.fixed(1).verificationKey())));
        assertEquals("test-1", parsed.signatures().get(0).keyid());
    }

    @Test
    void theSignatureIsOverPaeNotThePayload() {
        Envelope envelope = Envelope.sign(TestKeys.fixed(1), Dsse.IN_TOTO_PAYLOAD_TYPE, utf8("{\"a\":1}"));
        byte[] sig = envelope.signatures().get(0).sig();

        assertTrue(TestKeys.fixed(1).verificationKey().verify(Dsse.pae(Dsse.IN_TOTO_PAYLOAD_TYPE, utf8("{\"a\":1}")), sig));
        assertTrue(!TestKeys.fixed(1).verificationKey().verify(utf8("{\"a\":1}"), sig));
    }

    @Test
    void aPayloadChangedByOneByteOrAnotherPayloadTypeDoesNotVerify() {
        Envelope envelope = Envelope.sign(TestKeys.fixed(1), Dsse.IN_TOTO_PAYLOAD_TYPE, utf8("{\"a\":1}"));
        Envelope tampered = new Envelope(envelope.payloadType(), utf8("{\"a\":2}"), envelope.signatures());
        Envelope retyped = new Envelope("application/json", envelope.payload(), envelope.signatures());

        assertEquals(Optional.empty(), tampered.verify(List.of(TestKeys.fixed(1).verificationKey())));
        assertEquals(Optional.empty(), retyped.verify(List.of(TestKeys.fixed(1).verificationKey())));
        assertEquals(Optional.empty(), envelope.verify(List.of(TestKeys.fixed(2).verificationKey())));
    }

    @Test
    void theSameStatementGivesTheSameEnvelopeBytes() {
        byte[] first = Envelope.sign(TestKeys.fixed(1), Dsse.IN_TOTO_PAYLOAD_TYPE, utf8("{}")).toJson();
        byte[] second = Envelope.sign(TestKeys.fixed(1), Dsse.IN_TOTO_PAYLOAD_TYPE, utf8("{}")).toJson();

        assertArrayEquals(first, second);
    }

    @Test
    void parseAcceptsUrlSafeBase64AndRefusesGarbage() {
        Envelope envelope = Envelope.sign(TestKeys.fixed(1), Dsse.IN_TOTO_PAYLOAD_TYPE, utf8("{\"k\":\"???>>>\"}"));
        String urlSafe = "{\"payload\":\"" + Base64.getUrlEncoder().encodeToString(envelope.payload())
                + "\",\"payloadType\":\"" + Dsse.IN_TOTO_PAYLOAD_TYPE + "\",\"signatures\":[{\"keyid\":\"\",\"sig\":\""
                + Base64.getUrlEncoder().encodeToString(envelope.signatures().get(0).sig()) + "\"}]}";

        assertTrue(Envelope.parse(utf8(urlSafe)).verify(List.of(TestKeys.fixed(1).verificationKey())).isPresent());
        assertThrows(IllegalArgumentException.class, () -> Envelope.parse(utf8("not json")));
        assertThrows(IllegalArgumentException.class, () -> Envelope.parse(utf8("{\"payloadType\":\"x\",\"payload\":"
                + "\"%%%\",\"signatures\":[{\"sig\":\"AA==\"}]}")));
        assertThrows(IllegalArgumentException.class, () -> Envelope.parse(utf8("{\"payloadType\":\"x\",\"payload\":"
                + "\"AA==\",\"signatures\":[]}")));
    }
}
