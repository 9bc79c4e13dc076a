package io.huruhuru.sel4.boot;

/** One entry of the boot info untyped list (seL4_UntypedDesc) and the root CNode slot holding its cap. */
public record BootUntyped(long paddr, int sizeBits, boolean isDevice, int slot) {

    public long bytes() {
        return 1L << sizeBits;
    }
}
