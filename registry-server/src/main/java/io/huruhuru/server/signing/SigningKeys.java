package io.huruhuru.server.signing;

import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.signature.key.KeyException;
import io.huruhuru.signature.key.KeyFiles;
import io.huruhuru.signature.key.KeyId;
import io.huruhuru.signature.key.KeyRing;
import io.huruhuru.signature.key.SigningKey;
import io.huruhuru.signature.key.VerificationKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the keys that the configuration names, once at start-up, or generates the signing key on first start. */
public final class SigningKeys {

    private SigningKeys() {
    }

    /**
     * The key ring of {@code signing}: the configured signing key, else the one generated in {@code dataDirectory}, and
     * the retired keys.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it, when a key cannot be read
     */
    public static KeyRing load(RegistryConfig.Signing signing, Path dataDirectory) {
        try {
            Optional<KeyId> id = signing.keyId().map(KeyId::parse);
            SigningKey key = signing.key().isPresent()
                    ? KeyFiles.readPkcs8(signing.key().get(), id)
                    : KeyFiles.loadOrGenerate(signing.keyFile(dataDirectory));
            if (id.isPresent()) {
                key = key.withId(id.get());
            }
            List<VerificationKey> retired = new ArrayList<>();
            for (RegistryConfig.RetiredKey r : signing.retiredKeys()) {
                retired.add(KeyFiles.readPublic(r.file()).withId(KeyId.parse(r.id())));
            }
            return new KeyRing(key, retired);
        } catch (KeyException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load the signing keys: " + e.getMessage(), e);
        }
    }
}
