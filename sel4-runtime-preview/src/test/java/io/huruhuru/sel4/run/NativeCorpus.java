package io.huruhuru.sel4.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The C programs under test resources {@code corpus/}, built with Debian's aarch64-linux-gnu-gcc as static
 * PIEs (once per program and optimisation level per test JVM), and qemu-aarch64-static to run them for
 * comparison. Without the tools the tests are skipped with the reason (a failure when {@code CI=true}).
 */
final class NativeCorpus {

    static final String CC = "aarch64-linux-gnu-gcc";
    static final String QEMU = "qemu-aarch64-static";

    private static final Map<String, Path> BUILT = new HashMap<>();
    private static Path dir;

    private NativeCorpus() {
    }

    static void requireTools(String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                String missing = tool + " is not on PATH (Debian: gcc-aarch64-linux-gnu, qemu-user-static)";
                if ("true".equals(System.getenv("CI"))) {
                    fail(missing);
                }
                abort(missing);
            }
        }
    }

    private static boolean onPath(String tool) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The program built at -O{level} against glibc, compiled on first use. */
    static Path build(String program, int level) throws IOException, InterruptedException {
        return build(program, level, false);
    }

    /** A program without libc (-nostdlib -ffreestanding), compiled on first use. */
    static Path buildFreestanding(String program) throws IOException, InterruptedException {
        return build(program, 2, true);
    }

    private static synchronized Path build(String program, int level, boolean freestanding)
            throws IOException, InterruptedException {
        String key = program + "-O" + level;
        Path built = BUILT.get(key);
        if (built != null) {
            return built;
        }
        if (dir == null) {
            dir = Files.createTempDirectory("huruhuru-corpus");
            dir.toFile().deleteOnExit();
        }
        Path source = dir.resolve(program + ".c");
        if (!Files.exists(source)) {
            try (InputStream in = NativeCorpus.class.getResourceAsStream("/corpus/" + program + ".c")) {
                if (in == null) {
                    throw new IOException("no corpus program " + program);
                }
                Files.write(source, in.readAllBytes());
            }
        }
        Path out = dir.resolve(key);
        List<String> command = new ArrayList<>(List.of(CC, "-static-pie", "-O" + level, "-o", out.toString(),
                source.toString()));
        command.addAll(freestanding ? List.of("-nostdlib", "-ffreestanding", "-fno-stack-protector") : List.of("-lm"));
        Result r = exec(command, Map.of());
        assertEquals(0, r.status(), () -> "compiling " + key + ": " + r.stderr());
        BUILT.put(key, out);
        return out;
    }

    /** What a process printed and how it ended. */
    record Result(String stdout, String stderr, int status) {
    }

    /** Runs the program under qemu-aarch64-static with these arguments, environment and qemu options. */
    static Result qemu(Path program, List<String> qemuOptions, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(QEMU);
        command.addAll(qemuOptions);
        command.add(program.toString());
        command.addAll(args);
        return exec(command, env);
    }

    private static Result exec(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("corpus", ".out");
        Path err = Files.createTempFile("corpus", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not end within 60 s");
            }
            return new Result(Files.readString(out), Files.readString(err), p.exitValue());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
