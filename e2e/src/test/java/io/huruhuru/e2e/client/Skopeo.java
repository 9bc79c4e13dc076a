package io.huruhuru.e2e.client;

import io.huruhuru.e2e.process.Command;
import io.huruhuru.e2e.process.CommandResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** skopeo against the plain-HTTP loopback registry; image names are full transport references. */
public final class Skopeo {

    private final Path tmp;

    public Skopeo(Path workDirectory) {
        this.tmp = Files2.createDirectories(workDirectory.resolve("tmp"));
    }

    /** {@code skopeo inspect} of {@code docker://reference}: the JSON summary with Digest, Layers, Labels. */
    public String inspect(String reference, String... options) {
        List<String> line = new ArrayList<>(List.of("inspect", "--tls-verify=false"));
        line.addAll(List.of(options));
        line.add("docker://" + reference);
        return skopeo(line).runOk().stdout();
    }

    /** The manifest bytes exactly as the registry served them. */
    public String inspectRaw(String reference) {
        return skopeo(List.of("inspect", "--tls-verify=false", "--raw", "docker://" + reference)).runOk().stdout();
    }

    /** Copies between two transport references, e.g. {@code oci:layout:tag} and {@code docker://host/name:tag}. */
    public void copy(String source, String destination) {
        skopeo(List.of("copy", "--src-tls-verify=false", "--dest-tls-verify=false", source, destination)).runOk();
    }

    public String listTags(String repository) {
        return skopeo(List.of("list-tags", "--tls-verify=false", "docker://" + repository)).runOk().stdout();
    }

    public void delete(String reference) {
        skopeo(List.of("delete", "--tls-verify=false", "docker://" + reference)).runOk();
    }

    /** Runs skopeo without requiring success, for checks that something is gone. */
    public CommandResult attemptInspect(String reference) {
        return skopeo(List.of("inspect", "--tls-verify=false", "--raw", "docker://" + reference)).run();
    }

    /** skopeo with {@code arguments} as given (no {@code --tls-verify=false}), for TLS and credentials of the caller's. */
    public Command command(String... arguments) {
        return skopeo(List.of(arguments));
    }

    private Command skopeo(List<String> arguments) {
        List<String> line = new ArrayList<>();
        line.add("skopeo");
        line.addAll(arguments);
        return Command.of(line).env("TMPDIR", tmp.toString());
    }
}
