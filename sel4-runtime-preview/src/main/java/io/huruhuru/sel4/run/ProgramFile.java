package io.huruhuru.sel4.run;

import io.huruhuru.sel4.app.ElfImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An ELF executable's bytes with what running it needs beyond {@link ElfImage}: where its program headers
 * lie in memory (AT_PHDR, unbiased), their size and number (System V ABI, program header table).
 */
public record ProgramFile(byte[] bytes, ElfImage elf, long phdrVaddr, int phent, int phnum) {

    private static final int PT_LOAD = 1;
    private static final int PT_PHDR = 6;

    /** Parses the file; anything malformed is an IllegalArgumentException (as {@link ElfImage#parse}). */
    public static ProgramFile parse(byte[] bytes) {
        ElfImage elf = ElfImage.parse(bytes);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(32);
        int phent = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        Long phdr = null;
        for (int i = 0; i < phnum && phdr == null; i++) {
            int at = (int) (phoff + (long) i * phent);
            if (b.getInt(at) == PT_PHDR) {
                phdr = b.getLong(at + 16);
            }
        }
        // Without PT_PHDR the headers are wherever the PT_LOAD segment holding file offset phoff puts them.
        for (int i = 0; i < phnum && phdr == null; i++) {
            int at = (int) (phoff + (long) i * phent);
            long offset = b.getLong(at + 8);
            long filesz = b.getLong(at + 32);
            if (b.getInt(at) == PT_LOAD && phoff >= offset && phoff + (long) phent * phnum <= offset + filesz) {
                phdr = b.getLong(at + 16) + (phoff - offset);
            }
        }
        return new ProgramFile(bytes, elf, phdr == null ? 0 : phdr, phent, phnum);
    }
}
