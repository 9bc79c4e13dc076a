package io.huruhuru.validation.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.validation.elf.ElfSummary;
import io.huruhuru.validation.elf.Segment;
import io.huruhuru.validation.koskit.AppSpec;
import io.huruhuru.validation.koskit.LabelChecker;
import io.huruhuru.validation.fixture.TestImage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryTotalsTest {

    @Test
    void totalsHeapUntypedsSegmentsAndStack() {
        AppSpec spec = LabelChecker.check(TestImage.helloLabels(), List.of()).spec();
        ElfSummary elf = new ElfSummary(3, 183, 0x1000, 2, false, List.of(
                new Segment(0, 0, 0x2000, 0x2000, 5, 0x1000), new Segment(0x2000, 0x12000, 0x1000, 0x3000, 6, 0x1000)));

        MemoryTotals totals = MemoryTotals.of(spec, Optional.of(elf), 16);

        assertEquals(2560 * 4096L, totals.heapBytes());
        assertEquals(4 * (2L << 20), totals.utLargeBytes());
        assertEquals(24 * 4096L, totals.ut4kBytes());
        assertEquals(5 * 4096L, totals.segmentBytes());
        assertEquals(16 * 4096L, totals.stackBytes());
        assertEquals(2560 * 4096L + 4 * (2L << 20) + (24 + 5 + 16) * 4096L, totals.totalBytes());
    }

    @Test
    void segmentsAreWidenedToPagesAndSharedPagesCountOnce() {
        // [0x100, 0x1100) touches pages 0 and 1; [0x1800, 0x1900) shares page 1; [0x5000, 0x5001) is page 5
        List<Segment> segments = List.of(new Segment(0, 0x100, 0, 0x1000, 5, 0), new Segment(0, 0x1800, 0, 0x100, 6, 0),
                new Segment(0, 0x5000, 0, 1, 4, 0));

        assertEquals(3, MemoryTotals.segmentPages(segments));
    }

    @Test
    void wrappingSegmentsAreLeftOut() {
        assertEquals(0, MemoryTotals.segmentPages(List.of(new Segment(0, -4096, 0, 8192, 4, 0))));
    }
}
