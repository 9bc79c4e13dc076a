package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Code is untrusted bytes: any 32-bit word decodes, and executing it ends in a Stop, never a Java exception. */
class ArbitraryWordsTest {
    private enum Outcome { RETIRED, SUPERVISOR_CALL, VM_FAULT, UNDEFINED }

    @Test
    void everyWordDecodesWithoutThrowing() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000_000; i++) {
            int word = random.nextInt();
            assertNotNull(Decoder.decode(word, Machine.CODE), Integer.toHexString(word));
        }
    }

    @Test
    void executingRandomWordsFromRandomRegistersOnlyEverStops() {
        Random random = new Random(11);
        Machine m = new Machine();
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (int i = 0; i < 100_000; i++) {
            int word = random.nextInt();
            m.load(new int[] {word, 0xD4000001}); // the word, then svc #0
            m.cpu.addressSpaceChanged();
            for (int r = 0; r < 31; r++) {
                m.cpu.x[r] = random.nextBoolean() ? Machine.DATA + random.nextInt(0x4000) : random.nextLong();
            }
            m.cpu.sp = Machine.STACK_TOP - 64;
            m.cpu.pc = Machine.CODE;
            Stop stop = m.cpu.run(1);
            Outcome outcome;
            if (stop instanceof Stop.UndefinedInstruction undefined) {
                assertEquals(word, undefined.bits());
                outcome = Outcome.UNDEFINED;
            } else if (stop instanceof Stop.VmFault) {
                outcome = Outcome.VM_FAULT;
            } else if (stop instanceof Stop.SupervisorCall) {
                outcome = Outcome.SUPERVISOR_CALL;
            } else {
                outcome = Outcome.RETIRED;
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        assertEquals(0, m.cpu.internalErrors, "no instruction failed inside the model");
        System.out.println("random words executed: " + outcomes);
    }
}
