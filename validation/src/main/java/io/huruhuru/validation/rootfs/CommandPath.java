package io.huruhuru.validation.rootfs;

import io.huruhuru.validation.layer.EntryType;
import java.util.Arrays;
import java.util.Optional;

/** Where a command of an ENTRYPOINT or a binary label lives in the rootfs, found as a shell finds commands. */
public final class CommandPath {

    /** Docker's PATH when the image's ENV sets none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final int MAX_PATH_DIRECTORIES = 256;

    private CommandPath() {
    }

    /**
     * The absolute path of {@code command}: itself when absolute, under {@code workingDir} when it has a slash,
     * else the first regular file of that name in a PATH directory; empty when none is.
     */
    public static Optional<String> resolve(Rootfs rootfs, String command, String workingDir, Optional<String> path) {
        if (command.startsWith("/")) {
            return Optional.of(command);
        }
        if (command.contains("/")) {
            String dir = workingDir.isEmpty() ? "/" : workingDir;
            return Optional.of((dir.endsWith("/") ? dir : dir + "/") + command);
        }
        String[] dirs = path.orElse(DEFAULT_PATH).split(":");
        // a hostile PATH of a million entries must not cost a million lookups
        for (String dir : Arrays.copyOf(dirs, Math.min(dirs.length, MAX_PATH_DIRECTORIES))) {
            if (dir.startsWith("/")) {
                String candidate = (dir.endsWith("/") ? dir : dir + "/") + command;
                if (rootfs.resolve(candidate) instanceof Lookup.Found found && found.node().type() == EntryType.FILE) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
