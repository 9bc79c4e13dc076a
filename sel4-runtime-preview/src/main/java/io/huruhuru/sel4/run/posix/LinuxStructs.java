package io.huruhuru.sel4.run.posix;

import io.huruhuru.sel4.run.RootFilesystem.Entry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Linux's AArch64 structure layouts the runtime writes into an application's memory. */
final class LinuxStructs {

    static final int S_IFDIR = 0040000;
    static final int S_IFCHR = 0020000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    /** The console is /dev/console: character device major 5, minor 1 (Documentation/admin-guide/devices.txt). */
    static final long CONSOLE_RDEV = (5L << 8) | 1;
    /** Device number of the image's root filesystem. */
    static final long ROOTFS_DEV = 1;

    private LinuxStructs() {
    }

    /**
     * struct stat of include/uapi/asm-generic/stat.h, which arm64 uses: 128 bytes (st_dev 0, st_ino 8, st_mode 16,
     * st_nlink 20, st_uid 24, st_gid 28, st_rdev 32, st_size 48, st_blksize 56, st_blocks 64, st_atime 72,
     * st_mtime 88, st_ctime 104, each time followed by its nanoseconds).
     */
    static byte[] stat(long dev, long ino, int mode, int nlink, long rdev, long size, int blksize, long time) {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, dev);
        b.putLong(8, ino);
        b.putInt(16, mode);
        b.putInt(20, nlink);
        b.putLong(32, rdev);
        b.putLong(48, size);
        b.putInt(56, blksize);
        b.putLong(64, (size + 511) / 512);
        b.putLong(72, time);
        b.putLong(88, time);
        b.putLong(104, time);
        return b.array();
    }

    static byte[] stat(long ino, Entry entry) {
        if (entry instanceof Entry.File f) {
            return stat(ROOTFS_DEV, ino, S_IFREG | f.mode(), 1, 0, f.size(), 4096, f.mtimeSeconds());
        }
        if (entry instanceof Entry.Directory d) {
            return stat(ROOTFS_DEV, ino, S_IFDIR | d.mode(), 2, 0, 4096, 4096, d.mtimeSeconds());
        }
        Entry.Symlink l = (Entry.Symlink) entry;
        return stat(ROOTFS_DEV, ino, S_IFLNK | 0777, 1, 0, l.target().getBytes(StandardCharsets.UTF_8).length, 4096, 0);
    }

    static byte[] consoleStat() {
        return stat(ROOTFS_DEV, 3, S_IFCHR | 0620, 1, CONSOLE_RDEV, 0, 1024, 0);
    }

    /** d_type of struct linux_dirent64 (DT_DIR 4, DT_REG 8, DT_LNK 10). */
    static int direntType(Entry e) {
        return e instanceof Entry.File ? 8 : e instanceof Entry.Directory ? 4 : 10;
    }

    /**
     * struct linux_dirent64 (include/linux/dirent.h): d_ino 0, d_off 8, d_reclen 16, d_type 18, d_name 19,
     * NUL-terminated, the record padded to 8 bytes.
     */
    static byte[] dirent(long ino, long off, int type, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int reclen = (19 + n.length + 1 + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(reclen).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, ino);
        b.putLong(8, off);
        b.putShort(16, (short) reclen);
        b.put(18, (byte) type);
        b.put(19, n);
        return b.array();
    }

    /** struct new_utsname: six fields of 65 bytes (include/uapi/linux/utsname.h). */
    static byte[] utsname(String... fields) {
        byte[] out = new byte[6 * 65];
        for (int i = 0; i < 6; i++) {
            byte[] f = fields[i].getBytes(StandardCharsets.UTF_8);
            System.arraycopy(f, 0, out, i * 65, Math.min(64, f.length));
        }
        return out;
    }

    /** Two 64-bit words: struct timespec (tv_sec, tv_nsec), struct timeval, struct rlimit. */
    static byte[] pair(long first, long second) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, first);
        b.putLong(8, second);
        return b.array();
    }
}
