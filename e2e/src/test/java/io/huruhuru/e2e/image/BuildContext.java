package io.huruhuru.e2e.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A directory holding a static binary, its koskit spec file and a {@code FROM scratch} Containerfile that wraps them
 * as the koskit talk's Dockerfile does.
 */
public record BuildContext(Path directory, Path containerfile) {

    /** The label every koskit app names itself with. */
    public static final String APP_LABEL = "com.koskit.app.name";
    public static final String SPEC_PREFIX = "com.koskit.app.spec.";

    /** The talk's hello app's labels, with the binary at {@code /hello}; tests change one to break a rule. */
    public static Map<String, String> koskitLabels(String appName) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP_LABEL, appName);
        labels.put("com.koskit.app.binary.loopback", "/hello");
        labels.put("com.koskit.app.spec", "/share.spec.json");
        labels.put(SPEC_PREFIX + "heap_pages", "2560");
        labels.put(SPEC_PREFIX + "ut_large_page", "4");
        labels.put(SPEC_PREFIX + "ut_4k_pages", "24");
        labels.put(SPEC_PREFIX + "max_priority", "190");
        labels.put(SPEC_PREFIX + "priority", "180");
        labels.put(SPEC_PREFIX + "publishes", "hello_protocol");
        return labels;
    }

    /** A complete, valid koskit app named {@code appName} around {@code binary}. */
    public static BuildContext create(Path directory, Path binary, String appName, String fileName) {
        return create(directory, Optional.of(binary), koskitLabels(appName), fileName);
    }

    /**
     * Writes the context: the binary (when present) as {@code /hello}, {@code /share.spec.json} agreeing with the
     * {@code com.koskit.app.spec.*} labels, an {@code ENV}, {@code ENTRYPOINT}, {@code CMD} and the labels, with no
     * {@code RUN} so that building needs no container runtime.
     */
    public static BuildContext create(Path directory, Optional<Path> binary, Map<String, String> labels,
            String fileName) {
        try {
            Files.createDirectories(directory);
            StringBuilder text = new StringBuilder("FROM scratch\n");
            if (binary.isPresent()) {
                Files.copy(binary.get(), directory.resolve("hello"), StandardCopyOption.REPLACE_EXISTING);
                text.append("COPY hello /hello\n");
            }
            Files.writeString(directory.resolve("share.spec.json"), specFile(labels));
            text.append("COPY share.spec.json /share.spec.json\n")
                    .append("ENV GREETING=huruhuru\n")
                    .append("ENTRYPOINT [\"/hello\"]\n")
                    .append("CMD [\"--verbose\"]\n")
                    .append(labels.entrySet().stream().map(l -> "LABEL " + l.getKey() + "=\"" + l.getValue() + "\"")
                            .collect(Collectors.joining("\n")))
                    .append('\n');
            Path containerfile = directory.resolve(fileName);
            Files.writeString(containerfile, text);
            return new BuildContext(directory, containerfile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec file: the spec labels without their prefix (numbers as numbers, publishes as a list), name, binary. */
    private static String specFile(Map<String, String> labels) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", quoted(labels.getOrDefault(APP_LABEL, "")));
        fields.put("binary", quoted(labels.getOrDefault("com.koskit.app.binary.loopback", "/hello")));
        labels.forEach((key, value) -> {
            if (key.startsWith(SPEC_PREFIX)) {
                String name = key.substring(SPEC_PREFIX.length());
                fields.put(name, name.equals("publishes")
                        ? "[" + java.util.Arrays.stream(value.split(",")).map(BuildContext::quoted)
                                .collect(Collectors.joining(",")) + "]"
                        : value);
            }
        });
        return fields.entrySet().stream().map(f -> quoted(f.getKey()) + ":" + f.getValue())
                .collect(Collectors.joining(",", "{", "}\n"));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
