package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LogicalImmediateTest {
    /** (N, immr, imms) and the 64-bit pattern DecodeBitMasks gives, worked out from the Arm ARM's definition. */
    private static final long[][] TABLE = {
        {1, 0, 0, 0x1L},
        {1, 0, 62, 0x7FFF_FFFF_FFFF_FFFFL},
        {1, 1, 0, 0x8000_0000_0000_0000L},
        {1, 4, 3, 0xF000_0000_0000_0000L},
        {0, 0, 0b111100, 0x5555_5555_5555_5555L},
        {0, 1, 0b111100, 0xAAAA_AAAA_AAAA_AAAAL},
        {0, 0, 0b110001, 0x0303_0303_0303_0303L},
        {0, 0, 0b100111, 0x00FF_00FF_00FF_00FFL},
        {0, 8, 0b100111, 0xFF00_FF00_FF00_FF00L},
        {0, 0, 0b011110, 0x7FFF_FFFF_7FFF_FFFFL},
        {0, 16, 0b001111, 0xFFFF_0000_FFFF_0000L},
    };

    @Test
    void decodeBitMasksMatchesTheTable() {
        for (long[] row : TABLE) {
            long[] masks = Alu.decodeBitMasks((int) row[0], (int) row[2], (int) row[1], true, 64);
            assertEquals(row[3], masks[0], "N=" + row[0] + " immr=" + row[1] + " imms=" + row[2]);
        }
    }

    @Test
    void reservedCombinationsAreRejected() {
        assertNull(Alu.decodeBitMasks(1, 0b111111, 0, true, 64), "all ones is not encodable");
        assertNull(Alu.decodeBitMasks(0, 0b111111, 0, true, 64), "len < 1");
        assertNull(Alu.decodeBitMasks(0, 0b111101, 0, true, 64), "2-bit element of all ones");
        assertNull(Alu.decodeBitMasks(1, 0, 0, true, 32), "N = 1 in a 32-bit operation");
    }

    @Test
    void immediatesTheAssemblerEncodesDecodeBackToTheSameValue() {
        long[] values = {0x5555555555555555L, 0x0F0F0F0F0F0F0F0FL, 0xFFFFFFFF00000000L, 0x00000000FFFFFFFEL,
            0x8000000000000001L, 0x3FFC3FFC3FFC3FFCL, 0x0000FFFFFFFF0000L, 0x1111111111111111L, 0xFFFFFFFFFFFFFFF0L};
        StringBuilder source = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            source.append(String.format("orr x%d, xzr, #0x%x%n", i, values[i]));
        }
        source.append("orr w20, wzr, #0xff00ff00\nand w21, w20, #0x0ffffff0");
        Machine m = Machine.of(source.toString());
        m.runToEnd();
        long[] got = new long[values.length];
        System.arraycopy(m.cpu.x, 0, got, 0, values.length);
        assertArrayEquals(values, got);
        assertEquals(0xFF00_FF00L, m.x(20));
        assertEquals(0x0F00_FF00L, m.x(21));
    }

    @Test
    void aReservedLogicalImmediateIsAnUndefinedInstruction() {
        Machine m = new Machine();
        int word = 0xB240_FC00 | 0x1F << 5; // orr x0, xzr with N=1, immr=0, imms=0b111111: all ones, reserved
        m.load(new int[] {word});
        Stop stop = m.cpu.run(10);
        assertEquals(new Stop.UndefinedInstruction(Machine.CODE, word), assertInstanceOf(Stop.UndefinedInstruction.class, stop));
        assertEquals(0, m.cpu.instructions());
    }
}
