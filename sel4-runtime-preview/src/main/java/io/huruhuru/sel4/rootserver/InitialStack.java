package io.huruhuru.sel4.rootserver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The initial stack the root server writes for a new thread, laid out as Linux's create_elf_tables
 * (fs/binfmt_elf.c) does for AArch64: an end marker word at the top, then the argument, environment and
 * AT_EXECFN strings, 16 AT_RANDOM bytes below them, and (16-byte aligned, sp pointing at argc) argc, argv[],
 * NULL, envp[], NULL and {@link #AUX_PAIRS} auxiliary vector pairs ending with AT_NULL.
 *
 * @param argv   where each argument string starts
 * @param envp   where each environment string starts
 * @param execfn where the AT_EXECFN string starts
 * @param random where the 16 AT_RANDOM bytes start
 */
public record InitialStack(long sp, long bytes, int argc, int envc, List<Long> argv, List<Long> envp, long execfn,
                           long random) {

    /**
     * AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_ENTRY, AT_HWCAP, AT_HWCAP2, AT_SECURE, AT_RANDOM, AT_EXECFN,
     * AT_NULL: what glibc's and musl's static start-up read.
     */
    public static final int AUX_PAIRS = 11;
    static final int RANDOM_BYTES = 16;

    public InitialStack {
        argv = List.copyOf(argv);
        envp = List.copyOf(envp);
    }

    /** The layout for args and env, AT_EXECFN being the first argument (the program's path). */
    public static InitialStack layout(long stackTop, List<String> args, List<String> env) {
        return layout(stackTop, args, env, args.isEmpty() ? "" : args.get(0));
    }

    public static InitialStack layout(long stackTop, List<String> args, List<String> env, String execfn) {
        long end = stackTop - 8;
        long total = length(execfn);
        for (String s : args) {
            total += length(s);
        }
        for (String s : env) {
            total += length(s);
        }
        long next = end - total;
        List<Long> argv = new ArrayList<>();
        for (String s : args) {
            argv.add(next);
            next += length(s);
        }
        List<Long> envp = new ArrayList<>();
        for (String s : env) {
            envp.add(next);
            next += length(s);
        }
        long execfnAt = next;
        long random = ((end - total) & -16L) - RANDOM_BYTES;
        long words = 1 + args.size() + 1 + env.size() + 1 + 2L * AUX_PAIRS;
        long sp = (random - words * 8) & -16L;
        return new InitialStack(sp, stackTop - sp, args.size(), env.size(), argv, envp, execfnAt, random);
    }

    private static long length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length + 1;
    }
}
