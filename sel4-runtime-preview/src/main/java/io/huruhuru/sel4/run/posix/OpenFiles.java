package io.huruhuru.sel4.run.posix;

import io.huruhuru.sel4.run.ApplicationMemory;
import io.huruhuru.sel4.run.RootFilesystem;
import io.huruhuru.sel4.run.RootFilesystem.Entry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The file descriptor table and the read-only file calls on the image's root filesystem. Descriptors 0, 1 and
 * 2 are the console (reading it gives end of file; writing goes to {@link Console}); a request to write, create
 * or truncate anything is EROFS.
 */
final class OpenFiles {

    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_EMPTY_PATH = 0x1000;
    static final int MAX_FILES = 64;
    // arch/arm64/include/uapi/asm/fcntl.h and include/uapi/asm-generic/fcntl.h.
    private static final int O_ACCMODE = 3;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int O_TRUNC = 01000;
    private static final int O_DIRECTORY = 040000;
    private static final int O_NOFOLLOW = 0100000;
    private static final int READ_CHUNK = 1 << 20;

    /** One open description: what it names and where it is (for a directory, the next entry's index). */
    private static final class Open {
        final List<String> path;
        final Entry entry;
        long position;

        Open(List<String> path, Entry entry) {
            this.path = path;
            this.entry = entry;
        }
    }

    private final RootFilesystem fs;
    private final Inodes inodes = new Inodes();
    private final ApplicationMemory memory;
    private final Open[] table = new Open[MAX_FILES];
    private final boolean[] console = new boolean[MAX_FILES];

    OpenFiles(RootFilesystem fs, ApplicationMemory memory) {
        this.fs = fs;
        this.memory = memory;
        console[0] = console[1] = console[2] = true;
    }

    /** Whether fd is one of 0, 1, 2 still open on the console. */
    boolean isConsole(long fd) {
        return fd >= 0 && fd < 3 && console[(int) fd];
    }

    boolean isConsoleOutput(long fd) {
        return (fd == 1 || fd == 2) && console[(int) fd];
    }

    long openat(long dirfd, long pathname, long flags) {
        String path = string(pathname);
        // O_CREAT on a name that exists opens it (fs/namei.c lookup_open: the create's EROFS only counts when the
        // name is negative); O_CREAT|O_EXCL on it is EEXIST; writing or truncating is EROFS (may_open, do_open).
        boolean writes = (flags & O_ACCMODE) != 0 || (flags & O_TRUNC) != 0;
        PathWalk.Found found;
        try {
            // O_CREAT|O_EXCL does not follow a final symlink (open_last_lookups), so one is EEXIST too.
            boolean exclusive = (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
            found = PathWalk.resolve(fs, base(dirfd, path), path, (flags & O_NOFOLLOW) == 0 && !exclusive);
        } catch (SyscallFailure f) {
            throw f.errno == Errno.ENOENT && (flags & O_CREAT) != 0 ? new SyscallFailure(Errno.EROFS) : f;
        }
        if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
            throw new SyscallFailure(Errno.EEXIST);
        }
        if (found.entry() instanceof Entry.Symlink) {
            throw new SyscallFailure(Errno.ELOOP);
        }
        if (found.entry() instanceof Entry.Directory && ((flags & O_ACCMODE) != 0 || (flags & O_CREAT) != 0)) {
            throw new SyscallFailure(Errno.EISDIR);
        }
        if (writes) {
            throw new SyscallFailure(Errno.EROFS);
        }
        if ((flags & O_DIRECTORY) != 0 && !(found.entry() instanceof Entry.Directory)) {
            throw new SyscallFailure(Errno.ENOTDIR);
        }
        for (int fd = 0; fd < MAX_FILES; fd++) {
            if (table[fd] == null && !console[fd]) {
                table[fd] = new Open(found.path(), found.entry());
                return fd;
            }
        }
        throw new SyscallFailure(Errno.EMFILE);
    }

    long close(long fd) {
        if (fd < 0 || fd >= MAX_FILES || (table[(int) fd] == null && !console[(int) fd])) {
            throw new SyscallFailure(Errno.EBADF);
        }
        table[(int) fd] = null;
        console[(int) fd] = false;
        return 0;
    }

    long read(long fd, long buf, long count) {
        if (fd == 0 && console[0]) {
            return 0;
        }
        Open o = open(fd);
        int n = readAt(o, o.position, buf, count);
        o.position += n;
        return n;
    }

    long pread(long fd, long buf, long count, long offset) {
        if (fd >= 0 && fd < 3 && console[(int) fd]) {
            throw new SyscallFailure(Errno.ESPIPE);
        }
        if (offset < 0) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        return readAt(open(fd), offset, buf, count);
    }

    private int readAt(Open o, long offset, long buf, long count) {
        if (o.entry instanceof Entry.Directory) {
            throw new SyscallFailure(Errno.EISDIR);
        }
        if (count < 0) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        byte[] data = new byte[(int) Math.min(count, READ_CHUNK)];
        int n = fs.read(o.path, offset, data, 0, data.length);
        byte[] out = n == data.length ? data : java.util.Arrays.copyOf(data, n);
        if (!memory.copyOut(buf, out)) {
            throw new SyscallFailure(Errno.EFAULT);
        }
        return n;
    }

    long lseek(long fd, long offset, long whence) {
        if (fd >= 0 && fd < 3 && console[(int) fd]) {
            throw new SyscallFailure(Errno.ESPIPE);
        }
        Open o = open(fd);
        long size = o.entry instanceof Entry.File f ? f.size() : 0;
        long to = switch ((int) whence) {
            case 0 -> offset;
            case 1 -> o.position + offset;
            case 2 -> size + offset;
            default -> throw new SyscallFailure(Errno.EINVAL);
        };
        if (to < 0 || (o.entry instanceof Entry.Directory && to != 0)) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        o.position = to;
        return to;
    }

    long fstat(long fd, long statbuf) {
        byte[] st;
        if (isConsole(fd)) {
            st = LinuxStructs.consoleStat();
        } else {
            Open o = open(fd);
            st = LinuxStructs.stat(inodes.of(o.path), o.entry);
        }
        return out(statbuf, st);
    }

    long newfstatat(long dirfd, long pathname, long statbuf, long flags) {
        String path = string(pathname);
        if (path.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            if (dirfd == AT_FDCWD) {
                return out(statbuf, LinuxStructs.stat(Inodes.ROOT, fs.entry(List.of()).orElseThrow()));
            }
            return fstat(dirfd, statbuf);
        }
        PathWalk.Found f = PathWalk.resolve(fs, base(dirfd, path), path, (flags & AT_SYMLINK_NOFOLLOW) == 0);
        return out(statbuf, LinuxStructs.stat(inodes.of(f.path()), f.entry()));
    }

    long readlinkat(long dirfd, long pathname, long buf, long size) {
        String path = string(pathname);
        if (size <= 0) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        PathWalk.Found f = PathWalk.resolve(fs, base(dirfd, path), path, false);
        if (!(f.entry() instanceof Entry.Symlink link)) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        byte[] target = link.target().getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(target, (int) Math.min(target.length, size));
        out(buf, out);
        return out.length;
    }

    /** getdents64: ".", ".." and the directory's names from the descriptor's position, as many as fit. */
    long getdents64(long fd, long dirp, long countArgument) {
        // count is an unsigned int in fs/readdir.c: the upper half of x2 is ignored.
        long count = countArgument & 0xffff_ffffL;
        Open o = open(fd);
        if (!(o.entry instanceof Entry.Directory d)) {
            throw new SyscallFailure(Errno.ENOTDIR);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>(List.of(".", ".."));
        names.addAll(d.names());
        long position = o.position;
        while (position < names.size()) {
            int i = (int) position;
            String name = names.get(i);
            List<String> child = new ArrayList<>(o.path);
            long ino;
            int type;
            if (i == 0) {
                ino = inodes.of(o.path);
                type = 4;
            } else if (i == 1) {
                ino = inodes.of(o.path.isEmpty() ? o.path : o.path.subList(0, o.path.size() - 1));
                type = 4;
            } else {
                child.add(name);
                Entry e = fs.entry(child).orElse(null);
                ino = inodes.of(child);
                type = e == null ? 0 : LinuxStructs.direntType(e);
            }
            byte[] rec = LinuxStructs.dirent(ino, i + 1, type, name);
            if (out.size() + rec.length > count) {
                if (out.size() == 0) {
                    throw new SyscallFailure(Errno.EINVAL);
                }
                break;
            }
            out.writeBytes(rec);
            position++;
        }
        // The position moves only once the entries reached the buffer: a retry after EFAULT sees them again.
        out(dirp, out.toByteArray());
        o.position = position;
        return out.size();
    }

    private long out(long vaddr, byte[] bytes) {
        if (!memory.copyOut(vaddr, bytes)) {
            throw new SyscallFailure(Errno.EFAULT);
        }
        return 0;
    }

    void requireOpen(long fd) {
        open(fd);
    }

    private Open open(long fd) {
        if (fd < 0 || fd >= MAX_FILES || table[(int) fd] == null) {
            throw new SyscallFailure(Errno.EBADF);
        }
        return table[(int) fd];
    }

    private List<String> base(long dirfd, String path) {
        if (path.startsWith("/") || dirfd == AT_FDCWD) {
            return List.of();
        }
        Open o = open(dirfd);
        if (!(o.entry instanceof Entry.Directory)) {
            throw new SyscallFailure(Errno.ENOTDIR);
        }
        return o.path;
    }

    private String string(long vaddr) {
        ApplicationMemory.UserString s = memory.copyInString(vaddr, PathWalk.PATH_MAX);
        if (s instanceof ApplicationMemory.UserString.Text t) {
            return t.value();
        }
        throw new SyscallFailure(s instanceof ApplicationMemory.UserString.Fault ? Errno.EFAULT : Errno.ENAMETOOLONG);
    }
}
