package io.huruhuru.sel4.run.posix;

import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.run.ApplicationMemory;
import io.huruhuru.sel4.run.RootFilesystem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The root server's POSIX runtime: it serves an application's Linux AArch64 system calls ({@code svc #0}, the
 * number in x8, arguments in x0..x5, the result or -errno in x0), one thread, as the KOS runtime serves its
 * native applications. Calls it does not serve return ENOSYS and are listed; clone ends the run.
 */
public final class PosixRuntime {

    /** How a system call ended the run. */
    public sealed interface Ending {
        /** exit or exit_group with this status (the low 8 bits, as wait() reports it). */
        record Exited(int status) implements Ending { }

        /** A call the runtime refuses to serve at all (clone: one thread only). */
        record Refused(String call) implements Ending { }

        /** futex wait on a value that only another thread could change: the only thread never wakes. */
        record Blocked(String call) implements Ending { }
    }

    /** The root server's hold on the application's frames: it maps, remaps and unmaps them by their caps. */
    public interface PageProtection {
        /** Whether the page at vaddr is now mapped with exactly these rights (seL4_ARM_Page_Map again). */
        boolean protect(long vaddr, boolean read, boolean write, boolean execute);

        /** Unmaps the 4 KiB frame the root server mapped at vaddr (seL4_ARM_Page_Unmap); false if there is none. */
        boolean unmap(long vaddr);

        /** Maps that frame at vaddr again read-write (seL4_ARM_Page_Map); false if it cannot be. */
        boolean mapReadWrite(long vaddr);
    }

    /** The virtual clock runs at 1 GHz of retired instructions from 2024-01-01T00:00:00Z. */
    public static final long EPOCH_SECONDS = 1_704_067_200L;
    static final long PID = 1;
    /** 4 GiB: no application of the model maps more, so a longer mprotect range has a hole (ENOMEM). */
    private static final long MAX_PROTECT_BYTES = 1L << 32;
    /** Distinct call names a report lists, the last of them {@link #OTHER}. */
    static final int MAX_NAMES = 64;
    static final String OTHER = "other";

    private final ApplicationMemory memory;
    private final OpenFiles files;
    private final Heap heap;
    private final Console console = new Console();
    private final PageProtection protection;
    private final SplittableRandom random;
    private final String nodeName;
    private final long stackBytes;
    private final SortedMap<String, Long> calls = new TreeMap<>();
    private final SortedSet<String> unsupported = new TreeSet<>();

    public PosixRuntime(ApplicationMemory memory, RootFilesystem fs, long heapStart, int heapPages, long stackBytes,
                        String nodeName, long seed, PageProtection protection) {
        this.memory = memory;
        this.files = new OpenFiles(fs, memory);
        this.heap = new Heap(heapStart, heapPages, memory, protection);
        this.protection = protection;
        this.random = new SplittableRandom(seed);
        this.nodeName = nodeName;
        this.stackBytes = stackBytes;
    }

    /** Bytes from the runtime's seeded generator (AT_RANDOM and getrandom share it). */
    public byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    /** Serves the call the thread stopped at; null when it goes on running. */
    public Ending serve(Cpu cpu) {
        int number = (int) cpu.x[8];
        String name = SyscallNames.named(number) ? SyscallNames.of(number)
                : bounded(unsupported, SyscallNames.of(number));
        calls.merge(name, 1L, Long::sum);
        long[] a = {cpu.x[0], cpu.x[1], cpu.x[2], cpu.x[3], cpu.x[4], cpu.x[5]};
        long result;
        try {
            switch (number) {
                case SyscallNames.EXIT, SyscallNames.EXIT_GROUP -> {
                    return new Ending.Exited((int) (a[0] & 0xff));
                }
                case SyscallNames.CLONE, SyscallNames.CLONE3 -> {
                    return new Ending.Refused(name);
                }
                case SyscallNames.FUTEX -> {
                    Long r = futex(a);
                    if (r == null) {
                        return new Ending.Blocked(name);
                    }
                    result = r;
                }
                default -> result = call(number, name, a, cpu);
            }
        } catch (SyscallFailure f) {
            result = Errno.fail(f.errno);
        } catch (java.io.UncheckedIOException e) {
            // The filesystem behind the image could not be read: the application sees an I/O error.
            result = Errno.fail(Errno.EIO);
        }
        cpu.x[0] = result;
        return null;
    }

    private long call(int number, String name, long[] a, Cpu cpu) {
        return switch (number) {
            case SyscallNames.WRITE -> write(a[0], a[1], a[2]);
            case SyscallNames.WRITEV -> writev(a[0], a[1], a[2]);
            case SyscallNames.OPENAT -> files.openat(a[0], a[1], a[2]);
            case SyscallNames.CLOSE -> files.close(a[0]);
            case SyscallNames.READ -> files.read(a[0], a[1], a[2]);
            case SyscallNames.PREAD64 -> files.pread(a[0], a[1], a[2], a[3]);
            case SyscallNames.LSEEK -> files.lseek(a[0], a[1], a[2]);
            case SyscallNames.FSTAT -> files.fstat(a[0], a[1]);
            case SyscallNames.NEWFSTATAT -> files.newfstatat(a[0], a[1], a[2], a[3]);
            case SyscallNames.GETDENTS64 -> files.getdents64(a[0], a[1], a[2]);
            case SyscallNames.READLINKAT -> files.readlinkat(a[0], a[1], a[2], a[3]);
            case SyscallNames.IOCTL -> ioctl(a[0]);
            case SyscallNames.BRK -> changesMappings(cpu, heap.brk(a[0]));
            case SyscallNames.MMAP -> heap.mmap(a[0], a[1], a[2], a[3]);
            case SyscallNames.MUNMAP -> changesMappings(cpu, heap.munmap(a[0], a[1]));
            case SyscallNames.MPROTECT -> mprotect(a[0], a[1], a[2], cpu);
            case SyscallNames.SET_TID_ADDRESS, SyscallNames.GETPID, SyscallNames.GETTID -> PID;
            case SyscallNames.SET_ROBUST_LIST -> a[1] == 24 ? 0 : Errno.fail(Errno.EINVAL);
            case SyscallNames.PRLIMIT64 -> prlimit(a[0], a[1], a[2], a[3]);
            case SyscallNames.GETRANDOM -> getrandom(a[0], a[1]);
            case SyscallNames.CLOCK_GETTIME -> clockGettime(a[0], a[1], cpu.instructions());
            case SyscallNames.GETTIMEOFDAY -> gettimeofday(a[0], cpu.instructions());
            case SyscallNames.UNAME -> out(a[0], LinuxStructs.utsname("Linux", nodeName, "6.1.0-sel4-model",
                    "#1 huruhuru seL4 model", "aarch64", "(none)"));
            default -> {
                // rseq included: glibc takes ENOSYS as "no restartable sequences" and carries on.
                unsupported.add(name);
                yield Errno.fail(Errno.ENOSYS);
            }
        };
    }

    /**
     * The name to list an unnamed call under: itself while fewer than {@link #MAX_NAMES} are listed, else
     * {@link #OTHER}, so that a loop over every x8 cannot grow the report (or the heap) without bound.
     */
    private static String bounded(java.util.Set<String> known, String name) {
        return known.contains(name) || known.size() < MAX_NAMES - 1 ? name : OTHER;
    }

    /** Pages given back were unmapped: the cpu's cached translations of them must go, as after a TLB flush. */
    private static long changesMappings(Cpu cpu, long result) {
        cpu.addressSpaceChanged();
        return result;
    }

    private long write(long fd, long buf, long count) {
        if (!files.isConsoleOutput(fd)) {
            throw new SyscallFailure(Errno.EBADF);
        }
        if (count < 0) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        byte[] b = new byte[(int) Math.min(count, 1 << 20)];
        if (!memory.copyIn(buf, b)) {
            throw new SyscallFailure(Errno.EFAULT);
        }
        console.write(b);
        return b.length;
    }

    /** writev: struct iovec is {iov_base, iov_len}, 16 bytes; at most UIO_MAXIOV (1024) of them. */
    private long writev(long fd, long iov, long iovcnt) {
        if (iovcnt < 0 || iovcnt > 1024) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        if (!files.isConsoleOutput(fd)) {
            throw new SyscallFailure(Errno.EBADF);
        }
        byte[] vec = new byte[(int) iovcnt * 16];
        if (!memory.copyIn(iov, vec)) {
            throw new SyscallFailure(Errno.EFAULT);
        }
        ByteBuffer b = ByteBuffer.wrap(vec).order(ByteOrder.LITTLE_ENDIAN);
        long total = 0;
        for (int i = 0; i < iovcnt; i++) {
            try {
                total += write(fd, b.getLong(16 * i), b.getLong(16 * i + 8));
            } catch (SyscallFailure f) {
                // A fault after some bytes were written is a short write, as do_loop_readv_writev returns it.
                if (total > 0 && f.errno == Errno.EFAULT) {
                    return total;
                }
                throw f;
            }
        }
        return total;
    }

    /** ioctl: the console is no terminal, so TCGETS (isatty) and everything else is ENOTTY; others EBADF. */
    private long ioctl(long fd) {
        // A closed descriptor is EBADF before any request is looked at (fs/ioctl.c: fdget, then do_vfs_ioctl).
        if (!files.isConsole(fd)) {
            files.requireOpen(fd);
        }
        throw new SyscallFailure(Errno.ENOTTY);
    }

    private long mprotect(long addr, long length, long prot, Cpu cpu) {
        if ((addr & (Heap.PAGE - 1)) != 0 || (prot & ~7L) != 0) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        // len is a size_t: a "negative" one is huge, and Linux's do_mprotect_pkey finds a hole in it (ENOMEM).
        if (length < 0 || length > MAX_PROTECT_BYTES) {
            // More than any application's VSpace maps in this model: some page of it is unmapped.
            throw new SyscallFailure(Errno.ENOMEM);
        }
        if (length == 0) {
            return 0;
        }
        long end = addr + ((length + Heap.PAGE - 1) & -Heap.PAGE);
        // mm/mprotect.c do_mprotect_pkey: "end = start + len; if (end <= start) return -ENOMEM".
        if (Long.compareUnsigned(end, addr) <= 0) {
            throw new SyscallFailure(Errno.ENOMEM);
        }
        for (long p = addr; Long.compareUnsigned(p, end) < 0; p += Heap.PAGE) {
            if (memory.page(p) == null) {
                throw new SyscallFailure(Errno.ENOMEM);
            }
        }
        boolean read = (prot & 3) != 0;
        boolean write = (prot & 2) != 0;
        boolean execute = (prot & 4) != 0;
        for (long p = addr; Long.compareUnsigned(p, end) < 0; p += Heap.PAGE) {
            if (heap.contains(p) ? !(read && write && !execute) : !protection.protect(p, read, write, execute)) {
                cpu.addressSpaceChanged();
                throw new SyscallFailure(Errno.EACCES);
            }
        }
        cpu.addressSpaceChanged();
        return 0;
    }

    /** FUTEX_WAIT on a word still equal to the value would sleep forever with one thread: null. */
    private Long futex(long[] a) {
        int op = (int) a[1] & 0x7f;
        if (op == 1) {
            return 0L;
        }
        if (op != 0 && op != 9) {
            unsupported.add(bounded(unsupported, "futex op " + op));
            return (long) Errno.fail(Errno.ENOSYS);
        }
        byte[] word = new byte[4];
        if (!memory.copyIn(a[0], word)) {
            return (long) Errno.fail(Errno.EFAULT);
        }
        int value = ByteBuffer.wrap(word).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (value != (int) a[2]) {
            return (long) Errno.fail(Errno.EAGAIN);
        }
        // With a timeout the only thread wakes when it runs out (futex_wait: -ETIMEDOUT); without one, never.
        if (a[3] != 0) {
            if (!memory.copyIn(a[3], new byte[16])) {
                return (long) Errno.fail(Errno.EFAULT);
            }
            return (long) Errno.fail(Errno.ETIMEDOUT);
        }
        return null;
    }

    /** prlimit64 of the caller only; limits are read, never set. struct rlimit64 is {rlim_cur, rlim_max}. */
    private long prlimit(long pid, long resource, long newLimit, long oldLimit) {
        if (pid != 0 && pid != PID) {
            throw new SyscallFailure(Errno.EPERM);
        }
        if (newLimit != 0) {
            throw new SyscallFailure(Errno.EPERM);
        }
        long value = switch ((int) resource) {
            case 3 -> stackBytes;                                  // RLIMIT_STACK
            case 7 -> OpenFiles.MAX_FILES;                         // RLIMIT_NOFILE
            case 2, 9 -> (long) heap.pages() * Heap.PAGE;          // RLIMIT_DATA, RLIMIT_AS
            default -> {
                if (resource < 0 || resource > 15) {
                    throw new SyscallFailure(Errno.EINVAL);
                }
                yield -1L;                                         // RLIM_INFINITY
            }
        };
        return oldLimit == 0 ? 0 : out(oldLimit, LinuxStructs.pair(value, value));
    }

    private long getrandom(long buf, long length) {
        if (length < 0) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        byte[] b = randomBytes((int) Math.min(length, 1 << 20));
        return out(buf, b) == 0 ? b.length : 0;
    }

    private long clockGettime(long clock, long tp, long instructions) {
        if (clock < 0 || clock > 11) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        // CLOCK_REALTIME (0), _COARSE (5) and _ALARM (8) count from the epoch; the rest from the start.
        long seconds = instructions / 1_000_000_000L + (clock == 0 || clock == 5 || clock == 8 ? EPOCH_SECONDS : 0);
        return out(tp, LinuxStructs.pair(seconds, instructions % 1_000_000_000L));
    }

    private long gettimeofday(long tv, long instructions) {
        if (tv == 0) {
            return 0;
        }
        return out(tv, LinuxStructs.pair(EPOCH_SECONDS + instructions / 1_000_000_000L,
                instructions % 1_000_000_000L / 1000));
    }

    private long out(long vaddr, byte[] bytes) {
        if (!memory.copyOut(vaddr, bytes)) {
            throw new SyscallFailure(Errno.EFAULT);
        }
        return 0;
    }

    public String consoleText() {
        return console.text();
    }

    public long consoleBytes() {
        return console.written();
    }

    public boolean consoleTruncated() {
        return console.truncated();
    }

    /** System calls by name and how often each was made. */
    public SortedMap<String, Long> calls() {
        return calls;
    }

    /** Calls answered with ENOSYS. */
    public SortedSet<String> unsupported() {
        return unsupported;
    }

    public int peakHeapPages() {
        return heap.peakPages();
    }

    public int heapPages() {
        return heap.pages();
    }
}
