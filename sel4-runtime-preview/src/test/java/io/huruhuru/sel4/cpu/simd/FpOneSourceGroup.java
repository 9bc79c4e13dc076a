package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.fp;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.pick;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.reg;

import java.util.Random;

/** FABS, FNEG, FSQRT, FMOV, FRINT*, FCVT between precisions, FMOV immediate. */
final class FpOneSourceGroup implements RandomInstructionGroups.Group {
    public String next(Random r) {
        String t = fp(r, true);
        int choice = r.nextInt(4);
        if (choice == 0) {
            String to = fp(r, true);
            while (to.equals(t)) {
                to = fp(r, true);
            }
            return String.format("fcvt %s%d, %s%d", to, reg(r), t, reg(r));
        }
        if (choice == 1) {
            return String.format("fmov %s%d, #%s", fp(r, true), reg(r), pick(r, "1.0", "-2.5", "0.125",
                    "31.0", "-0.1875", "1.9375"));
        }
        return String.format("%s %s%d, %s%d", pick(r, "fabs", "fneg", "fsqrt", "fmov", "frintn", "frintp",
                "frintm", "frintz", "frinta", "frintx", "frinti"), t, reg(r), t, reg(r));
    }
}
