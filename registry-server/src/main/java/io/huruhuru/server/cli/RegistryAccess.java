package io.huruhuru.server.cli;

import io.huruhuru.validation.remote.Credentials;
import io.huruhuru.validation.remote.RegistryOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How a command reaches an image in a registry: plain HTTP or not, and credentials (a picocli mixin). */
final class RegistryAccess {

    @Option(names = "--plain-http", description = "talk HTTP, not HTTPS, to the registry (and to a --keys URL)")
    boolean plainHttp;

    @Option(names = "--username", paramLabel = "USER", description = "registry user (with --password-stdin)")
    private String username;

    @Option(names = "--password-stdin", description = "read the registry password from the first line of stdin")
    private boolean passwordStdin;

    /**
     * The options of a registry source; the password is the first line of {@code stdin}, so that it never shows in a
     * process list.
     *
     * @throws IllegalArgumentException when only one of {@code --username} and {@code --password-stdin} is given,
     *     or stdin has no password
     */
    RegistryOptions options(InputStream stdin) throws IOException {
        return RegistryOptions.defaults().withPlainHttp(plainHttp).withCredentials(credentials(stdin));
    }

    private Optional<Credentials> credentials(InputStream stdin) throws IOException {
        if (username == null && !passwordStdin) {
            return Optional.empty();
        }
        if (username == null || !passwordStdin) {
            throw new IllegalArgumentException("--username and --password-stdin go together");
        }
        String password = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("--password-stdin: no password on stdin");
        }
        return Optional.of(new Credentials(username, password));
    }
}
