package io.huruhuru.validation.archive;

import io.huruhuru.validation.ImageSourceException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Entry names inside an archive, normalised the way {@code tar} would place them under the extraction root. */
final class ArchivePath {

    private ArchivePath() {
    }

    /**
     * The normalised name of a tar entry, empty for the root itself ({@code ./}).
     *
     * @throws ImageSourceException if the name is absolute or climbs above the root with {@code ..}
     */
    static Optional<String> normalize(String name, String where) throws ImageSourceException {
        if (name.startsWith("/")) {
            throw new ImageSourceException(where + " holds an entry with an absolute path: " + name);
        }
        Optional<String> resolved = resolve(name);
        if (resolved.isEmpty()) {
            throw new ImageSourceException(where + " holds an entry whose path leaves the archive: " + name);
        }
        return resolved.filter(n -> !n.isEmpty());
    }

    /**
     * {@code path} with {@code .}, {@code ..}, repeated and trailing slashes resolved from the root, or empty if it
     * climbs above the root; a leading {@code /} means the root.
     */
    static Optional<String> resolve(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return Optional.of(String.join("/", parts));
    }
}
