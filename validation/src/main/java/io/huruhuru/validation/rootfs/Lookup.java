package io.huruhuru.validation.rootfs;

/** The outcome of resolving a path in the rootfs with symbolic links followed. */
public sealed interface Lookup {

    /** The path the lookup stopped at (the resolved path if found). */
    String path();

    /** The path resolves to a node. */
    record Found(String path, Node node) implements Lookup {
    }

    /** A component of the path does not exist. */
    record Missing(String path) implements Lookup {
    }

    /** A component used as a directory is a file. */
    record NotDirectory(String path) implements Lookup {
    }

    /** More than {@link Rootfs#MAX_SYMLINKS} symbolic links were followed, or the walk took too many steps. */
    record Loop(String path) implements Lookup {
    }
}
