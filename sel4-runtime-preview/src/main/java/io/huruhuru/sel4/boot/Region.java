package io.huruhuru.sel4.boot;

/** A half-open physical or virtual address range [start, end), as the kernel's p_region_t and v_region_t. */
public record Region(long start, long end) implements Comparable<Region> {

    public Region {
        if (Long.compareUnsigned(start, end) > 0) {
            throw new IllegalArgumentException("region start 0x" + Long.toHexString(start)
                    + " lies above its end 0x" + Long.toHexString(end));
        }
    }

    public long size() {
        return end - start;
    }

    public boolean isEmpty() {
        return start == end;
    }

    @Override
    public int compareTo(Region o) {
        return Long.compareUnsigned(start, o.start);
    }
}
