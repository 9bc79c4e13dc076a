package io.huruhuru.sel4.cpu;

import java.util.HashMap;
import java.util.Map;

/** An AddressSpace over plain byte arrays, each page its own frame, for driving the cpu in tests. */
final class TestMemory implements AddressSpace {
    private final Map<Long, Page> pages = new HashMap<>();

    @Override
    public Page page(long vaddr) {
        return pages.get(vaddr >>> 12);
    }

    TestMemory map(long vaddr, int count, boolean readable, boolean writable, boolean executable) {
        for (int i = 0; i < count; i++) {
            pages.put((vaddr >>> 12) + i, new Page(new byte[4096], 0, readable, writable, executable));
        }
        return this;
    }

    void unmap(long vaddr) {
        pages.remove(vaddr >>> 12);
    }

    void write(long vaddr, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            Page page = page(vaddr + i);
            page.frame()[page.offset() + (int) ((vaddr + i) & 4095)] = bytes[i];
        }
    }

    void writeWords(long vaddr, int[] words) {
        for (int i = 0; i < words.length; i++) {
            writeLong(vaddr + 4L * i, words[i], 4);
        }
    }

    void writeLong(long vaddr, long value, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        write(vaddr, bytes);
    }

    long readLong(long vaddr, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            Page page = page(vaddr + i);
            value = (value << 8) | (page.frame()[page.offset() + (int) ((vaddr + i) & 4095)] & 0xFF);
        }
        return value;
    }
}
