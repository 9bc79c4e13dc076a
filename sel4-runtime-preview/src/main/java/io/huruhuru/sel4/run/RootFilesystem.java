package io.huruhuru.sel4.run;

import java.util.List;
import java.util.Optional;

/**
 * An application image's root filesystem, read-only, as the POSIX runtime serves it. Paths are lists of
 * components from the root, none empty, "." or ".."; the runtime resolves symbolic links itself, so an
 * implementation never follows one (a link is an {@link Entry.Symlink}).
 */
public interface RootFilesystem {

    /** What a path names. */
    sealed interface Entry {
        /** A regular file; mode is the permission bits (07777). */
        record File(long size, int mode, long mtimeSeconds) implements Entry { }

        /** A directory and its entry names, sorted, without "." and "..". */
        record Directory(List<String> names, int mode, long mtimeSeconds) implements Entry { }

        record Symlink(String target) implements Entry { }
    }

    /** The entry at path, not following a link there; empty when nothing is there. The root is the empty list. */
    Optional<Entry> entry(List<String> path);

    /** Reads up to length bytes of the regular file at path from offset into buffer[at...]; 0 at its end. */
    int read(List<String> path, long offset, byte[] buffer, int at, int length);

    /** A filesystem with an empty root directory. */
    RootFilesystem EMPTY = new RootFilesystem() {
        @Override
        public Optional<Entry> entry(List<String> path) {
            return path.isEmpty() ? Optional.of(new Entry.Directory(List.of(), 0755, 0)) : Optional.empty();
        }

        @Override
        public int read(List<String> path, long offset, byte[] buffer, int at, int length) {
            return 0;
        }
    };
}
