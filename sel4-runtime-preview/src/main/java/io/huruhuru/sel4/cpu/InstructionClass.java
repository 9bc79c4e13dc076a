package io.huruhuru.sel4.cpu;

import java.util.List;

/**
 * A short name for an instruction word, for fault reports: the mnemonic of the common loads, stores and system
 * instructions a fault comes from, else the encoding group of Arm ARM C4.1 ("A64 instruction set encoding").
 */
public final class InstructionClass {

    private record Row(int mask, int match, String name) { }

    /** Exact forms first (Arm ARM C4.1.66 to C4.1.94 for loads and stores), matched in order. */
    private static final List<Row> ROWS = List.of(
            new Row(0xFFFF0000, 0x00000000, "udf"),
            new Row(0xFFE0001F, 0xD4000001, "svc"),
            new Row(0xFFE0001F, 0xD4200000, "brk"),
            new Row(0xFFC00000, 0x39000000, "strb (unsigned offset)"),
            new Row(0xFFC00000, 0x39400000, "ldrb (unsigned offset)"),
            new Row(0xFFC00000, 0x79000000, "strh (unsigned offset)"),
            new Row(0xFFC00000, 0x79400000, "ldrh (unsigned offset)"),
            new Row(0xFFC00000, 0xB9000000, "str (32-bit, unsigned offset)"),
            new Row(0xFFC00000, 0xB9400000, "ldr (32-bit, unsigned offset)"),
            new Row(0xFFC00000, 0xF9000000, "str (64-bit, unsigned offset)"),
            new Row(0xFFC00000, 0xF9400000, "ldr (64-bit, unsigned offset)"),
            new Row(0xFFE00C00, 0x38000000, "sturb"),
            new Row(0xFFE00C00, 0x38400000, "ldurb"),
            new Row(0xFFE00C00, 0xB8000000, "stur (32-bit)"),
            new Row(0xFFE00C00, 0xB8400000, "ldur (32-bit)"),
            new Row(0xFFE00C00, 0xF8000000, "stur (64-bit)"),
            new Row(0xFFE00C00, 0xF8400000, "ldur (64-bit)"),
            new Row(0xFFE00C00, 0x38200800, "strb (register offset)"),
            new Row(0xFFE00C00, 0x38600800, "ldrb (register offset)"),
            new Row(0xFFE00C00, 0xB8200800, "str (32-bit, register offset)"),
            new Row(0xFFE00C00, 0xB8600800, "ldr (32-bit, register offset)"),
            new Row(0xFFE00C00, 0xF8200800, "str (64-bit, register offset)"),
            new Row(0xFFE00C00, 0xF8600800, "ldr (64-bit, register offset)"),
            new Row(0x3A400000, 0x28000000, "stp"),
            new Row(0x3A400000, 0x28400000, "ldp"),
            new Row(0x3F400000, 0x08000000, "store exclusive or release"),
            new Row(0x3F400000, 0x08400000, "load exclusive or acquire"),
            new Row(0x3B000000, 0x18000000, "ldr (literal)"),
            new Row(0xFC000000, 0x14000000, "b"),
            new Row(0xFC000000, 0x94000000, "bl"),
            new Row(0xFFFFFC1F, 0xD63F0000, "blr"),
            new Row(0xFFFFFC1F, 0xD61F0000, "br"),
            new Row(0xFFFFFC1F, 0xD65F0000, "ret"),
            new Row(0xFFF80000, 0xD5080000, "sys (cache maintenance)"),
            new Row(0xFFF00000, 0xD5300000, "mrs"),
            new Row(0xFFF00000, 0xD5100000, "msr"));

    private InstructionClass() {
    }

    /** The mnemonic of a known form, else the encoding group, e.g. "str (32-bit, unsigned offset)". */
    public static String of(int bits) {
        for (Row r : ROWS) {
            if ((bits & r.mask()) == r.match()) {
                return r.name();
            }
        }
        int op0 = (bits >>> 25) & 0xF;
        if ((op0 & 0b0111) == 0b0111 || (op0 & 0b0101) == 0b0100 && ((bits >>> 26) & 1) != 0) {
            return "SIMD and floating point";
        }
        if ((op0 & 0b0101) == 0b0100) {
            return "load or store";
        }
        if ((op0 & 0b1110) == 0b1000) {
            return "data processing (immediate)";
        }
        if ((op0 & 0b1110) == 0b1010) {
            return "branch, exception or system";
        }
        if ((op0 & 0b0111) == 0b0101) {
            return "data processing (register)";
        }
        return op0 == 0b0010 ? "SVE" : "unallocated or SME";
    }
}
