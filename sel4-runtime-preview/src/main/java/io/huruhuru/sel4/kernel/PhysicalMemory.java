package io.huruhuru.sel4.kernel;

import java.util.HashMap;
import java.util.Map;

/**
 * The bytes of physical memory, kept sparsely in 4 KiB pages that come into being, zero-filled, when first
 * touched. Retyping a frame zeroes it (seL4's createNewObjects clears frame memory), so a page's contents
 * never outlive the frame that held them.
 */
public final class PhysicalMemory {

    public static final int PAGE_BYTES = 4096;

    private final Map<Long, byte[]> pages = new HashMap<>();

    /** The 4 KiB page holding paddr (its bytes start at paddr & ~0xfff), made zero-filled on first touch. */
    public byte[] page(long paddr) {
        return pages.computeIfAbsent(paddr >>> 12, k -> new byte[PAGE_BYTES]);
    }

    /** Zeroes [paddr, paddr + bytes): only pages already touched hold anything to clear. */
    public void zero(long paddr, long bytes) {
        if (bytes >= (long) pages.size() * PAGE_BYTES) {
            long first = paddr >>> 12;
            long last = (paddr + bytes - 1) >>> 12;
            pages.keySet().removeIf(k -> k >= first && k <= last);
            return;
        }
        for (long p = paddr & -PAGE_BYTES; p < paddr + bytes; p += PAGE_BYTES) {
            pages.remove(p >>> 12);
        }
    }

    /** The number of pages holding bytes, for tests and reports. */
    public int touchedPages() {
        return pages.size();
    }
}
