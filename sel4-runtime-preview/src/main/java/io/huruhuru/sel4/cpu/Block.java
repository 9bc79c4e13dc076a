package io.huruhuru.sel4.cpu;

/** A run of decoded instructions from {@code start}; only the last may branch, stop or be undefined. */
record Block(long start, Instruction[] instructions) {
    long end() {
        return start + 4L * instructions.length;
    }
}
