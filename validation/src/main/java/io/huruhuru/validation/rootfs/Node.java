package io.huruhuru.validation.rootfs;

import io.huruhuru.validation.layer.EntryType;

/**
 * A file of the merged rootfs. A hard link appears as the file it links to.
 *
 * @param layer index of the layer the content comes from
 * @param contentPath path of the content in that layer (differs from the node's path for a hard link)
 * @param elfHead the file's first bytes if it starts with the ELF magic, else null (shared, do not modify)
 */
public record Node(EntryType type, int mode, long size, String linkTarget, byte[] elfHead, int layer,
        String contentPath) {

    public boolean executable() {
        return (mode & 0111) != 0;
    }
}
