package io.huruhuru.e2e.image;

import io.huruhuru.e2e.process.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads fields out of manifests and client output with {@code jq}, one of the tools the suite installs anyway, so
 * that the checks do not depend on our own OCI model in module {@code validation}.
 */
public final class Jq {

    private Jq() {
    }

    /** The raw string result of a jq filter, e.g. {@code .config.digest}; fails if the filter yields nothing. */
    public static String string(String json, String filter) {
        List<String> lines = lines(json, filter);
        if (lines.size() != 1) {
            throw new AssertionError("jq '" + filter + "' gave " + lines + " for\n" + json);
        }
        return lines.get(0);
    }

    public static String string(byte[] json, String filter) {
        return string(new String(json, StandardCharsets.UTF_8), filter);
    }

    /** One string per output line of the filter, e.g. {@code .layers[].digest}. */
    public static List<String> lines(String json, String filter) {
        Path input = null;
        try {
            input = Files.createTempFile("e2e-jq", ".json");
            Files.writeString(input, json, StandardCharsets.UTF_8);
            String out = Command.of("jq", "-r", filter, input.toString()).runOk().stdout();
            // An empty string result is one empty line, not no result: only strip the final line break.
            String trimmed = out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
            return out.isEmpty() ? List.of() : List.of(trimmed.split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (input != null) {
                input.toFile().delete();
            }
        }
    }

    public static List<String> lines(byte[] json, String filter) {
        return lines(new String(json, StandardCharsets.UTF_8), filter);
    }
}
