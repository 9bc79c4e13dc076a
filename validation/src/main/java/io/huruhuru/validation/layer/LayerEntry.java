package io.huruhuru.validation.layer;

import java.util.Arrays;
import java.util.Objects;

/**
 * The metadata of one tar entry of a layer.
 *
 * @param path normalised path inside the rootfs, without a leading slash ({@code bin/hello})
 * @param mode permission bits ({@code 07777} mask)
 * @param size data size of a regular file, 0 otherwise
 * @param linkTarget symlink target as written, or the normalised path a hard link points at; null otherwise
 * @param elfHead the first bytes of a regular file that starts with the ELF magic (header and program header
 *     table, bounded by {@link ReadLimits#elfHeadBytes()}); null otherwise
 */
public record LayerEntry(String path, EntryType type, int mode, long size, String linkTarget, byte[] elfHead) {

    public LayerEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        elfHead = elfHead == null ? null : elfHead.clone();
    }

    @Override
    public byte[] elfHead() {
        return elfHead == null ? null : elfHead.clone();
    }

    /** Whether any execute bit is set. */
    public boolean executable() {
        return (mode & 0111) != 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LayerEntry e && path.equals(e.path) && type == e.type && mode == e.mode
                && size == e.size && Objects.equals(linkTarget, e.linkTarget) && Arrays.equals(elfHead, e.elfHead);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, type, mode, size, linkTarget) * 31 + Arrays.hashCode(elfHead);
    }

    @Override
    public String toString() {
        return type + " /" + path + " " + Integer.toOctalString(mode) + (linkTarget == null ? "" : " -> " + linkTarget);
    }
}
