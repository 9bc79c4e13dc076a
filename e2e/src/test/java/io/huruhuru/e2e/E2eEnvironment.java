package io.huruhuru.e2e;

import io.huruhuru.e2e.client.Buildah;
import io.huruhuru.e2e.client.DockerDaemon;
import io.huruhuru.e2e.client.Podman;
import io.huruhuru.e2e.client.Skopeo;
import io.huruhuru.e2e.image.StaticBinary;
import io.huruhuru.e2e.process.Processes;
import io.huruhuru.e2e.registry.RegistryHttp;
import io.huruhuru.e2e.registry.RegistryKind;
import io.huruhuru.e2e.registry.RegistryProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything one run of the suite shares: a scratch directory, the registry process, and the clients, each with
 * private state under the scratch directory.
 */
final class E2eEnvironment implements AutoCloseable {

    /** Set to true to keep the scratch directory (logs, image stores) after the run for inspection. */
    private static final String KEEP_PROPERTY = "e2e.keep";

    final Path scratch;
    final RegistryProcess registry;
    final RegistryHttp http;
    final Buildah buildah;
    final Podman podman;
    final Skopeo skopeo;
    final Path amd64Binary;
    final Path arm64Binary;
    private DockerDaemon docker;

    private E2eEnvironment(Path scratch, RegistryProcess registry, Path amd64Binary, Path arm64Binary) {
        this.scratch = scratch;
        this.registry = registry;
        this.http = new RegistryHttp(registry);
        this.buildah = new Buildah(scratch.resolve("buildah"));
        this.podman = new Podman(scratch.resolve("podman"));
        this.skopeo = new Skopeo(scratch.resolve("skopeo"));
        this.amd64Binary = amd64Binary;
        this.arm64Binary = arm64Binary;
    }

    static E2eEnvironment start() {
        RegistryKind kind = RegistryKind.fromSystemProperties();
        Path scratch;
        try {
            // Short name in the system temp directory: dockerd's unix socket path lives under it.
            scratch = Files.createTempDirectory("hh-e2e");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[e2e] registry " + kind + ", scratch directory " + scratch);
        Path amd64 = StaticBinary.forAmd64(scratch.resolve("bin"));
        Path arm64 = StaticBinary.forArm64(scratch.resolve("bin"));
        RegistryProcess registry = RegistryProcess.start(kind, scratch.resolve("registry"));
        System.out.println("[e2e] registry serving at " + registry.host() + ", log " + registry.log());
        return new E2eEnvironment(scratch, registry, amd64, arm64);
    }

    String host() {
        return registry.host();
    }

    /** The Docker daemon, started on first use because it is the slowest client to bring up. */
    DockerDaemon docker() {
        if (docker == null) {
            docker = DockerDaemon.start(scratch.resolve("dk"));
        }
        return docker;
    }

    Path directory(String name) {
        try {
            return Files.createDirectories(scratch.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (docker != null) {
                docker.close();
            }
        } finally {
            registry.close();
            if (Boolean.getBoolean(KEEP_PROPERTY)) {
                System.out.println("[e2e] kept " + scratch);
            } else {
                Processes.deleteRecursively(scratch);
            }
        }
    }
}
