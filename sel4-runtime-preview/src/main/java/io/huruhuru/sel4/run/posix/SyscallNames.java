package io.huruhuru.sel4.run.posix;

import java.util.Map;

/** Names of Linux AArch64 system call numbers (include/uapi/asm-generic/unistd.h), for the run report. */
final class SyscallNames {

    static final int IOCTL = 29;
    static final int OPENAT = 56;
    static final int CLOSE = 57;
    static final int GETDENTS64 = 61;
    static final int LSEEK = 62;
    static final int READ = 63;
    static final int WRITE = 64;
    static final int READV = 65;
    static final int WRITEV = 66;
    static final int PREAD64 = 67;
    static final int READLINKAT = 78;
    static final int NEWFSTATAT = 79;
    static final int FSTAT = 80;
    static final int EXIT = 93;
    static final int EXIT_GROUP = 94;
    static final int SET_TID_ADDRESS = 96;
    static final int FUTEX = 98;
    static final int SET_ROBUST_LIST = 99;
    static final int CLOCK_GETTIME = 113;
    static final int UNAME = 160;
    static final int GETTIMEOFDAY = 169;
    static final int GETPID = 172;
    static final int GETTID = 178;
    static final int BRK = 214;
    static final int MUNMAP = 215;
    static final int CLONE = 220;
    static final int MMAP = 222;
    static final int MPROTECT = 226;
    static final int PRLIMIT64 = 261;
    static final int GETRANDOM = 278;
    static final int RSEQ = 293;
    static final int CLONE3 = 435;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(17, "getcwd"), Map.entry(23, "dup"), Map.entry(24, "dup3"), Map.entry(25, "fcntl"),
            Map.entry(IOCTL, "ioctl"), Map.entry(34, "mkdirat"), Map.entry(35, "unlinkat"),
            Map.entry(48, "faccessat"), Map.entry(49, "chdir"), Map.entry(OPENAT, "openat"), Map.entry(CLOSE, "close"),
            Map.entry(59, "pipe2"), Map.entry(GETDENTS64, "getdents64"), Map.entry(LSEEK, "lseek"),
            Map.entry(READ, "read"), Map.entry(WRITE, "write"), Map.entry(READV, "readv"), Map.entry(WRITEV, "writev"),
            Map.entry(PREAD64, "pread64"), Map.entry(68, "pwrite64"), Map.entry(READLINKAT, "readlinkat"),
            Map.entry(NEWFSTATAT, "newfstatat"), Map.entry(FSTAT, "fstat"), Map.entry(82, "fsync"),
            Map.entry(EXIT, "exit"), Map.entry(EXIT_GROUP, "exit_group"), Map.entry(SET_TID_ADDRESS, "set_tid_address"),
            Map.entry(FUTEX, "futex"), Map.entry(SET_ROBUST_LIST, "set_robust_list"), Map.entry(101, "nanosleep"),
            Map.entry(CLOCK_GETTIME, "clock_gettime"), Map.entry(114, "clock_getres"),
            Map.entry(115, "clock_nanosleep"), Map.entry(124, "sched_yield"), Map.entry(129, "kill"),
            Map.entry(131, "tgkill"), Map.entry(134, "rt_sigaction"), Map.entry(135, "rt_sigprocmask"),
            Map.entry(UNAME, "uname"), Map.entry(163, "getrlimit"), Map.entry(GETTIMEOFDAY, "gettimeofday"),
            Map.entry(GETPID, "getpid"), Map.entry(173, "getppid"), Map.entry(174, "getuid"), Map.entry(175, "geteuid"),
            Map.entry(176, "getgid"), Map.entry(177, "getegid"), Map.entry(GETTID, "gettid"), Map.entry(179, "sysinfo"),
            Map.entry(BRK, "brk"), Map.entry(MUNMAP, "munmap"), Map.entry(216, "mremap"), Map.entry(CLONE, "clone"),
            Map.entry(221, "execve"), Map.entry(MMAP, "mmap"), Map.entry(MPROTECT, "mprotect"),
            Map.entry(233, "madvise"), Map.entry(260, "wait4"), Map.entry(PRLIMIT64, "prlimit64"),
            Map.entry(GETRANDOM, "getrandom"), Map.entry(RSEQ, "rseq"), Map.entry(CLONE3, "clone3"),
            Map.entry(439, "faccessat2"));

    private SyscallNames() {
    }

    /** The call's name, or "syscall_N" for a number this table does not know. */
    /** Whether the number has a name of its own (a finite set, so such names never need a bound). */
    static boolean named(int number) {
        return NAMES.containsKey(number);
    }

    static String of(int number) {
        String name = NAMES.get(number);
        return name != null ? name : "syscall_" + number;
    }
}
