package io.huruhuru.e2e.deploy;

import java.nio.file.Path;

/** Where the repository's top-level parts are: the chart, the container build, the runnable jar. */
final class SourceTree {

    private SourceTree() {
    }

    /** The repository's root: {@code huruhuru.repository} as the e2e pom sets it, else the parent of e2e/. */
    static Path root() {
        String configured = System.getProperty("huruhuru.repository");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    static Path chart() {
        return root().resolve("helm").resolve("huruhuru");
    }

    static Path containerBuild() {
        return root().resolve("container").resolve("build.sh");
    }

    static Path jar() {
        String configured = System.getProperty("huruhuru.jar");
        return configured != null ? Path.of(configured)
                : root().resolve("registry-server").resolve("target").resolve("huruhuru.jar");
    }
}
