package io.huruhuru.sel4.run.posix;

import io.huruhuru.sel4.run.ApplicationMemory;
import java.util.BitSet;

/**
 * brk and anonymous mmap served from the application's heap frames (heap_pages of them, mapped read-write at
 * boot): the break grows up from the heap's start, mappings are taken from the top down, and when the two would
 * meet there is no more memory, ENOMEM, as on the device. Pages given back (munmap, a lower break) are zeroed and
 * unmapped, so touching them faults as under Linux, and mapped again read-write when granted anew, reading zeros
 * as Linux guarantees for anonymous memory.
 */
final class Heap {

    static final int PAGE = 4096;
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_FIXED = 0x10;
    private static final int MAP_ANONYMOUS = 0x20;

    private final long start;
    private final int pages;
    private final ApplicationMemory memory;
    private final PosixRuntime.PageProtection frames;
    private final BitSet used = new BitSet();
    /** Pages given back and unmapped; the rest of the heap stays mapped as the root server mapped it at boot. */
    private final BitSet unmapped = new BitSet();
    private long brk;
    private int brkPages;
    private int peak;

    Heap(long start, int pages, ApplicationMemory memory, PosixRuntime.PageProtection frames) {
        this.start = start;
        this.frames = frames;
        this.pages = pages;
        this.memory = memory;
        this.brk = start;
    }

    /** brk: the new break, or the old one when the request cannot be met (Linux's brk never returns an error). */
    long brk(long addr) {
        if (addr < start || addr > start + (long) pages * PAGE) {
            return brk;
        }
        int want = (int) ((addr - start + PAGE - 1) / PAGE);
        if (want > brkPages && used.nextSetBit(brkPages) >= 0 && used.nextSetBit(brkPages) < want) {
            return brk;
        }
        if (want < brkPages) {
            release(want, brkPages);
        }
        grant(0, want);
        brkPages = want;
        brk = addr;
        peak = Math.max(peak, used.cardinality());
        return brk;
    }

    long mmap(long addr, long length, long prot, long flags) {
        if ((flags & MAP_ANONYMOUS) == 0) {
            throw new SyscallFailure(Errno.ENODEV);
        }
        if (length <= 0 || (flags & MAP_FIXED) != 0) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        if (length > (long) pages * PAGE) {
            throw new SyscallFailure(Errno.ENOMEM);
        }
        if (prot != (PROT_READ | PROT_WRITE)) {
            // The heap frames are mapped read-write; other protections would need frames of their own.
            throw new SyscallFailure(Errno.EACCES);
        }
        long n = (length + PAGE - 1) / PAGE;
        int run = 0;
        for (int i = pages - 1; i >= brkPages; i--) {
            run = used.get(i) ? 0 : run + 1;
            if (run == n) {
                grant(i, i + (int) n);
                peak = Math.max(peak, used.cardinality());
                return start + (long) i * PAGE;
            }
        }
        throw new SyscallFailure(Errno.ENOMEM);
    }

    long munmap(long addr, long length) {
        if ((addr & (PAGE - 1)) != 0 || length <= 0 || length > (long) pages * PAGE) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        long end = addr + ((length + PAGE - 1) & -PAGE);
        if (addr < start + (long) brkPages * PAGE || end > start + (long) pages * PAGE) {
            throw new SyscallFailure(Errno.EINVAL);
        }
        release((int) ((addr - start) / PAGE), (int) ((end - start) / PAGE));
        return 0;
    }

    /** Whether a page lies among the heap's frames (mprotect cannot change those). */
    boolean contains(long vaddr) {
        return vaddr >= start && vaddr < start + (long) pages * PAGE;
    }

    private void grant(int from, int to) {
        for (int i = unmapped.nextSetBit(from); i >= 0 && i < to; i = unmapped.nextSetBit(i + 1)) {
            if (!frames.mapReadWrite(start + (long) i * PAGE)) {
                throw new IllegalStateException("the heap frame at 0x" + Long.toHexString(start + (long) i * PAGE)
                        + " could not be mapped again");
            }
            unmapped.clear(i);
        }
        used.set(from, to);
    }

    private void release(int from, int to) {
        byte[] zeros = new byte[PAGE];
        for (int i = used.nextSetBit(from); i >= 0 && i < to; i = used.nextSetBit(i + 1)) {
            long vaddr = start + (long) i * PAGE;
            memory.rootServerWrite(vaddr, zeros, 0, PAGE);
            if (frames.unmap(vaddr)) {
                unmapped.set(i);
            }
        }
        used.clear(from, to);
    }

    int peakPages() {
        return peak;
    }

    int pages() {
        return pages;
    }
}
