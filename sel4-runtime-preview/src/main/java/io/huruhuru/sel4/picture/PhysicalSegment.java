package io.huruhuru.sel4.picture;

/** A run of physical memory with one use: whose it is (empty for the kernel, root server or free) and what for. */
record PhysicalSegment(RegionKind kind, String owner, String label, long start, long size) {

    long end() {
        return start + size;
    }

    /** Whether an application (or message server PD) took it. */
    boolean allocated() {
        return !owner.isEmpty();
    }
}
