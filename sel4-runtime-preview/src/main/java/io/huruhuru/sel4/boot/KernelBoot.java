package io.huruhuru.sel4.boot;

import io.huruhuru.sel4.kernel.KernelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's boot as a pure function of a platform and a root server image: reserved regions,
 * free memory, the root server object block and the boot untyped list (src/kernel/boot.c,
 * src/arch/arm/kernel/boot.c).
 */
public final class KernelBoot {

    /** seL4_NumInitialCaps: slots 0..15 of the root CNode hold the initial caps (bootinfo_types.h). */
    public static final int NUM_INITIAL_CAPS = 16;
    private static final int PAGE_BITS = KernelConfig.PAGE_BITS;
    private static final long PAGE = 1L << PAGE_BITS;

    private KernelBoot() {
    }

    public static BootInfo emulateKernelBoot(Platform platform, RootServerImage image) {
        KernelConfig config = platform.kernel();
        List<String> warnings = new ArrayList<>();

        // The loader puts the device tree and then the user image after the kernel image, page aligned.
        long dtbStart = roundUp(platform.kernelImage().end(), PAGE);
        Region dtb = new Region(dtbStart, dtbStart + platform.dtbBytes());
        long uiStart = roundUp(dtb.end(), PAGE);
        long uiBytes = roundUp(image.bytes(), PAGE);
        Region uiPhysical = new Region(uiStart, uiStart + uiBytes);
        Region uiVirtual = new Region(image.vaddr(), image.vaddr() + uiBytes);

        // init_sys_state: the IPC buffer and boot info frame follow the image, then the extra boot info.
        long extraBiBytes = platform.dtbBytes() == 0 ? 0 : 8 + platform.dtbBytes();
        int extraBiBits = extraBootInfoSizeBits(extraBiBytes);
        long extraBiVaddr = uiVirtual.end() + 2 * PAGE;
        Region itVirtual = new Region(uiVirtual.start(), extraBiVaddr + (extraBiBits > 0 ? 1L << extraBiBits : 0));
        if (Long.compareUnsigned(itVirtual.end(), config.architecture().userTop()) >= 0) {
            throw new KernelBootException("userland image virtual range exceeds USER_TOP");
        }
        int nPaging = pagingStructures(itVirtual);

        // arch_init_freemem: kernel image, DTB and user image are reserved; kernel device frames too.
        List<Region> reservedForFreemem = new ArrayList<>();
        reservedForFreemem.add(platform.kernelImage());
        if (!dtb.isEmpty()) {
            reservedForFreemem.add(dtb);
        }
        reservedForFreemem.add(uiPhysical);
        List<Region> free = subtract(platform.memory(), reservedForFreemem);

        long size = rootServerBytes(config, nPaging, extraBiBits);
        int maxBits = Math.max(Math.max(config.rootCNodeSizeBits() + KernelConfig.SLOT_BITS, 12), extraBiBits);
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
        List<Region> reserved = merge(allReserved);

        int extraBiPages = extraBiBits > 0 ? 1 << (extraBiBits - PAGE_BITS) : 0;
        int firstUntypedSlot = NUM_INITIAL_CAPS + nPaging + (int) (uiBytes >>> PAGE_BITS) + extraBiPages;
        // The image's frame caps come before the untypeds; they can already overflow the root CNode.
        requireFreeSlot(config, firstUntypedSlot - 1);
        UntypedListBuilder builder = new UntypedListBuilder(config, firstUntypedSlot, warnings);
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
        for (Region r : free) {
            builder.addRegion(r, false);
        }
        Region empty = new Region(builder.nextSlot(), 1L << config.rootCNodeSizeBits());
        return new BootInfo(platform, uiPhysical, itVirtual, nPaging, extraBiBits, block, reserved,
                builder.untypeds(), firstUntypedSlot, empty, warnings);
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
        size += PAGE; // root VSpace
        if (config.mcs()) {
            size += 1L << KernelConfig.MIN_SCHED_CONTEXT_BITS;
        }
        return size + nPaging * PAGE;
    }

    /**
     * arch_get_n_paging: one structure per 2^39 (PUD/PDPT), 2^30 (PD) and 2^21 (PT) window the
     * initial thread's region touches (get_n_paging rounds the region out to each window).
     */
    public static int pagingStructures(Region itVirtual) {
        return windows(itVirtual, 39) + windows(itVirtual, 30) + windows(itVirtual, 21);
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
        maybeAllocExtraBi(cursor, extraDone, maxBits, extraBiBits);
        long cnode;
        long vspace;
        if (cnodeBits > 12) {
            cnode = alloc(cursor, cnodeBits, 1);
            maybeAllocExtraBi(cursor, extraDone, 12, extraBiBits);
            vspace = alloc(cursor, 12, 1);
        } else {
            vspace = alloc(cursor, 12, 1);
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
