package io.huruhuru.validation.budget;

import io.huruhuru.validation.elf.ElfSummary;
import io.huruhuru.validation.elf.Segment;
import io.huruhuru.validation.koskit.AppSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The memory an app needs, totalled as the root server hands it out:
 *
 * <pre>
 * total = heap_pages * 4 KiB
 *       + ut_large_page * 2 MiB
 *       + ut_4k_pages * 4 KiB
 *       + the 4 KiB pages the PT_LOAD segments cover (each [p_vaddr, p_vaddr + p_memsz) widened to page
 *         boundaries; a page shared by two segments counts once)
 *       + stack_pages * 4 KiB (the platform's, {@value #DEFAULT_STACK_PAGES} pages when no policy names one)
 * </pre>
 *
 * <p>This is our own documented count, kept apart from the seL4 model: kernel objects (TCB, CNode, page tables,
 * IPC buffer) are not included.
 */
public record MemoryTotals(long heapBytes, long utLargeBytes, long ut4kBytes, long segmentBytes, long stackBytes,
        long totalBytes) {

    public static final long PAGE = 4096;
    public static final long LARGE_PAGE = 2L << 20;
    public static final long DEFAULT_STACK_PAGES = 16;

    /** Totals what {@code spec} and the binary's segments need; missing values count as zero. */
    public static MemoryTotals of(AppSpec spec, Optional<ElfSummary> elf, long stackPages) {
        long heap = spec.heapPages().orElse(0) * PAGE;
        long large = spec.utLargePage().orElse(0) * LARGE_PAGE;
        long small = spec.ut4kPages().orElse(0) * PAGE;
        long segments = elf.map(e -> segmentPages(e.loadSegments()) * PAGE).orElse(0L);
        long stack = stackPages * PAGE;
        return new MemoryTotals(heap, large, small, segments, stack,
                saturatedSum(heap, large, small, segments, stack));
    }

    /** Distinct 4 KiB pages covered by the segments; segments that wrap around are left out (elf.segments). */
    static long segmentPages(List<Segment> segments) {
        List<long[]> ranges = new ArrayList<>();
        for (Segment s : segments) {
            long start = s.virtualAddress();
            long size = s.memorySize();
            if (start < 0 || size < 0 || start > Long.MAX_VALUE - size - PAGE || size == 0) {
                continue;
            }
            ranges.add(new long[] {Math.floorDiv(start, PAGE), Math.floorDiv(start + size + PAGE - 1, PAGE)});
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

    private static long saturatedSum(long... values) {
        long sum = 0;
        for (long v : values) {
            sum = sum > Long.MAX_VALUE - v ? Long.MAX_VALUE : sum + v;
        }
        return sum;
    }
}
