package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Fault reports name the faulting instruction (finding 13). */
class InstructionClassTest {

    @Test
    void theStoresAndLoadsTheCorpusFaultsOnHaveTheirMnemonics() {
        assertEquals("str (32-bit, unsigned offset)", InstructionClass.of(0xb9000001));
        assertEquals("str (32-bit, unsigned offset)", InstructionClass.of(0xb900341f));
        assertEquals("ldrb (unsigned offset)", InstructionClass.of(0x39400260));
        assertEquals("stp", InstructionClass.of(0xa9bf7bfd));
        assertEquals("ldr (64-bit, register offset)", InstructionClass.of(0xf8617800));
        assertEquals("udf", InstructionClass.of(0));
    }

    @Test
    void otherWordsGetTheirEncodingGroup() {
        assertEquals("data processing (immediate)", InstructionClass.of(0x91000400));
        assertEquals("data processing (register)", InstructionClass.of(0x8b010000));
        assertEquals("SIMD and floating point", InstructionClass.of(0x1e602820));
        assertEquals("SVE", InstructionClass.of(0x04200000));
    }
}
