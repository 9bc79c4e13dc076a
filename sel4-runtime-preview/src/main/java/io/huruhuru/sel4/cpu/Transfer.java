package io.huruhuru.sel4.cpu;

/** The register side of one load or store, given its effective address (Arm ARM "MemOp" of the single-register forms). */
@FunctionalInterface
interface Transfer {
    long W = 0xFFFF_FFFFL;

    void at(Cpu cpu, long address);

    /**
     * The transfer for a size (0..3: 1 to 8 bytes) and opc (0 store, 1 zero-extending load, 2 load sign-extended to
     * 64 bits, 3 load sign-extended to 32 bits); size 3 with opc 2 is PRFM when {@code prefetchAllowed}, else null.
     */
    static Transfer of(int size, int opc, int rt, boolean prefetchAllowed) {
        return switch (opc) {
            case 0 -> switch (size) {
                case 0 -> (cpu, a) -> cpu.store8(a, cpu.xOrZero(rt));
                case 1 -> (cpu, a) -> cpu.store16(a, cpu.xOrZero(rt));
                case 2 -> (cpu, a) -> cpu.store32(a, cpu.xOrZero(rt));
                default -> (cpu, a) -> cpu.store64(a, cpu.xOrZero(rt));
            };
            case 1 -> switch (size) {
                case 0 -> (cpu, a) -> cpu.setXOrZero(rt, cpu.load8(a));
                case 1 -> (cpu, a) -> cpu.setXOrZero(rt, cpu.load16(a));
                case 2 -> (cpu, a) -> cpu.setXOrZero(rt, cpu.load32(a));
                default -> (cpu, a) -> cpu.setXOrZero(rt, cpu.load64(a));
            };
            case 2 -> switch (size) {
                case 0 -> (cpu, a) -> cpu.setXOrZero(rt, (byte) cpu.load8(a));
                case 1 -> (cpu, a) -> cpu.setXOrZero(rt, (short) cpu.load16(a));
                case 2 -> (cpu, a) -> cpu.setXOrZero(rt, (int) cpu.load32(a));
                // PRFM: a hint that never faults (Arm ARM C6.2 "PRFM (immediate)").
                default -> prefetchAllowed ? (cpu, a) -> { } : null;
            };
            default -> switch (size) {
                case 0 -> (cpu, a) -> cpu.setXOrZero(rt, (byte) cpu.load8(a) & W);
                case 1 -> (cpu, a) -> cpu.setXOrZero(rt, (short) cpu.load16(a) & W);
                default -> null;
            };
        };
    }

    static long load(Cpu cpu, long address, int size) {
        return switch (size) {
            case 0 -> cpu.load8(address);
            case 1 -> cpu.load16(address);
            case 2 -> cpu.load32(address);
            default -> cpu.load64(address);
        };
    }

    static void store(Cpu cpu, long address, int size, long value) {
        switch (size) {
            case 0 -> cpu.store8(address, value);
            case 1 -> cpu.store16(address, value);
            case 2 -> cpu.store32(address, value);
            default -> cpu.store64(address, value);
        }
    }
}
