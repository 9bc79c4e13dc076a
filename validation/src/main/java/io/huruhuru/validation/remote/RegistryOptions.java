package io.huruhuru.validation.remote;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a registry.
 *
 * @param plainHttp HTTP instead of HTTPS (for a registry on loopback or in a CI service network)
 * @param credentials sent on a {@code Basic} challenge and to a token service; anonymous when empty
 * @param timeout for connecting and for each response's headers (a blob's body may take longer)
 */
public record RegistryOptions(boolean plainHttp, Optional<Credentials> credentials, Duration timeout) {

    public RegistryOptions {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** HTTPS, anonymous, one minute. */
    public static RegistryOptions defaults() {
        return new RegistryOptions(false, Optional.empty(), Duration.ofMinutes(1));
    }

    public RegistryOptions withPlainHttp(boolean plain) {
        return new RegistryOptions(plain, credentials, timeout);
    }

    public RegistryOptions withCredentials(Optional<Credentials> given) {
        return new RegistryOptions(plainHttp, given, timeout);
    }
}
