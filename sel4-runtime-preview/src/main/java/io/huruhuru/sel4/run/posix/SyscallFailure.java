package io.huruhuru.sel4.run.posix;

/** A system call that ends in an error: the runtime returns -errno in x0. */
final class SyscallFailure extends RuntimeException {
    final int errno;

    SyscallFailure(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }
}
