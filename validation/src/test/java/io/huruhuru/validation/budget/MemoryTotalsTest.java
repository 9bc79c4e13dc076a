package io.huruhuru.validation.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.sel4.app.ElfHeaders;
import io.huruhuru.sel4.app.MemoryDemand;
import io.huruhuru.sel4.app.Segment;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.validation.koskit.AppSpec;
import io.huruhuru.validation.koskit.LabelChecker;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The budget's memory total is the model's MemoryDemand of the labels and the binary's segments. */
class MemoryTotalsTest {

    @Test
    void totalsHeapUntypedsSegmentsStackAndIpcBuffer() {
        AppSpec spec = LabelChecker.check(TestImage.helloLabels(), List.of()).spec();
        ElfHeaders elf = new ElfHeaders(3, 183, 0x1000, 64, 56, 2, true, false, List.of(
                new Segment(0, 0x2000, 0x2000, 0, 5, 0x1000), new Segment(0x2000, 0x3000, 0x1000, 0x12000, 6, 0x1000)));

        MemoryDemand totals = BudgetChecker.demand(spec, Optional.of(elf), 16);

        assertEquals(2560 * 4096L, totals.heapBytes());
        assertEquals(4 * (2L << 20), totals.utLargeBytes());
        assertEquals(24 * 4096L, totals.ut4kBytes());
        assertEquals(5 * 4096L, totals.segmentBytes());
        assertEquals(16 * 4096L, totals.stackBytes());
        assertEquals(4096L, totals.ipcBufferBytes());
        assertEquals(2560 * 4096L + 4 * (2L << 20) + (24 + 5 + 16 + 1) * 4096L, totals.totalBytes());
    }

    @Test
    void missingLabelsCountAsZero() {
        AppSpec spec = LabelChecker.check(java.util.Map.of(), List.of()).spec();

        MemoryDemand totals = BudgetChecker.demand(spec, Optional.empty(), 16);

        assertEquals((16 + 1) * 4096L, totals.totalBytes());
    }
}
