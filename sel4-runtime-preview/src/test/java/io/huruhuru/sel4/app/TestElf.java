package io.huruhuru.sel4.app;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Writes minimal ELF64 little-endian files: a header and PT_LOAD program headers, file contents zero. */
public final class TestElf {

    private TestElf() {
    }

    public static byte[] bytes(int type, int machine, long entry, List<Segment> segments) {
        long fileEnd = 64 + 56L * segments.size();
        for (Segment s : segments) {
            fileEnd = Math.max(fileEnd, s.fileOffset() + s.filesz());
        }
        ByteBuffer b = ByteBuffer.allocate((int) fileEnd).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1).putLong(24, entry).putLong(32, 64);
        b.putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) segments.size());
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            int at = 64 + 56 * i;
            b.putInt(at, 1).putInt(at + 4, s.flags()).putLong(at + 8, s.fileOffset()).putLong(at + 16, s.vaddr())
                    .putLong(at + 24, s.vaddr()).putLong(at + 32, s.filesz()).putLong(at + 40, s.memsz())
                    .putLong(at + 48, s.align());
        }
        return b.array();
    }

    /** A small static PIE shaped like a C program: text r-x, data rw- with BSS. */
    public static ElfImage helloLike(int machine) {
        return new ElfImage(true, machine, 0x8ac0L, List.of(
                new Segment(0, 0x88c6cL, 0x88c6cL, 0, Segment.PF_R | Segment.PF_X),
                new Segment(0x9c670L, 0xb1c8L, 0x2a90L, 0x8c670L, Segment.PF_R | Segment.PF_W)));
    }
}
