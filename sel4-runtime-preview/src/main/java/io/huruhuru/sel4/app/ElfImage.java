package io.huruhuru.sel4.app;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * What the root server needs from an ELF64 executable: type, machine, entry point and PT_LOAD segments
 * (System V ABI, ELF header and program header table).
 */
public record ElfImage(boolean positionIndependent, int machine, long entry, List<Segment> segments) {

    private static final int PT_LOAD = 1;
    private static final int ET_EXEC = 2;
    private static final int ET_DYN = 3;

    public ElfImage {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("the ELF file has no PT_LOAD segment");
        }
    }

    /** Reads the ELF header and program headers; anything malformed is an IllegalArgumentException. */
    public static ElfImage parse(byte[] bytes) {
        if (bytes.length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new IllegalArgumentException("not an ELF file (bad magic)");
        }
        if (bytes[4] != 2) {
            throw new IllegalArgumentException("not a 64-bit ELF file (EI_CLASS " + bytes[4] + ")");
        }
        if (bytes[5] != 1) {
            throw new IllegalArgumentException("not a little-endian ELF file (EI_DATA " + bytes[5] + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int type = Short.toUnsignedInt(b.getShort(16));
        if (type != ET_EXEC && type != ET_DYN) {
            throw new IllegalArgumentException("the ELF file is neither an executable nor a PIE (e_type " + type + ")");
        }
        int machine = Short.toUnsignedInt(b.getShort(18));
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        if (phentsize < 56) {
            throw new IllegalArgumentException("program header entries are too small (" + phentsize + " bytes)");
        }
        if (phoff < 0 || phoff + (long) phentsize * phnum > bytes.length) {
            throw new IllegalArgumentException("the program header table lies outside the file");
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            if (b.getInt(at) != PT_LOAD) {
                continue;
            }
            int flags = b.getInt(at + 4);
            long offset = b.getLong(at + 8);
            long vaddr = b.getLong(at + 16);
            long filesz = b.getLong(at + 32);
            long memsz = b.getLong(at + 40);
            if (offset < 0 || filesz < 0 || offset + filesz > bytes.length) {
                throw new IllegalArgumentException("PT_LOAD segment " + i + " reaches past the end of the file");
            }
            segments.add(new Segment(vaddr, memsz, filesz, offset, flags));
        }
        return new ElfImage(type == ET_DYN, machine, entry, segments);
    }
}
