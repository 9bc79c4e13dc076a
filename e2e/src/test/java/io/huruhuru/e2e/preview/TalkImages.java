package io.huruhuru.e2e.preview;

import io.huruhuru.e2e.image.BuildContext;
import io.huruhuru.e2e.process.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The build contexts of the koskit talk's two kinds of application: the native hello app (a static AArch64 PIE with
 * the nine koskit labels and its spec file) and a multi-layer image without labels that runs as a microVM.
 */
public final class TalkImages {

    /** The port the microVM image exposes; the preview gives the guest a vsock device listening on it. */
    public static final int EXPOSED_PORT = 1000;
    /** What {@code /foo.txt} holds; the hello app prints it. */
    public static final String FOO_TEXT = "foo from the talk's image\n";

    /** Prints its arguments, {@code HELLO} and {@code /foo.txt}, so that a model that runs the code shows what it was given. */
    private static final String HELLO_SOURCE = """
            #include <stdio.h>
            #include <stdlib.h>
            int main(int argc, char **argv) {
                for (int i = 1; i < argc; i++) {
                    printf("%s%s", argv[i], i + 1 < argc ? " " : "\\n");
                }
                const char *hello = getenv("HELLO");
                printf("HELLO=%s\\n", hello ? hello : "");
                FILE *foo = fopen("/foo.txt", "r");
                char line[64];
                if (foo != NULL && fgets(line, sizeof line, foo) != NULL) {
                    printf("/foo.txt: %s", line);
                }
                return 0;
            }
            """;

    private TalkImages() {
    }

    /** Cross-compiles the hello app as the talk's Dockerfile expects it: {@code aarch64-linux-gnu-gcc -static-pie}. */
    public static Path compileHello(Path directory) {
        try {
            Files.createDirectories(directory);
            Path source = Files.writeString(directory.resolve("hello.c"), HELLO_SOURCE);
            Path binary = directory.resolve("hello");
            Command.of("aarch64-linux-gnu-gcc", "-static-pie", "-O2", "-s", "-o", binary.toString(),
                    source.toString()).runOk();
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The talk's native image: {@code /hello}, {@code /foo.txt}, {@code /bar.txt}, the spec file and the labels. */
    public static Path nativeContext(Path directory, Path hello, Map<String, String> labels) {
        try {
            Files.createDirectories(directory);
            Files.copy(hello, directory.resolve("hello"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(directory.resolve("foo.txt"), FOO_TEXT);
            Files.writeString(directory.resolve("bar.txt"), "bar\n");
            Files.writeString(directory.resolve("share.spec.json"), specFile(labels));
            String containerfile = """
                    FROM scratch
                    COPY hello /hello
                    COPY foo.txt /foo.txt
                    COPY bar.txt /bar.txt
                    COPY share.spec.json /share.spec.json
                    ENV HELLO="WORLD"
                    ENTRYPOINT ["/hello"]
                    CMD ["hello_world", "test"]
                    """ + labels.entrySet().stream()
                    .map(l -> "LABEL " + l.getKey() + "=\"" + l.getValue() + "\"")
                    .collect(Collectors.joining("\n", "", "\n"));
            Files.writeString(directory.resolve("Containerfile"), containerfile);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Python-style application without koskit labels in three layers (interpreter, requirements, code), exposing
     * {@link #EXPOSED_PORT}: what the talk runs as a microVM. The "interpreter" is any executable; the model does
     * not run the guest.
     */
    public static Path microVmContext(Path directory, Path executable) {
        try {
            Files.createDirectories(directory);
            Files.copy(executable, directory.resolve("python3"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(directory.resolve("requirements.txt"), "flask==3.0.0\n");
            Files.writeString(directory.resolve("main.py"), "print('serving on vsock port %d')\n"
                    .formatted(EXPOSED_PORT));
            Files.writeString(directory.resolve("Containerfile"), """
                    FROM scratch
                    COPY python3 /usr/bin/python3
                    COPY requirements.txt /app/requirements.txt
                    COPY main.py /app/main.py
                    WORKDIR /app
                    ENV PORT=%d
                    EXPOSE %d
                    ENTRYPOINT ["python3"]
                    CMD ["/app/main.py"]
                    """.formatted(EXPOSED_PORT, EXPOSED_PORT));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec file agreeing with the {@code com.koskit.app.spec.*} labels, as validation requires. */
    private static String specFile(Map<String, String> labels) {
        StringBuilder json = new StringBuilder("{\"name\":\"").append(labels.get(BuildContext.APP_LABEL))
                .append("\",\"binary\":\"/hello\"");
        labels.forEach((key, value) -> {
            if (key.startsWith(BuildContext.SPEC_PREFIX)) {
                String name = key.substring(BuildContext.SPEC_PREFIX.length());
                json.append(",\"").append(name).append("\":")
                        .append(name.equals("publishes") ? "[\"" + value + "\"]" : value);
            }
        });
        return json.append("}\n").toString();
    }
}
