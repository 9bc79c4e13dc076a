package io.huruhuru.sel4.boot;

import java.util.List;

/**
 * What the kernel hands the root server after boot (seL4_BootInfo), plus where boot.c placed
 * the root server's own objects.
 *
 * @param extraBootInfoBytes extraLen: the extra boot info chunks, each behind a 16-byte seL4_BootInfoHeader
 * @param untypeds the boot untyped list, device regions first, at most CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS
 * @param capSlots the slot regions of the root CNode the boot filled, as seL4_BootInfo lists them
 * @param emptySlots the first and one past the last free slot of the root CNode (bi_frame->empty)
 * @param warnings what the kernel printed but booted anyway
 */
public record BootInfo(
        Platform platform,
        Region userImagePhysical,
        Region initialThreadVirtual,
        int initialThreadPagingStructures,
        long extraBootInfoBytes,
        int extraBootInfoBits,
        RootServerBlock rootServerBlock,
        List<Region> reserved,
        List<BootUntyped> untypeds,
        CapSlots capSlots,
        Region emptySlots,
        List<String> warnings) {

    public BootInfo {
        reserved = List.copyOf(reserved);
        untypeds = List.copyOf(untypeds);
        warnings = List.copyOf(warnings);
    }

    /** The root server's kernel objects, carved top-down from one free region (create_rootserver_objects). */
    public record RootServerBlock(
            long paddr, long bytes, int alignBits, long cnode, long vspace, long asidPool, long ipcBuffer,
            long bootInfoFrame, long pagingStart, long tcb, long schedContext) {
    }

    /**
     * Where the boot put its caps (seL4_BootInfo: userImagePaging, extraBIPages, schedcontrol, userImageFrames,
     * untyped), each a half-open slot range; schedControl is empty on a kernel without MCS.
     */
    public record CapSlots(Region userImagePaging, Region extraBootInfoPages, Region schedControl,
                           Region userImageFrames, Region untypeds) {
    }

    /** The first slot holding an untyped cap (bi_frame->untyped.start). */
    public int firstUntypedSlot() {
        return (int) capSlots.untypeds().start();
    }

    /** RAM handed to the root server as ordinary untyped memory. */
    public long ramUntypedBytes() {
        return untypeds.stream().filter(u -> !u.isDevice()).mapToLong(BootUntyped::bytes).sum();
    }
}
