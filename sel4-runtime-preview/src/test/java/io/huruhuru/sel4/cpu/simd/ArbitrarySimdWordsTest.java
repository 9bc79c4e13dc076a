package io.huruhuru.sel4.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.cpu.Instruction;
import io.huruhuru.sel4.cpu.MemoryFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Code is untrusted bytes: every word of the FP/SIMD spaces decodes without throwing, and executing what decodes,
 * from random registers and FPCR, either completes or raises the cpu's MemoryFault, never another exception.
 */
class ArbitrarySimdWordsTest {

    private static int intoSimdSpace(Random random) {
        int word = random.nextInt();
        return random.nextBoolean()
                ? word | 0x0E00_0000
                : (word & ~0x0A00_0000) | 0x0800_0000 | (1 << 26);
    }

    @Test
    void randomFpSimdWordsDecodeAndExecuteWithoutAJavaException() {
        Random random = new Random(23);
        SimdMachine m = new SimdMachine();
        int decoded = 0;
        int faulted = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            int word = intoSimdSpace(random);
            Instruction instruction = SimdDecoder.decode(word, SimdMachine.CODE);
            if (instruction == null) {
                continue;
            }
            decoded++;
            for (int r = 0; r < 64; r++) {
                m.cpu.v[r] = random.nextLong();
            }
            for (int r = 0; r < 31; r++) {
                m.cpu.x[r] = random.nextBoolean() ? SimdMachine.DATA + random.nextInt(4096) : random.nextLong();
            }
            m.cpu.sp = SimdMachine.DATA + 2048;
            m.cpu.fpcr = random.nextInt(16) << 22;
            try {
                instruction.execute(m.cpu);
            } catch (MemoryFault fault) {
                faulted++;
            } catch (RuntimeException e) {
                failures.add(Integer.toHexString(word) + ": " + e);
            }
        }
        System.out.printf("random FP/SIMD words: 300000 drawn, %d decoded, %d of those faulted on memory%n",
                decoded, faulted);
        assertTrue(decoded > 10_000, "a good share of the space decodes");
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())));
    }
}
