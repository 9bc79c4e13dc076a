package io.huruhuru.e2e.image;

import io.huruhuru.e2e.process.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny program, compiled in the test so that an image has a real executable and no base. */
public final class StaticBinary {

    private static final String SOURCE = """
            #include <stdio.h>
            int main(void) {
                puts("hello from a huruhuru end-to-end image");
                return 0;
            }
            """;

    private StaticBinary() {
    }

    /** Compiles for the host (x86-64 on CI) as a static PIE, as a koskit native app must be. */
    public static Path forAmd64(Path directory) {
        return compile(directory, "hello-amd64", "gcc", "-static-pie");
    }

    /** Cross-compiles for arm64; {@code -static-pie} because Debian's cross libc links that without a loader. */
    public static Path forArm64(Path directory) {
        return compile(directory, "hello-arm64", "aarch64-linux-gnu-gcc", "-static-pie");
    }

    /** Cross-compiles for arm64 as the cross compiler does by default: a dynamically linked PIE with a loader. */
    public static Path dynamicForArm64(Path directory) {
        return compile(directory, "hello-arm64-dynamic", "aarch64-linux-gnu-gcc", "-pie");
    }

    private static Path compile(Path directory, String name, String compiler, String linkMode) {
        try {
            Files.createDirectories(directory);
            Path source = directory.resolve("hello.c");
            Files.writeString(source, SOURCE);
            Path binary = directory.resolve(name);
            // -s keeps the layer small: vfs storage copies every layer in full, so size is time.
            Command.of(compiler, linkMode, "-O2", "-s", "-o", binary.toString(), source.toString()).runOk();
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
