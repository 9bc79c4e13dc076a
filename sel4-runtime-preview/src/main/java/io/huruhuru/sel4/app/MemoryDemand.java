package io.huruhuru.sel4.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The memory an application asks the root server for, counted as the root server's plan hands it out: frames for
 * the PT_LOAD segments (each {@code [p_vaddr, p_vaddr + p_memsz)} widened to 4 KiB pages, a page two segments
 * share counted once, as the loader maps it once), the heap, the stack and the IPC buffer, the untypeds the
 * labels ask for, and a microVM's guest RAM. Kernel objects (TCB, CNode, paging structures) are not included:
 * they depend on the kernel configuration, not on the application. The budget check on push and the model use
 * this one count.
 */
public record MemoryDemand(long segmentBytes, long heapBytes, long stackBytes, long ipcBufferBytes,
                           long utLargeBytes, long ut4kBytes, long guestRamBytes, long totalBytes) {

    public static final long PAGE = 4096;
    public static final long LARGE_PAGE = 2L << 20;
    /** One 4 KiB frame per thread (the root server maps it below the stack's guard page). */
    public static final long IPC_BUFFER_PAGES = 1;

    /** The demand of a description the model boots. */
    public static MemoryDemand of(ApplicationDescription app) {
        return of(app.heapPages(), app.utLargePages(), app.ut4kPages(), app.elf().segments(), app.stackPages(),
                app.microVm().map(MicroVm::ramBytes).orElse(0L));
    }

    /**
     * The demand of counts as labels state them (up to 2^32 - 1 each); segments that wrap around the address
     * space are left out (the image checks report them). Sums saturate at {@link Long#MAX_VALUE}.
     */
    public static MemoryDemand of(long heapPages, long utLargePages, long ut4kPages, List<Segment> segments,
                                  long stackPages, long guestRamBytes) {
        long segmentBytes = times(segmentPages(segments), PAGE);
        long heap = times(heapPages, PAGE);
        long stack = times(stackPages, PAGE);
        long ipc = IPC_BUFFER_PAGES * PAGE;
        long large = times(utLargePages, LARGE_PAGE);
        long small = times(ut4kPages, PAGE);
        return new MemoryDemand(segmentBytes, heap, stack, ipc, large, small, guestRamBytes,
                sum(segmentBytes, heap, stack, ipc, large, small, guestRamBytes));
    }

    /** Distinct 4 KiB pages the segments cover (empty segments and those that wrap around cover none). */
    public static long segmentPages(List<Segment> segments) {
        List<long[]> ranges = new ArrayList<>();
        for (Segment s : segments) {
            if (s.memsz() == 0 || !s.fitsAddressSpace() || s.vaddr() + s.memsz() > Long.MAX_VALUE - PAGE) {
                continue;
            }
            ranges.add(new long[] {Math.floorDiv(s.vaddr(), PAGE), Math.floorDiv(s.vaddr() + s.memsz() + PAGE - 1,
                    PAGE)});
        }
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        long pages = 0;
        long coveredTo = Long.MIN_VALUE;
        for (long[] r : ranges) {
            long from = Math.max(r[0], coveredTo);
            if (r[1] > from) {
                pages += r[1] - from;
            }
            coveredTo = Math.max(coveredTo, r[1]);
        }
        return pages;
    }

    /** The parts in words, e.g. "heap 1.0 MiB + stack 64 KiB + ...", for failure messages. */
    public String breakdown() {
        StringBuilder s = new StringBuilder();
        part(s, "segments", segmentBytes);
        part(s, "heap", heapBytes);
        part(s, "stack", stackBytes);
        part(s, "IPC buffer", ipcBufferBytes);
        part(s, "2 MiB untypeds", utLargeBytes);
        part(s, "4 KiB untypeds", ut4kBytes);
        part(s, "guest RAM", guestRamBytes);
        return s.toString();
    }

    private static void part(StringBuilder s, String name, long bytes) {
        if (bytes > 0) {
            s.append(s.length() == 0 ? "" : " + ").append(name).append(' ').append(ByteSize.text(bytes));
        }
    }

    private static long times(long count, long unit) {
        if (count < 0) {
            throw new IllegalArgumentException("a page count must not be negative, got " + count);
        }
        return count > Long.MAX_VALUE / unit ? Long.MAX_VALUE : count * unit;
    }

    private static long sum(long... values) {
        long total = 0;
        for (long v : values) {
            total = total > Long.MAX_VALUE - v ? Long.MAX_VALUE : total + v;
        }
        return total;
    }
}
