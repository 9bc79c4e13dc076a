package io.huruhuru.sel4.vmm;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The bundle's config.json as the OCI runtime-spec (config.md) defines it: the process (args, env, cwd, user),
 * the root file system, the hostname and the mounts every Linux container gets.
 */
@JsonPropertyOrder({"ociVersion", "process", "root", "hostname", "mounts"})
public record OciRuntimeConfig(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts) {

    public static final String OCI_VERSION = "1.0.2";

    @JsonPropertyOrder({"terminal", "user", "args", "env", "cwd"})
    public record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd) {
    }

    @JsonPropertyOrder({"uid", "gid"})
    public record User(int uid, int gid) {
    }

    @JsonPropertyOrder({"path", "readonly"})
    public record Root(String path, boolean readonly) {
    }

    @JsonPropertyOrder({"destination", "type", "source", "options"})
    public record Mount(String destination, String type, String source, List<String> options) {
    }

    /** The configuration for one process; the mounts are those of the runtime-spec's Linux example. */
    public static OciRuntimeConfig of(String hostname, List<String> args, List<String> env, String cwd) {
        List<Mount> mounts = List.of(
                new Mount("/proc", "proc", "proc", List.of()),
                new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620")),
                new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")));
        return new OciRuntimeConfig(OCI_VERSION, new Process(false, new User(0, 0), List.copyOf(args), List.copyOf(env), cwd),
                new Root("rootfs", false), hostname, mounts);
    }
}
