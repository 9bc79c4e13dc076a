package io.huruhuru.sel4.boot;

import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.kernel.KernelConfig;
import io.huruhuru.sel4.kernel.VSpaceGeometry;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's boot as a pure function of a platform and a root server image: reserved regions,
 * free memory, the root server object block, the boot caps' slots and the boot untyped list
 * (src/kernel/boot.c, src/arch/arm/kernel/boot.c, src/arch/x86/kernel/boot.c).
 */
public final class KernelBoot {

    /** seL4_NumInitialCaps: slots 0..15 of the root CNode hold the initial caps (bootinfo_types.h). */
    public static final int NUM_INITIAL_CAPS = 16;
    private static final int PAGE_BITS = KernelConfig.PAGE_BITS;
    private static final long PAGE = 1L << PAGE_BITS;
    /** The pc99 MSI window no device untyped may cover (src/plat/pc99/machine/hardware.c:23-26). */
    static final Region X86_MSI_WINDOW = new Region(0xFFFFFFF8L, 0x1_0000_0000L);

    private KernelBoot() {
    }

    public static BootInfo emulateKernelBoot(Platform platform, RootServerImage image) {
        KernelConfig config = platform.kernel();
        VSpaceGeometry geometry = config.vspace();
        List<String> warnings = new ArrayList<>();

        // The loader puts the device tree and then the user image after the kernel image, page aligned.
        long dtbStart = roundUp(platform.kernelImage().end(), PAGE);
        Region dtb = new Region(dtbStart, dtbStart + platform.dtbBytes());
        long uiStart = roundUp(dtb.end(), PAGE);
        long uiBytes = roundUp(image.bytes(), PAGE);
        Region uiPhysical = new Region(uiStart, uiStart + uiBytes);
        Region uiVirtual = new Region(image.vaddr(), image.vaddr() + uiBytes);

        // init_sys_state: the IPC buffer and boot info frame follow the image, then the extra boot info.
        long extraBiBytes = ExtraBootInfo.bytes(platform);
        int extraBiBits = extraBootInfoSizeBits(extraBiBytes);
        long extraBiVaddr = uiVirtual.end() + 2 * PAGE;
        Region itVirtual = new Region(uiVirtual.start(), extraBiVaddr + (extraBiBits > 0 ? 1L << extraBiBits : 0));
        // src/arch/arm/kernel/boot.c:421: it_v_reg.end >= USER_TOP stops the boot.
        if (Long.compareUnsigned(itVirtual.end(), config.userTop()) >= 0) {
            throw new KernelBootException("ERROR: userland image virt [0x" + Long.toHexString(itVirtual.start()) + "..0x"
                    + Long.toHexString(itVirtual.end()) + ") exceeds USER_TOP (0x" + Long.toHexString(config.userTop())
                    + ")");
        }
        int nPaging = pagingStructures(geometry, itVirtual);

        // arch_init_freemem: kernel image, DTB and user image are reserved; kernel device frames too.
        List<Region> reservedForFreemem = new ArrayList<>();
        reservedForFreemem.add(platform.kernelImage());
        if (!dtb.isEmpty()) {
            reservedForFreemem.add(dtb);
        }
        reservedForFreemem.add(uiPhysical);
        List<Region> free = subtract(platform.memory(), reservedForFreemem);

        long size = rootServerBytes(config, nPaging, extraBiBits);
        int maxBits = Math.max(Math.max(config.rootCNodeSizeBits() + KernelConfig.SLOT_BITS, geometry.vspaceBits()),
                extraBiBits);
        BootInfo.RootServerBlock block = null;
        for (int i = free.size() - 1; i >= 0 && block == null; i--) {
            Region r = free.get(i);
            long unalignedStart = r.end() - size;
            long start = roundDown(unalignedStart, 1L << maxBits);
            if (Long.compareUnsigned(unalignedStart, r.end()) <= 0 && Long.compareUnsigned(start, r.start()) >= 0) {
                block = placeRootServer(config, start, size, maxBits, nPaging, extraBiBits);
                free.set(i, new Region(r.start(), start));
                free.add(i + 1, new Region(start + size, r.end()));
            }
        }
        if (block == null) {
            throw new KernelBootException("no free memory region is big enough for root server objects, need size/alignment of 2^"
                    + maxBits);
        }

        // insert_region reserves every free region too, so device untypeds cover only what is not RAM.
        List<Region> allReserved = new ArrayList<>(reservedForFreemem);
        allReserved.addAll(platform.memory());
        for (Platform.Device d : platform.kernelDevices()) {
            allReserved.add(new Region(d.paddr(), d.paddr() + d.size()));
        }
        // platAddDevices (src/plat/pc99/machine/hardware.c:18-30): poking the MSI window could raise arbitrary
        // MSIs, so pc99 reserves [0xFFFFFFF8, 0xFFFFFFF8 + 8) whenever the user device range reaches it.
        if (config.architecture() == Architecture.X86_64
                && Long.compareUnsigned(config.paddrUserDeviceTop(), X86_MSI_WINDOW.start()) > 0) {
            allReserved.add(X86_MSI_WINDOW);
        }
        List<Region> reserved = merge(allReserved);

        BootInfo.CapSlots slots = bootCapSlots(config, nPaging,
                ExtraBootInfo.frames(config.architecture(), extraBiBytes, extraBiBits), (int) (uiBytes >>> PAGE_BITS));
        int firstUntypedSlot = (int) slots.userImageFrames().end();
        // The caps before the untypeds can already overflow the root CNode.
        requireFreeSlot(config, firstUntypedSlot - 1);
        UntypedListBuilder builder = new UntypedListBuilder(config, firstUntypedSlot, warnings);
        // create_untypeds (src/kernel/boot.c:790-850): device gaps, the top device region, then the boot-only
        // part of the kernel image (ki_boot_end) as RAM, then the free RAM.
        long start = 0;
        for (Region r : reserved) {
            if (Long.compareUnsigned(start, r.start()) < 0) {
                builder.addRegion(new Region(start, r.start()), true);
            }
            start = r.end();
        }
        if (Long.compareUnsigned(start, config.paddrUserDeviceTop()) < 0) {
            builder.addRegion(new Region(start, config.paddrUserDeviceTop()), true);
        }
        builder.addRegion(platform.kernelImageBoot(), false);
        for (Region r : free) {
            builder.addRegion(r, false);
        }
        BootInfo.CapSlots filled = new BootInfo.CapSlots(slots.userImagePaging(), slots.extraBootInfoPages(),
                slots.schedControl(), slots.userImageFrames(), new Region(firstUntypedSlot, builder.nextSlot()));
        Region empty = new Region(builder.nextSlot(), 1L << config.rootCNodeSizeBits());
        return new BootInfo(platform, uiPhysical, itVirtual, nPaging, extraBiBytes, extraBiBits, block, reserved,
                builder.untypeds(), filled, empty, warnings);
    }

    /**
     * The slots of the caps the boot makes before the untypeds, from slot_pos_cur = seL4_NumInitialCaps
     * (boot.c:371). Arm: paging structures (create_it_address_space, arm boot.c:488), extra boot info frames
     * (:508), SchedControl on MCS (init_sched_control, :523), then the image frames (:535). x86: SchedControl first
     * (x86 boot.c:231), then paging structures (:236), extra boot info frames (:250) and image frames (:270).
     * Microkit's boot emulation counts the SchedControl cap the same way (tool/microkit/src/sel4.rs,
     * emulate_kernel_boot: first_untyped_cap adds sched_control_cap_count).
     */
    static BootInfo.CapSlots bootCapSlots(KernelConfig config, int nPaging, int extraBiFrames, int imageFrames) {
        int sched = config.mcs() ? KernelConfig.MAX_NUM_NODES : 0;
        long cur = NUM_INITIAL_CAPS;
        Region schedControl;
        Region paging;
        Region extra;
        if (config.architecture() == Architecture.X86_64) {
            schedControl = new Region(cur, cur += sched);
            paging = new Region(cur, cur += nPaging);
            extra = new Region(cur, cur += extraBiFrames);
        } else {
            paging = new Region(cur, cur += nPaging);
            extra = new Region(cur, cur += extraBiFrames);
            schedControl = new Region(cur, cur += sched);
        }
        Region frames = new Region(cur, cur + imageFrames);
        return new BootInfo.CapSlots(paging, extra, schedControl, frames, new Region(frames.end(), frames.end()));
    }

    /** provide_cap: every boot cap needs a slot of the root CNode. */
    static void requireFreeSlot(KernelConfig config, int slotPosCur) {
        long slots = 1L << config.rootCNodeSizeBits();
        if (slotPosCur >= slots) {
            throw new KernelBootException("ERROR: can't add another cap, all " + slots
                    + " (=2^CONFIG_ROOT_CNODE_SIZE_BITS) slots used");
        }
    }

    /** calculate_rootserver_size in boot.c. */
    public static long rootServerBytes(KernelConfig config, int nPaging, int extraBiBits) {
        long size = 1L << (config.rootCNodeSizeBits() + KernelConfig.SLOT_BITS);
        size += 1L << config.tcbBits();
        size += PAGE; // IPC buffer
        size += PAGE; // boot info frame
        size += PAGE; // ASID pool
        size += extraBiBits > 0 ? 1L << extraBiBits : 0;
        size += 1L << config.vspace().vspaceBits(); // root VSpace
        if (config.mcs()) {
            size += 1L << KernelConfig.MIN_SCHED_CONTEXT_BITS;
        }
        return size + nPaging * PAGE;
    }

    /**
     * arch_get_n_paging: one structure per window below the root the initial thread's region touches
     * (get_n_paging rounds the region out to each window). With a level-1 root there is no 2^39 window
     * to count (src/arch/arm/64/kernel/vspace.c:567-575).
     */
    public static int pagingStructures(VSpaceGeometry geometry, Region itVirtual) {
        int n = 0;
        for (int bits : geometry.tableWindowBits()) {
            n += windows(itVirtual, bits);
        }
        return n;
    }

    static int windows(Region r, int bits) {
        long start = roundDown(r.start(), 1L << bits);
        long end = roundUp(r.end(), 1L << bits);
        return (int) ((end - start) >>> bits);
    }

    /** calculate_extra_bi_size_bits: at least a page, rounded up to a power of two. */
    static int extraBootInfoSizeBits(long extraBytes) {
        if (extraBytes == 0) {
            return 0;
        }
        long rounded = roundUp(extraBytes, PAGE);
        int msb = 63 - Long.numberOfLeadingZeros(rounded);
        return extraBytes > (1L << msb) ? msb + 1 : msb;
    }

    /** create_rootserver_objects: largest first, so that each object is aligned to its size. */
    private static BootInfo.RootServerBlock placeRootServer(
            KernelConfig config, long start, long size, int maxBits, int nPaging, int extraBiBits) {
        long[] cursor = {start};
        boolean[] extraDone = {extraBiBits == 0};
        int cnodeBits = config.rootCNodeSizeBits() + KernelConfig.SLOT_BITS;
        int vspaceBits = config.vspace().vspaceBits();
        maybeAllocExtraBi(cursor, extraDone, maxBits, extraBiBits);
        long cnode;
        long vspace;
        if (cnodeBits > vspaceBits) {
            cnode = alloc(cursor, cnodeBits, 1);
            maybeAllocExtraBi(cursor, extraDone, vspaceBits, extraBiBits);
            vspace = alloc(cursor, vspaceBits, 1);
        } else {
            vspace = alloc(cursor, vspaceBits, 1);
            maybeAllocExtraBi(cursor, extraDone, cnodeBits, extraBiBits);
            cnode = alloc(cursor, cnodeBits, 1);
        }
        maybeAllocExtraBi(cursor, extraDone, PAGE_BITS, extraBiBits);
        long asidPool = alloc(cursor, 12, 1);
        long ipcBuffer = alloc(cursor, 12, 1);
        long bootInfo = alloc(cursor, 12, 1);
        // A 4 KiB TCB (debug API, large FPU state) goes before the page tables, a 2 KiB one after.
        long tcb = config.tcbBits() >= 12 ? alloc(cursor, config.tcbBits(), 1) : 0;
        long paging = alloc(cursor, 12, nPaging);
        if (config.tcbBits() < 12) {
            tcb = alloc(cursor, config.tcbBits(), 1);
        }
        long sc = config.mcs() ? alloc(cursor, KernelConfig.MIN_SCHED_CONTEXT_BITS, 1) : 0;
        if (cursor[0] != start + size) {
            throw new IllegalStateException("root server objects do not fill their block");
        }
        return new BootInfo.RootServerBlock(start, size, maxBits, cnode, vspace, asidPool, ipcBuffer, bootInfo,
                paging, tcb, sc);
    }

    /** maybe_alloc_extra_bi: the extra boot info goes in as soon as it is the largest object left. */
    private static void maybeAllocExtraBi(long[] cursor, boolean[] done, int cmpBits, int extraBiBits) {
        if (!done[0] && extraBiBits >= cmpBits) {
            alloc(cursor, extraBiBits, 1);
            done[0] = true;
        }
    }

    private static long alloc(long[] cursor, int bits, int n) {
        long at = cursor[0];
        cursor[0] += (long) n << bits;
        return at;
    }

    /** Available regions minus reserved ones, in address order (the trimming loop of init_freemem). */
    static List<Region> subtract(List<Region> available, List<Region> reserved) {
        List<Region> sortedReserved = merge(reserved);
        List<Region> out = new ArrayList<>();
        for (Region a : available) {
            long cur = a.start();
            for (Region r : sortedReserved) {
                if (Long.compareUnsigned(r.end(), cur) <= 0 || Long.compareUnsigned(r.start(), a.end()) >= 0) {
                    continue;
                }
                if (Long.compareUnsigned(r.start(), cur) > 0) {
                    out.add(new Region(cur, r.start()));
                }
                cur = Long.compareUnsigned(r.end(), cur) > 0 ? r.end() : cur;
            }
            if (Long.compareUnsigned(cur, a.end()) < 0) {
                out.add(new Region(cur, a.end()));
            }
        }
        return out;
    }

    /** reserve_region's ordering and merging of adjacent or overlapping regions. */
    static List<Region> merge(List<Region> regions) {
        List<Region> sorted = regions.stream().filter(r -> !r.isEmpty()).sorted().toList();
        List<Region> out = new ArrayList<>();
        for (Region r : sorted) {
            if (!out.isEmpty() && Long.compareUnsigned(r.start(), out.get(out.size() - 1).end()) <= 0) {
                Region last = out.remove(out.size() - 1);
                long end = Long.compareUnsigned(r.end(), last.end()) > 0 ? r.end() : last.end();
                out.add(new Region(last.start(), end));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    static long roundUp(long v, long align) {
        return (v + align - 1) & -align;
    }

    static long roundDown(long v, long align) {
        return v & -align;
    }
}
