package io.huruhuru.signature;

import io.huruhuru.signature.dsse.Statement;
import io.huruhuru.signature.key.KeyId;
import java.util.Optional;

/**
 * The result of checking an attestation manifest: verified by which key and the statement it holds (whose predicate
 * the caller judges), or what failed.
 */
public record AttestationCheck(Outcome outcome, Optional<KeyId> keyId, Optional<Statement> statement, String detail) {

    public boolean verified() {
        return outcome == Outcome.VERIFIED;
    }
}
