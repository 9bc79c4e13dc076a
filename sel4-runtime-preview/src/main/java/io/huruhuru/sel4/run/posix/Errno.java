package io.huruhuru.sel4.run.posix;

/** The Linux error numbers the runtime answers with (include/uapi/asm-generic/errno-base.h and errno.h). */
final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int EINVAL = 22;
    static final int EMFILE = 24;
    static final int EEXIST = 17;
    static final int ETIMEDOUT = 110;
    static final int ENOTTY = 25;
    static final int ESPIPE = 29;
    static final int EROFS = 30;
    static final int ENAMETOOLONG = 36;
    static final int ENOSYS = 38;
    static final int ELOOP = 40;
    static final int ENODEV = 19;

    private Errno() {
    }

    /** The value a system call returns in x0 for an error: -errno. */
    static long fail(int errno) {
        return -errno;
    }
}
