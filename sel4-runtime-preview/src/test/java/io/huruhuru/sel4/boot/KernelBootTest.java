package io.huruhuru.sel4.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.kernel.KernelConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** emulateKernelBoot against numbers worked out by hand from src/kernel/boot.c. */
class KernelBootTest {

    private static final Platform QEMU = PlatformCatalog.find("qemu-arm-virt").orElseThrow();

    private static Platform withKernel(Platform p, KernelConfig k, List<Region> memory) {
        return new Platform(p.name(), p.description(), p.source(), k, memory, p.kernelImage(), p.dtbBytes(),
                p.kernelDevices(), p.devices());
    }

    @Test
    void theRootServerBlockOnAarch64McsWithATwelveBitCNodeIs161920Bytes() {
        // calculate_rootserver_size: CNode 2^(12+5) = 131072, TCB 2^11 = 2048, IPC buffer, boot info,
        // ASID pool and VSpace 4 * 4096, MCS scheduling context 2^7 = 128, and for an image inside one
        // 2 MiB window one PUD, one PD and one PT: 3 * 4096. Total 161,920.
        BootInfo bi = KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT);
        assertEquals(161_920L, bi.rootServerBlock().bytes());
        assertEquals(3, bi.initialThreadPagingStructures());
    }

    @Test
    void theRootServerBlockIsAlignedToItsLargestObjectAndPlacedAtTheTopOfRam() {
        // Largest object: the 2^17 CNode. RAM ends at 0x80000000; 0x80000000 - 161920 = 0x7ffd8780,
        // rounded down to 2^17 gives 0x7ffc0000. The CNode is first, the VSpace right after it.
        BootInfo bi = KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT);
        assertEquals(0x7ffc0000L, bi.rootServerBlock().paddr());
        assertEquals(17, bi.rootServerBlock().alignBits());
        assertEquals(0x7ffc0000L, bi.rootServerBlock().cnode());
        assertEquals(0x7ffe0000L, bi.rootServerBlock().vspace());
    }

    @Test
    void withoutMcsTheBlockHasNoSchedulingContext() {
        // pc99 is non-MCS: 131072 + 2048 + 4 * 4096 + 3 * 4096 = 161,792.
        BootInfo bi = KernelBoot.emulateKernelBoot(PlatformCatalog.find("pc99").orElseThrow(), RootServerImage.DEFAULT);
        assertEquals(161_792L, bi.rootServerBlock().bytes());
    }

    @Test
    void anImageStraddlingATwoMegabyteBoundaryNeedsASecondPageTable() {
        // 0x5ff000 + 1 MiB + 2 pages crosses 0x600000: PUD 1, PD 1, PT 2.
        BootInfo bi = KernelBoot.emulateKernelBoot(QEMU, new RootServerImage(0x5ff000L, 0x100000L));
        assertEquals(4, bi.initialThreadPagingStructures());
        assertEquals(161_920L + 4096, bi.rootServerBlock().bytes());
    }

    @Test
    void untypedsAreTheGreedyAlignedPowerOfTwoSplitWithDevicesFirst() {
        BootInfo bi = KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT);
        List<BootUntyped> u = bi.untypeds();
        // [0, 0x8000000) up to the reserved GIC distributor page is one 2^27 device untyped at slot
        // 16 initial caps + 3 paging structures + 256 image frames = 275.
        assertEquals(new BootUntyped(0, 27, true, 275), u.get(0));
        // After the 4 KiB GIC page: 0x8001000 is only 2^12 aligned.
        assertEquals(new BootUntyped(0x8001000L, 12, true, 276), u.get(1));
        // The first RAM untyped starts after kernel (2 MiB) and root server image (1 MiB): 0x40300000, 2^20 aligned.
        BootUntyped firstRam = u.stream().filter(x -> !x.isDevice()).findFirst().orElseThrow();
        assertEquals(0x40300000L, firstRam.paddr());
        assertEquals(20, firstRam.sizeBits());
        // The leftover above the root server block starts at 0x7ffc0000 + 161920 = 0x7ffe7880: 2^7 aligned.
        assertTrue(u.contains(new BootUntyped(0x7ffe7880L, 7, false, u.stream()
                .filter(x -> x.paddr() == 0x7ffe7880L).findFirst().orElseThrow().slot())));
    }

    @Test
    void everyByteOfRamOutsideTheReservationsBecomesUntyped() {
        // 1 GiB minus kernel image (2 MiB), root server image (1 MiB) and the root server block (161,920).
        BootInfo bi = KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT);
        assertEquals((1L << 30) - (2L << 20) - (1L << 20) - 161_920L, bi.ramUntypedBytes());
    }

    @Test
    void theUntypedListStopsAt230EntriesWithTheKernelsWarning() {
        // 300 separate 4 KiB RAM regions 8 KiB apart give 300 RAM untypeds and 300 device gaps.
        List<Region> memory = new ArrayList<>();
        memory.add(new Region(0x40000000L, 0x41000000L));
        for (int i = 0; i < 300; i++) {
            long start = 0x50000000L + i * 0x2000L;
            memory.add(new Region(start, start + 0x1000));
        }
        Platform many = withKernel(QEMU, QEMU.kernel(), memory);
        BootInfo bi = KernelBoot.emulateKernelBoot(many, RootServerImage.DEFAULT);
        assertEquals(230, bi.untypeds().size());
        assertTrue(bi.warnings().get(0).startsWith("Kernel init: Too many untyped regions for boot info"));
    }

    @Test
    void aRootCNodeTooSmallForTheBootCapsStopsTheBoot() {
        // 2^8 = 256 slots cannot hold 16 initial caps, 3 paging caps and 256 image frame caps plus untypeds.
        KernelConfig k = new KernelConfig(Architecture.AARCH64, true, 8, 256, 11, 256, 230, 1L << 40);
        Platform small = withKernel(QEMU, k, QEMU.memory());
        var e = assertThrows(KernelBootException.class, () -> KernelBoot.emulateKernelBoot(small, RootServerImage.DEFAULT));
        assertTrue(e.getMessage().contains("all 256 (=2^CONFIG_ROOT_CNODE_SIZE_BITS) slots used"), e.getMessage());
    }

    @Test
    void aDeviceTreeBecomesExtraBootInfoRoundedUpToAPowerOfTwo() {
        // calculate_extra_bi_size_bits: 8-byte header + 4096 bytes = 4104, rounded up to 8192 = 2^13.
        Platform withDtb = new Platform(QEMU.name(), QEMU.description(), QEMU.source(), QEMU.kernel(), QEMU.memory(),
                QEMU.kernelImage(), 4096, QEMU.kernelDevices(), QEMU.devices());
        BootInfo bi = KernelBoot.emulateKernelBoot(withDtb, RootServerImage.DEFAULT);
        assertEquals(13, bi.extraBootInfoBits());
        assertEquals(161_920L + 8192, bi.rootServerBlock().bytes());
    }

    @Test
    void aFourKilobyteTcbGrowsTheBlockAndGoesBeforeThePageTables() {
        // seL4_TCBBits = 12 (debug API or large FPU state): 161,920 - 2048 + 4096 = 163,968; the TCB now
        // follows the boot info frame, so the three paging structures start one page later.
        KernelConfig k = new KernelConfig(Architecture.AARCH64, true, 12, 256, 12, 256, 230, 1L << 40);
        BootInfo bi = KernelBoot.emulateKernelBoot(withKernel(QEMU, k, QEMU.memory()), RootServerImage.DEFAULT);
        BootInfo.RootServerBlock b = bi.rootServerBlock();
        assertEquals(163_968L, b.bytes());
        assertEquals(b.bootInfoFrame() + 4096, b.tcb());
        assertEquals(b.tcb() + 4096, b.pagingStart());
    }

    @Test
    void theSameInputGivesTheSameBootInfo() {
        assertEquals(KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT),
                KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT));
    }
}
