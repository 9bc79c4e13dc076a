package io.huruhuru.sel4.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.kernel.KernelConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * emulateKernelBoot against numbers worked out by hand from src/kernel/boot.c. qemu-arm-virt is an MCS kernel
 * with hypervisor support and 40-bit physical addresses (a three-level VSpace with an 8 KiB root), an 8 KiB
 * device tree and a 64 KiB boot-only part of its kernel image.
 */
class KernelBootTest {

    private static final Platform QEMU = PlatformCatalog.find("qemu-arm-virt").orElseThrow();
    private static final Platform PC99 = PlatformCatalog.find("pc99").orElseThrow();

    private static Platform withKernel(Platform p, KernelConfig k, List<Region> memory) {
        return new Platform(p.name(), p.description(), p.source(), k, memory, p.kernelImage(), p.kernelImageBoot().size(),
                p.dtbBytes(), p.kernelDevices(), p.devices());
    }

    private static Platform withDtb(Platform p, long dtbBytes) {
        return new Platform(p.name(), p.description(), p.source(), p.kernel(), p.memory(), p.kernelImage(),
                p.kernelImageBoot().size(), dtbBytes, p.kernelDevices(), p.devices());
    }

    private static KernelConfig qemuKernel(boolean mcs, int rootCNodeBits, int tcbBits) {
        return new KernelConfig(Architecture.AARCH64, mcs, true, 40, rootCNodeBits, 256, tcbBits, 256, 230, 1L << 40,
                KernelConfig.DEFAULT_MAX_IRQ);
    }

    @Test
    void theRootServerBlockOnAHypervisorMcsKernelWithATwelveBitCNodeIs178304Bytes() {
        // calculate_rootserver_size: CNode 2^(12+5) = 131072, TCB 2^11 = 2048, IPC buffer, boot info and
        // ASID pool 3 * 4096, extra boot info 2^14 = 16384 (16-byte header + 8 KiB DTB = 8208, rounded up to a
        // power of two), VSpace 2^13 = 8192 (seL4_VSpaceBits with AARCH64_VSPACE_S2_START_L1), MCS scheduling
        // context 2^7 = 128, and for an image inside one 2 MiB window one PD and one PT (no level-0 table to
        // count, vspace.c:567-575): 2 * 4096. Total 178,304.
        BootInfo bi = KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT);
        assertEquals(178_304L, bi.rootServerBlock().bytes());
        assertEquals(2, bi.initialThreadPagingStructures());
        assertEquals(14, bi.extraBootInfoBits());
    }

    @Test
    void theRootServerBlockIsAlignedToItsLargestObjectAndPlacedAtTheTopOfRam() {
        // Largest object: the 2^17 CNode. RAM ends at 0x80000000; 0x80000000 - 178304 = 0x7ffd4780, rounded down
        // to 2^17 gives 0x7ffc0000. The CNode is first, then the 2^14 extra boot info (larger than the VSpace,
        // maybe_alloc_extra_bi), then the 8 KiB VSpace.
        BootInfo bi = KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT);
        assertEquals(0x7ffc0000L, bi.rootServerBlock().paddr());
        assertEquals(17, bi.rootServerBlock().alignBits());
        assertEquals(0x7ffc0000L, bi.rootServerBlock().cnode());
        assertEquals(0x7ffe4000L, bi.rootServerBlock().vspace());
    }

    @Test
    void aNonHypervisorKernelHasAFourKilobyteVSpaceAndALevelZeroTableToCount() {
        // seL4_VSpaceBits 12 and four levels: PUD, PD and PT for the image: 178304 - 8192 + 4096 + 4096.
        KernelConfig k = new KernelConfig(Architecture.AARCH64, true, false, 40, 12, 256, 11, 256, 230, 1L << 40,
                KernelConfig.DEFAULT_MAX_IRQ);
        BootInfo bi = KernelBoot.emulateKernelBoot(withKernel(QEMU, k, QEMU.memory()), RootServerImage.DEFAULT);
        assertEquals(3, bi.initialThreadPagingStructures());
        assertEquals(178_304L, bi.rootServerBlock().bytes());
    }

    @Test
    void withoutMcsTheBlockHasNoSchedulingContext() {
        // pc99 is non-MCS: 131072 + 2048 + IPC buffer, boot info, ASID pool, one page of extra boot info and
        // the PML4 5 * 4096 + PDPT, PD and PT 3 * 4096 = 165,888.
        BootInfo bi = KernelBoot.emulateKernelBoot(PC99, RootServerImage.DEFAULT);
        assertEquals(165_888L, bi.rootServerBlock().bytes());
        assertEquals(new Region(16, 16), bi.capSlots().schedControl());
    }

    @Test
    void anImageStraddlingATwoMegabyteBoundaryNeedsASecondPageTable() {
        // 0x5ff000 + 1 MiB + 2 pages + 16 KiB crosses 0x600000: PD 1, PT 2.
        BootInfo bi = KernelBoot.emulateKernelBoot(QEMU, new RootServerImage(0x5ff000L, 0x100000L));
        assertEquals(3, bi.initialThreadPagingStructures());
        assertEquals(178_304L + 4096, bi.rootServerBlock().bytes());
    }

    @Test
    void untypedsAreTheGreedyAlignedPowerOfTwoSplitWithDevicesFirst() {
        BootInfo bi = KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT);
        List<BootUntyped> u = bi.untypeds();
        // [0, 0x8000000) up to the reserved GIC distributor page is one 2^27 device untyped at slot 16 initial caps
        // + 2 paging structures + 3 extra boot info frames + 1 SchedControl + 256 image frames = 278.
        assertEquals(new BootUntyped(0, 27, true, 278), u.get(0));
        // After the 4 KiB GIC page: 0x8001000 is only 2^12 aligned.
        assertEquals(new BootUntyped(0x8001000L, 12, true, 279), u.get(1));
        // The first free RAM untyped starts after kernel (2 MiB), DTB (8 KiB) and root server image (1 MiB):
        // 0x40302000, 2^13 aligned.
        BootUntyped firstFree = u.stream().filter(x -> !x.isDevice() && x.paddr() > 0x40010000L).findFirst()
                .orElseThrow();
        assertEquals(0x40302000L, firstFree.paddr());
        assertEquals(13, firstFree.sizeBits());
        // The leftover above the root server block starts at 0x7ffc0000 + 178304 = 0x7ffeb880: 2^7 aligned.
        assertTrue(u.contains(new BootUntyped(0x7ffeb880L, 7, false, u.stream()
                .filter(x -> x.paddr() == 0x7ffeb880L).findFirst().orElseThrow().slot())));
    }

    @Test
    void theBootOnlyPartOfTheKernelImageComesBackAsRamBeforeTheFreeMemory() {
        // create_untypeds (src/kernel/boot.c:830-836): after the device regions, [KERNEL_ELF_BASE, ki_boot_end)
        // becomes RAM untypeds, before the free memory: here 64 KiB at 0x40000000, one 2^16 untyped.
        BootInfo bi = KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT);
        BootUntyped firstRam = bi.untypeds().stream().filter(x -> !x.isDevice()).findFirst().orElseThrow();
        BootUntyped lastDevice = bi.untypeds().stream().filter(BootUntyped::isDevice).reduce((a, b) -> b).orElseThrow();
        assertEquals(new BootUntyped(0x40000000L, 16, false, lastDevice.slot() + 1), firstRam);
    }

    @Test
    void everyByteOfRamOutsideTheReservationsBecomesUntyped() {
        // 1 GiB minus kernel image (2 MiB) plus its boot-only part (64 KiB), minus DTB (8 KiB), root server
        // image (1 MiB) and the root server block (178,304).
        BootInfo bi = KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT);
        assertEquals((1L << 30) - (2L << 20) + (64L << 10) - (8L << 10) - (1L << 20) - 178_304L, bi.ramUntypedBytes());
    }

    @Test
    void onMcsTheSchedControlCapTakesTheSlotBeforeTheImageFrames() {
        // src/arch/arm/kernel/boot.c: paging caps (:488), extra boot info frames (:508), init_sched_control (:523)
        // puts CONFIG_MAX_NUM_NODES = 1 SchedControl cap, then the image frames (:535) and the untypeds.
        BootInfo bi = KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT);
        BootInfo.CapSlots slots = bi.capSlots();
        assertEquals(new Region(16, 18), slots.userImagePaging());
        assertEquals(new Region(18, 21), slots.extraBootInfoPages());
        assertEquals(new Region(21, 22), slots.schedControl());
        assertEquals(new Region(22, 278), slots.userImageFrames());
        assertEquals(278, bi.firstUntypedSlot());
        assertEquals(new Region(278, 278 + bi.untypeds().size()), slots.untypeds());
        assertEquals(new Region(278 + bi.untypeds().size(), 4096), bi.emptySlots());
    }

    @Test
    void withoutMcsThereIsNoSchedControlSlotAndTheUntypedsStartOneEarlier() {
        BootInfo bi = KernelBoot.emulateKernelBoot(withKernel(QEMU, qemuKernel(false, 12, 11), QEMU.memory()),
                RootServerImage.DEFAULT);
        assertEquals(new Region(21, 21), bi.capSlots().schedControl());
        assertEquals(277, bi.firstUntypedSlot());
    }

    @Test
    void anX86KernelAlwaysPassesExtraBootInfoOfOnePageAndOneMoreSlot() {
        // src/arch/x86/kernel/boot.c:129-140: the ACPI RSDP (16 + 36), the multiboot memory map
        // (16 + 4 + 50 * 24 = 1220) and the TSC frequency (16 + 4): 1292 bytes, one 4 KiB page. Its frame cap comes
        // after the PDPT, PD and PT caps: slot 19, so the image frames are [20, 276) and the untypeds start at 276.
        BootInfo bi = KernelBoot.emulateKernelBoot(PC99, RootServerImage.DEFAULT);
        assertEquals(1292L, bi.extraBootInfoBytes());
        assertEquals(12, bi.extraBootInfoBits());
        assertEquals(new Region(19, 20), bi.capSlots().extraBootInfoPages());
        assertEquals(new Region(20, 276), bi.capSlots().userImageFrames());
        assertEquals(276, bi.firstUntypedSlot());
    }

    @Test
    void pc99ReservesTheMsiWindowSoNoDeviceUntypedCoversIt() {
        // platAddDevices (src/plat/pc99/machine/hardware.c:23-26) reserves [0xfffffff8, 0xfffffff8 + 8).
        BootInfo bi = KernelBoot.emulateKernelBoot(PC99, RootServerImage.DEFAULT);
        for (BootUntyped u : bi.untypeds()) {
            long end = u.paddr() + u.bytes();
            assertTrue(end <= 0xfffffff8L || u.paddr() >= 0x1_0000_0000L,
                    "untyped 0x" + Long.toHexString(u.paddr()) + " of 2^" + u.sizeBits() + " covers the MSI window");
        }
        assertTrue(bi.untypeds().contains(new BootUntyped(0x1_0000_0000L, 32, true, bi.untypeds().stream()
                .filter(x -> x.paddr() == 0x1_0000_0000L).findFirst().orElseThrow().slot())));
        assertTrue(bi.reserved().contains(new Region(0xfffffff8L, 0x1_0000_0000L)));
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
        // 2^8 = 256 slots cannot hold 16 initial caps, 2 paging caps, 3 extra boot info frames, SchedControl and
        // 256 image frame caps plus untypeds.
        Platform small = withKernel(QEMU, qemuKernel(true, 8, 11), QEMU.memory());
        var e = assertThrows(KernelBootException.class, () -> KernelBoot.emulateKernelBoot(small, RootServerImage.DEFAULT));
        assertTrue(e.getMessage().contains("all 256 (=2^CONFIG_ROOT_CNODE_SIZE_BITS) slots used"), e.getMessage());
    }

    @Test
    void aDeviceTreeBecomesExtraBootInfoBehindASixteenByteHeader() {
        // sizeof(seL4_BootInfoHeader) == 2 * sizeof(seL4_Word) (bootinfo_types.h:115-122): 16 + 8180 = 8196 bytes,
        // just over 8 KiB, so calculate_extra_bi_size_bits gives 2^14 (an 8-byte header would have fit in 2^13).
        BootInfo bi = KernelBoot.emulateKernelBoot(withDtb(QEMU, 8180), RootServerImage.DEFAULT);
        assertEquals(8196L, bi.extraBootInfoBytes());
        assertEquals(14, bi.extraBootInfoBits());
        // Arm maps the bytes, not the power of two (arm boot.c:503-506): 8196 bytes touch three frames.
        assertEquals(new Region(18, 21), bi.capSlots().extraBootInfoPages());
    }

    @Test
    void withoutADeviceTreeAnArmBootHasNoExtraBootInfo() {
        BootInfo bi = KernelBoot.emulateKernelBoot(withDtb(QEMU, 0), RootServerImage.DEFAULT);
        assertEquals(0, bi.extraBootInfoBits());
        assertEquals(178_304L - 16_384, bi.rootServerBlock().bytes());
        assertEquals(275, bi.firstUntypedSlot());
    }

    @Test
    void aFourKilobyteTcbGrowsTheBlockAndGoesBeforeThePageTables() {
        // seL4_TCBBits = 12 (debug API or large FPU state): 178,304 - 2048 + 4096 = 180,352; the TCB now
        // follows the boot info frame, so the two paging structures start one page later.
        BootInfo bi = KernelBoot.emulateKernelBoot(withKernel(QEMU, qemuKernel(true, 12, 12), QEMU.memory()),
                RootServerImage.DEFAULT);
        BootInfo.RootServerBlock b = bi.rootServerBlock();
        assertEquals(180_352L, b.bytes());
        assertEquals(b.bootInfoFrame() + 4096, b.tcb());
        assertEquals(b.tcb() + 4096, b.pagingStart());
    }

    @Test
    void aRootServerImageReachingUserTopStopsTheBoot() {
        // src/arch/arm/kernel/boot.c:421: it_v_reg.end >= USER_TOP. On qemu-arm-virt USER_TOP is 2^40 - 1, so an
        // 64 KiB image at 0xffffff0000 (it ends at 2^40, its IPC buffer and boot info beyond) cannot boot there.
        var e = assertThrows(KernelBootException.class,
                () -> KernelBoot.emulateKernelBoot(QEMU, new RootServerImage(0xffffff0000L, 0x10000L)));
        assertTrue(e.getMessage().contains("exceeds USER_TOP (0xffffffffff)"), e.getMessage());
        // The same image boots on a kernel without hypervisor support, whose USER_TOP is 2^47 - 1.
        KernelConfig k = new KernelConfig(Architecture.AARCH64, true, false, 40, 12, 256, 11, 256, 230, 1L << 40,
                KernelConfig.DEFAULT_MAX_IRQ);
        KernelBoot.emulateKernelBoot(withKernel(QEMU, k, QEMU.memory()), new RootServerImage(0xffffff0000L, 0x10000L));
    }

    @Test
    void theSameInputGivesTheSameBootInfo() {
        assertEquals(KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT),
                KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT));
    }
}
