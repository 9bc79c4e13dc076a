package io.huruhuru.sel4.kernel;

/** An instruction set architecture the model knows, with the libsel4 constants that differ between them. */
public enum Architecture {
    /** AArch64: libsel4/sel4_arch_include/aarch64/sel4/sel4_arch/constants.h (non-hypervisor seL4_UserTop). */
    AARCH64("aarch64", 183, 0x00007fffffffffffL),
    /** x86_64: libsel4/sel4_arch_include/x86_64/sel4/sel4_arch/constants.h. */
    X86_64("x86_64", 62, 0x00007ffffffff000L);

    private final String id;
    private final int elfMachine;
    private final long userTop;

    Architecture(String id, int elfMachine, long userTop) {
        this.id = id;
        this.elfMachine = elfMachine;
        this.userTop = userTop;
    }

    public String id() {
        return id;
    }

    /** The ELF e_machine value of binaries built for this architecture (EM_AARCH64, EM_X86_64). */
    public int elfMachine() {
        return elfMachine;
    }

    /** Highest user virtual address the kernel accepts in a frame mapping (seL4_UserTop). */
    public long userTop() {
        return userTop;
    }

    public static Architecture parse(String text) {
        for (Architecture a : values()) {
            if (a.id.equals(text)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + text + "' (aarch64 or x86_64)");
    }
}
