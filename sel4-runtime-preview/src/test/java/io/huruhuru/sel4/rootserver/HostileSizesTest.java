package io.huruhuru.sel4.rootserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.ElfImage;
import io.huruhuru.sel4.app.Segment;
import io.huruhuru.sel4.app.TestElf;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.boot.PlatformCatalog;
import io.huruhuru.sel4.report.BootReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sizes from image labels and ELF headers are refused in arithmetic, before any per-page list is built: these
 * inputs once ran the JVM out of memory (review finding 1).
 */
class HostileSizesTest {

    private static final Platform QEMU = PlatformCatalog.find("qemu-arm-virt").orElseThrow();
    private static final Platform PC99 = PlatformCatalog.find("pc99").orElseThrow();
    private static final Duration FAST = Duration.ofSeconds(10);

    private static ApplicationDescription app(ElfImage elf, int heapPages) {
        return new ApplicationDescription("hostile", elf, heapPages, 0, 0, 100, 100,
                ApplicationDescription.DEFAULT_STACK_PAGES, List.of(), List.of("/hostile"), List.of());
    }

    @Test
    void aSegmentOfTwoToTheThirtySixBytesIsRefusedForMemoryWithoutBeingLaidOut() {
        // given a valid ELF whose one segment has p_memsz 2^36 (it fits a 40-bit address space, not the board)
        ElfImage huge = new ElfImage(false, 183, 0x400000L, List.of(
                new Segment(0x400000L, 1L << 36, 0x1000, 0, Segment.PF_R | Segment.PF_W)));
        // when it is booted
        BootReport r = assertTimeoutPreemptively(FAST, () -> Sel4Preview.boot(QEMU, List.of(app(huge, 4))));
        // then the root server refuses it for memory, naming the segments' size
        assertEquals("seL4_NotEnoughMemory", r.error().code());
        assertTrue(r.error().detail().contains("segments 64.0 GiB"), r.error().detail());
    }

    @Test
    void aHeapOfThreeHundredMillionPagesIsRefusedForMemoryWithoutBeingLaidOut() {
        // given a heap label of 300,000,000 pages (1.1 TiB) on a 47-bit x86_64 address space, where it fits
        BootReport r = assertTimeoutPreemptively(FAST,
                () -> Sel4Preview.boot(PC99, List.of(app(TestElf.helloLike(62), 300_000_000))));
        // then the boot stops for memory, in words
        assertEquals("seL4_NotEnoughMemory", r.error().code());
        assertTrue(r.error().detail().startsWith("heap of 300,000,000 pages needs"), r.error().detail());
    }

    @Test
    void theLargestHeapALabelCanStateIsRefusedByTheLayoutOnAFortyBitSpace() {
        // given Integer.MAX_VALUE heap pages (8 TiB), more than qemu-arm-virt's 2^40 user space
        ApplicationDescription app = app(TestElf.helloLike(183), Integer.MAX_VALUE);
        // when only the layout is made (no memory check in front of it)
        AddressSpaceLayout l = assertTimeoutPreemptively(FAST, () -> AddressSpaceLayout.of(app, QEMU.kernel().vspace()));
        // then it does not fit and no page was listed
        assertTrue(l.misfit().orElseThrow().contains("the heap of 2147483647 pages"), l.misfit().toString());
        assertEquals(0, l.framePages());
    }

    @Test
    void aSegmentThatWrapsPastTheUserLimitIsRefusedByTheLayout() {
        // given a segment starting below the limit whose p_memsz carries it past 2^40
        ElfImage wide = new ElfImage(false, 183, 0x400000L, List.of(
                new Segment(0x400000L, (1L << 40) - 0x1000, 0x1000, 0, Segment.PF_R)));
        AddressSpaceLayout l = assertTimeoutPreemptively(FAST,
                () -> AddressSpaceLayout.of(app(wide, 4), QEMU.kernel().vspace()));
        assertTrue(l.misfit().orElseThrow().startsWith("segment 0 at 0x400000"), l.misfit().toString());
        assertEquals(0, l.framePages());
    }
}
