package io.huruhuru.sel4.boot;

import io.huruhuru.sel4.kernel.KernelConfig;
import java.util.ArrayList;
import java.util.List;

/** create_untypeds_for_region and provide_untyped_cap (boot.c): greedy aligned power-of-two untypeds. */
final class UntypedListBuilder {

    private final KernelConfig config;
    private final int firstSlot;
    private final List<String> warnings;
    private final List<BootUntyped> untypeds = new ArrayList<>();
    private int slotPosCur;
    private boolean warnedTooMany;

    UntypedListBuilder(KernelConfig config, int firstSlot, List<String> warnings) {
        this.config = config;
        this.firstSlot = firstSlot;
        this.slotPosCur = firstSlot;
        this.warnings = warnings;
    }

    void addRegion(Region region, boolean device) {
        long start = region.start();
        long end = region.end();
        while (start != end) {
            int sizeBits = 63 - Long.numberOfLeadingZeros(end - start);
            sizeBits = Math.min(sizeBits, KernelConfig.MAX_UNTYPED_BITS);
            // Address 0 is aligned to everything; elsewhere the alignment of start caps the size.
            if (start != 0) {
                sizeBits = Math.min(sizeBits, Long.numberOfTrailingZeros(start));
            }
            if (sizeBits >= KernelConfig.MIN_UNTYPED_BITS) {
                provide(start, sizeBits, device);
            }
            start += 1L << sizeBits;
        }
    }

    private void provide(long paddr, int sizeBits, boolean device) {
        int i = slotPosCur - firstSlot;
        if (i < config.maxBootInfoUntypeds()) {
            KernelBoot.requireFreeSlot(config, slotPosCur);
            untypeds.add(new BootUntyped(paddr, sizeBits, device, slotPosCur));
            slotPosCur++;
        } else if (!warnedTooMany) {
            // The kernel prints this for every region past the limit; their memory is lost to user level.
            warnedTooMany = true;
            warnings.add("Kernel init: Too many untyped regions for boot info (CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS = "
                    + config.maxBootInfoUntypeds() + "); the memory past that is not handed to the root server");
        }
    }

    int nextSlot() {
        return slotPosCur;
    }

    List<BootUntyped> untypeds() {
        return untypeds;
    }
}
