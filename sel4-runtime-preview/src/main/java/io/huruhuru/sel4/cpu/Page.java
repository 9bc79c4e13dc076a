package io.huruhuru.sel4.cpu;

/** One mapped 4 KiB page: its bytes are frame[offset, offset + 4096); rights as the mapping grants them. */
public record Page(byte[] frame, int offset, boolean readable, boolean writable, boolean executable) { }
