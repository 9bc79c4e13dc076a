package io.huruhuru.sel4.kernel;

/** An instruction set architecture the model knows; the address space shape depends on the kernel build (VSpaceGeometry). */
public enum Architecture {
    AARCH64("aarch64", 183),
    X86_64("x86_64", 62);

    private final String id;
    private final int elfMachine;

    Architecture(String id, int elfMachine) {
        this.id = id;
        this.elfMachine = elfMachine;
    }

    public String id() {
        return id;
    }

    /** The ELF e_machine value of binaries built for this architecture (EM_AARCH64, EM_X86_64). */
    public int elfMachine() {
        return elfMachine;
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
