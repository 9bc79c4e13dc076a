package io.huruhuru.sel4.run;

import io.huruhuru.sel4.rootserver.InitialStack;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the contents of an {@link InitialStack} the way Linux's create_elf_tables fills it for a static
 * PIE on AArch64, so glibc's and musl's start-up find argc, argv, envp and the auxiliary vector at sp.
 */
final class StartupStack {

    // include/uapi/linux/auxvec.h and arch/arm64/include/uapi/asm/hwcap.h.
    static final long AT_NULL = 0;
    static final long AT_PHDR = 3;
    static final long AT_PHENT = 4;
    static final long AT_PHNUM = 5;
    static final long AT_PAGESZ = 6;
    static final long AT_ENTRY = 9;
    static final long AT_HWCAP = 16;
    static final long AT_SECURE = 23;
    static final long AT_RANDOM = 25;
    static final long AT_HWCAP2 = 26;
    static final long AT_EXECFN = 31;
    static final long HWCAP_FP = 1L << 0;
    static final long HWCAP_ASIMD = 1L << 1;
    static final long HWCAP_ATOMICS = 1L << 8;
    static final long HWCAP_LRCPC = 1L << 15;
    /**
     * What the interpreter executes, as ID_AA64ISAR0/ISAR1 (SystemRegisters) advertise it and Linux derives the
     * bits from them (arch/arm64/include/uapi/asm/hwcap.h, arch/arm64/kernel/cpufeature.c arm64_elf_hwcaps): FP,
     * ASIMD, the LSE atomics and LDAPR. No CPUID (so glibc's ifunc resolvers do not read MIDR_EL1), no SVE; HWCAP2
     * is 0.
     */
    static final long HWCAP = HWCAP_FP | HWCAP_ASIMD | HWCAP_ATOMICS | HWCAP_LRCPC;

    private StartupStack() {
    }

    static void write(ApplicationMemory memory, InitialStack stack, List<String> args, List<String> env, String execfn,
                      long phdr, int phent, int phnum, long entry, byte[] random) {
        for (int i = 0; i < args.size(); i++) {
            string(memory, stack.argv().get(i), args.get(i));
        }
        for (int i = 0; i < env.size(); i++) {
            string(memory, stack.envp().get(i), env.get(i));
        }
        string(memory, stack.execfn(), execfn);
        memory.rootServerWrite(stack.random(), random, 0, random.length);
        long at = stack.sp();
        memory.rootServerWrite64(at, args.size());
        at += 8;
        for (long p : stack.argv()) {
            memory.rootServerWrite64(at, p);
            at += 8;
        }
        memory.rootServerWrite64(at, 0);
        at += 8;
        for (long p : stack.envp()) {
            memory.rootServerWrite64(at, p);
            at += 8;
        }
        memory.rootServerWrite64(at, 0);
        at += 8;
        long[] auxv = {
            AT_PHDR, phdr, AT_PHENT, phent, AT_PHNUM, phnum, AT_PAGESZ, 4096, AT_ENTRY, entry,
            AT_HWCAP, HWCAP, AT_HWCAP2, 0, AT_SECURE, 0, AT_RANDOM, stack.random(), AT_EXECFN, stack.execfn(),
            AT_NULL, 0};
        if (auxv.length != 2 * InitialStack.AUX_PAIRS) {
            throw new IllegalStateException("the auxiliary vector does not match the initial stack's layout");
        }
        for (long word : auxv) {
            memory.rootServerWrite64(at, word);
            at += 8;
        }
    }

    private static void string(ApplicationMemory memory, long at, String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
        memory.rootServerWrite(at, b, 0, b.length);
    }
}
