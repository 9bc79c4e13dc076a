package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Encodes test programs with the GNU cross assembler, so every instruction word is the one binutils produces. */
final class Assembler {
    static final String AS = "aarch64-linux-gnu-as";
    static final String OBJCOPY = "aarch64-linux-gnu-objcopy";
    private static final Map<String, int[]> CACHE = new ConcurrentHashMap<>();

    private Assembler() { }

    static boolean available() {
        return onPath(AS) && onPath(OBJCOPY);
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The .text words of {@code source} (one instruction a line, GNU syntax). */
    static int[] assemble(String source) {
        assumeTrue(available(), AS + " and " + OBJCOPY + " (binutils-aarch64-linux-gnu) are needed to encode tests");
        return CACHE.computeIfAbsent(source, Assembler::run).clone();
    }

    private static int[] run(String source) {
        try {
            Path dir = Files.createTempDirectory("a64-");
            try {
                Path input = dir.resolve("t.s");
                Files.writeString(input, ".text\n" + source + "\n", StandardCharsets.UTF_8);
                exec(dir, List.of(AS, "-march=armv8.5-a", "-o", "t.o", "t.s"));
                exec(dir, List.of(OBJCOPY, "-O", "binary", "-j", ".text", "t.o", "t.bin"));
                ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("t.bin")))
                        .order(ByteOrder.LITTLE_ENDIAN);
                int[] words = new int[bytes.remaining() / 4];
                bytes.asIntBuffer().get(words);
                return words;
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("assembling failed: " + e.getMessage(), e);
        }
    }

    static String exec(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
