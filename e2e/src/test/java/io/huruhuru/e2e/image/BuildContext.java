package io.huruhuru.e2e.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A directory holding a static binary and a {@code FROM scratch} Containerfile that wraps it. */
public record BuildContext(Path directory, Path containerfile) {

    /** The label every test image carries, as koskit apps name themselves. */
    public static final String APP_LABEL = "com.koskit.app.name";

    /**
     * Writes the context: the binary as {@code /hello}, an {@code ENV}, {@code ENTRYPOINT}, {@code CMD} and the app
     * label, with no {@code RUN} so that building needs no container runtime.
     */
    public static BuildContext create(Path directory, Path binary, String appName, String fileName) {
        try {
            Files.createDirectories(directory);
            Files.copy(binary, directory.resolve("hello"), StandardCopyOption.REPLACE_EXISTING);
            Path containerfile = directory.resolve(fileName);
            Files.writeString(containerfile, """
                    FROM scratch
                    COPY hello /hello
                    ENV GREETING=huruhuru
                    ENTRYPOINT ["/hello"]
                    CMD ["--verbose"]
                    LABEL %s=%s
                    """.formatted(APP_LABEL, appName));
            return new BuildContext(directory, containerfile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
