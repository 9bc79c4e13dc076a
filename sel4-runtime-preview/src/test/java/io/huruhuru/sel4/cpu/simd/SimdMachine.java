package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.Page;
import io.huruhuru.sel4.cpu.Stop;

/** A Cpu over two mapped pages: code (the given words, then {@code svc #0}) and one read-write data page. */
final class SimdMachine {
    static final long CODE = 0x40_0000L;
    static final long DATA = 0x50_0000L;
    private static final int SVC_0 = 0xD400_0001;

    final byte[] code = new byte[4096];
    final byte[] data = new byte[4096];
    final Cpu cpu;

    SimdMachine(int... words) {
        for (int i = 0; i <= words.length; i++) {
            int w = i < words.length ? words[i] : SVC_0;
            for (int b = 0; b < 4; b++) {
                code[4 * i + b] = (byte) (w >>> (8 * b));
            }
        }
        Page codePage = new Page(code, 0, true, false, true);
        Page dataPage = new Page(data, 0, true, true, false);
        cpu = new Cpu(va -> (va & ~0xFFFL) == CODE ? codePage : (va & ~0xFFFL) == DATA ? dataPage : null);
        cpu.pc = CODE;
    }

    /** Runs to the closing svc; anything else (a fault, an undefined instruction) is returned as it is. */
    Stop run() {
        return cpu.run(10_000);
    }

    SimdMachine d(int reg, double value) {
        cpu.v[2 * reg] = Double.doubleToRawLongBits(value);
        cpu.v[2 * reg + 1] = 0;
        return this;
    }

    SimdMachine s(int reg, float value) {
        cpu.v[2 * reg] = Float.floatToRawIntBits(value) & 0xFFFF_FFFFL;
        cpu.v[2 * reg + 1] = 0;
        return this;
    }

    SimdMachine q(int reg, long high, long low) {
        cpu.v[2 * reg] = low;
        cpu.v[2 * reg + 1] = high;
        return this;
    }

    double d(int reg) {
        return Double.longBitsToDouble(cpu.v[2 * reg]);
    }

    float s(int reg) {
        return Float.intBitsToFloat((int) cpu.v[2 * reg]);
    }
}
