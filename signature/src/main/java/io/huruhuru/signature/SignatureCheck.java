package io.huruhuru.signature;

import io.huruhuru.signature.key.KeyId;
import java.util.Optional;

/**
 * The result of checking a signature manifest: verified by which key, or what failed.
 *
 * @param detail what was found, in words (the digest in the payload, the layer that failed)
 */
public record SignatureCheck(Outcome outcome, Optional<KeyId> keyId, String detail) {

    public boolean verified() {
        return outcome == Outcome.VERIFIED;
    }
}
