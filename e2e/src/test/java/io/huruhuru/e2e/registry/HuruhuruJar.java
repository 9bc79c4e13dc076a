package io.huruhuru.e2e.registry;

import io.huruhuru.e2e.process.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The built {@code huruhuru.jar} (Maven passes its path as {@code huruhuru.jar}), run with this JVM's java. */
public final class HuruhuruJar {

    private HuruhuruJar() {
    }

    /** {@code java -jar huruhuru.jar ARGUMENTS...}. */
    public static Command command(String... arguments) {
        List<String> line = new ArrayList<>(List.of(javaExecutable(), "-jar", path().toString()));
        line.addAll(List.of(arguments));
        return Command.of(line);
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path path() {
        String configured = System.getProperty("huruhuru.jar");
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("system property huruhuru.jar is not set; run through Maven (-Pe2e)");
        }
        Path jar = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist; build registry-server first (./mvnw package)");
        }
        return jar;
    }
}
