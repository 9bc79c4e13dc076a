package io.huruhuru.sel4.rootserver;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The System V initial stack the root server writes for a new thread: argument and environment strings
 * at the top, then (16-byte aligned) argc, argv[], NULL, envp[], NULL and the auxiliary vector
 * AT_PAGESZ, AT_NULL, with sp pointing at argc.
 */
public record InitialStack(long sp, long bytes, int argc, int envc) {

    private static final int AUX_PAIRS = 2;

    public static InitialStack layout(long stackTop, List<String> args, List<String> env) {
        long strings = 0;
        for (String s : args) {
            strings += s.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        for (String s : env) {
            strings += s.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        long stringsStart = (stackTop - strings) & -16L;
        long words = 1 + args.size() + 1 + env.size() + 1 + 2L * AUX_PAIRS;
        long sp = (stringsStart - words * 8) & -16L;
        return new InitialStack(sp, stackTop - sp, args.size(), env.size());
    }
}
