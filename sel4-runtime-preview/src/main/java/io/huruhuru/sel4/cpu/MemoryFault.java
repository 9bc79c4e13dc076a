package io.huruhuru.sel4.cpu;

/** A data access the AddressSpace refuses; {@link Cpu#run} turns it into {@link Stop.VmFault}. */
public final class MemoryFault extends RuntimeException {
    private final long address;
    private final long fsr;

    MemoryFault(long address, long fsr) {
        super(null, null, false, false);
        this.address = address;
        this.fsr = fsr;
    }

    /** The faulting virtual address (FAR). */
    public long address() {
        return address;
    }

    /** The fault status as seL4 reports it in seL4_Fault_VMFault's FSR word. */
    public long fsr() {
        return fsr;
    }
}
