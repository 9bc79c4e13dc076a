package io.huruhuru.signature.dsse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Dead Simple Signing Envelope (secure-systems-lab/dsse, protocol v1): what is signed is PAE, not the payload. */
public final class Dsse {

    /** The payload type of an in-toto Statement. */
    public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    private Dsse() {
    }

    /**
     * The Pre-Authentication Encoding: {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths as ASCII
     * decimal byte counts, the type in UTF-8. Signing this instead of the body binds the type to the signature.
     */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + type.length + payload.length);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
