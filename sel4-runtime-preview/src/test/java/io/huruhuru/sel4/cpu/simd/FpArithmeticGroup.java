package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.fp;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.pick;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.reg;

import java.util.Random;

/** FADD, FSUB, FMUL, FDIV, FMAX(NM), FMIN(NM), FNMUL and the fused FMADD family, scalar. */
final class FpArithmeticGroup implements RandomInstructionGroups.Group {
    public String next(Random r) {
        String t = fp(r, true);
        if (r.nextInt(4) == 0) {
            return String.format("%s %s%d, %s%d, %s%d, %s%d", pick(r, "fmadd", "fmsub", "fnmadd", "fnmsub"),
                    t, reg(r), t, reg(r), t, reg(r), t, reg(r));
        }
        return String.format("%s %s%d, %s%d, %s%d", pick(r, "fadd", "fsub", "fmul", "fdiv", "fmax", "fmin",
                "fmaxnm", "fminnm", "fnmul"), t, reg(r), t, reg(r), t, reg(r));
    }
}
