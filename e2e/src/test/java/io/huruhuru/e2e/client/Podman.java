package io.huruhuru.e2e.client;

import io.huruhuru.e2e.process.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** podman with its own vfs image store; only pulls and inspects, no container is run. */
public final class Podman {

    private final Path root;
    private final Path runRoot;
    private final Path tmp;

    public Podman(Path workDirectory) {
        this.root = workDirectory.resolve("root");
        this.runRoot = workDirectory.resolve("run");
        this.tmp = Files2.createDirectories(workDirectory.resolve("tmp"));
    }

    public void pull(String reference) {
        podman("pull", "--tls-verify=false", reference).runOk();
    }

    /** A Go template over {@code podman image inspect}, e.g. {@code {{.Digest}}}. */
    public String inspect(String reference, String format) {
        return podman("image", "inspect", "--format", format, reference).runOk().stdout().strip();
    }

    public Command podman(String... arguments) {
        List<String> line = new ArrayList<>(List.of("podman", "--storage-driver", "vfs",
                "--root", root.toString(), "--runroot", runRoot.toString(), "--tmpdir", tmp.toString(),
                "--cgroup-manager", "cgroupfs", "--events-backend", "none"));
        line.addAll(List.of(arguments));
        return Command.of(line).env("TMPDIR", tmp.toString());
    }
}
