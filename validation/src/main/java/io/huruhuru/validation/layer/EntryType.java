package io.huruhuru.validation.layer;

/** What a tar entry of a layer puts into (or removes from) the rootfs. */
public enum EntryType {
    FILE,
    DIRECTORY,
    SYMLINK,
    HARDLINK,
    CHAR_DEVICE,
    BLOCK_DEVICE,
    FIFO,
    /** An OCI whiteout {@code .wh.NAME}: removes NAME of lower layers; the entry's path is NAME's path. */
    WHITEOUT,
    /** An OCI opaque marker {@code .wh..wh..opq}: hides all children of lower layers; the path is the directory. */
    OPAQUE
}
