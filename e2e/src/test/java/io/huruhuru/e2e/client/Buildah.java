package io.huruhuru.e2e.client;

import io.huruhuru.e2e.image.BuildContext;
import io.huruhuru.e2e.process.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** buildah with its own vfs image store, so that tests share no state with the machine or each other. */
public final class Buildah {

    private final Path root;
    private final Path runRoot;
    private final Path tmp;

    public Buildah(Path workDirectory) {
        this.root = workDirectory.resolve("root");
        this.runRoot = workDirectory.resolve("run");
        this.tmp = workDirectory.resolve("tmp");
        Files2.createDirectories(tmp);
    }

    /** Builds an OCI-format image for linux/{@code arch} and tags it locally; returns the image id. */
    public String build(BuildContext context, String localTag, String arch) {
        return lastLine(buildah("bud", "--quiet", "--format", "oci", "--os", "linux", "--arch", arch,
                "-t", localTag, "-f", context.containerfile().toString(), context.directory().toString()).runOk()
                .stdout());
    }

    /** Builds like {@link #build} and also adds the image to a local manifest list. */
    public String buildIntoList(BuildContext context, String localTag, String arch, String list) {
        return lastLine(buildah("bud", "--quiet", "--format", "oci", "--os", "linux", "--arch", arch,
                "--manifest", list, "-t", localTag, "-f", context.containerfile().toString(),
                context.directory().toString()).runOk().stdout());
    }

    public void createList(String list) {
        buildah("manifest", "create", list).runOk();
    }

    /** Pushes a local image to {@code docker://destination}; returns the manifest digest buildah wrote. */
    public String push(String localImage, String destination) {
        Path digestFile = tmp.resolve("push-" + System.nanoTime() + ".digest");
        buildah("push", "--tls-verify=false", "--digestfile", digestFile.toString(), localImage,
                "docker://" + destination).runOk();
        return Files2.readString(digestFile).strip();
    }

    /** Writes a local image into the OCI layout {@code directory} under the name {@code reference}. */
    public void pushToLayout(String localImage, Path directory, String reference) {
        buildah("push", localImage, "oci:" + directory + ":" + reference).runOk();
    }

    /** {@code buildah manifest push --all}: children first (by digest), then the list; returns the list digest. */
    public String pushList(String list, String destination) {
        Path digestFile = tmp.resolve("list-" + System.nanoTime() + ".digest");
        buildah("manifest", "push", "--all", "--tls-verify=false", "--digestfile", digestFile.toString(), list,
                "docker://" + destination).runOk();
        return Files2.readString(digestFile).strip();
    }

    public Command buildah(String... arguments) {
        List<String> line = new ArrayList<>(List.of("buildah", "--storage-driver", "vfs",
                "--root", root.toString(), "--runroot", runRoot.toString()));
        line.addAll(List.of(arguments));
        return Command.of(line).env("TMPDIR", tmp.toString()).env("BUILDAH_ISOLATION", "chroot");
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
