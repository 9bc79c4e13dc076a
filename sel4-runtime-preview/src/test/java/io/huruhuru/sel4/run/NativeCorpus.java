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

    /**
     * The root of musl-dev:arm64 unpacked ({@code usr/lib/aarch64-linux-musl}, {@code usr/include/aarch64-linux-musl})
     * from the system property or environment variable {@code HURUHURU_MUSL_ROOT}; without it the test is skipped
     * with the reason (a failure when {@code CI=true}).
     */
    static Path requireMusl() {
        String given = System.getProperty("HURUHURU_MUSL_ROOT", System.getenv("HURUHURU_MUSL_ROOT"));
        String missing = null;
        if (given == null || given.isBlank()) {
            missing = "HURUHURU_MUSL_ROOT is not set (a directory with musl-dev:arm64 unpacked: apt-get download"
                    + " musl-dev:arm64 && dpkg -x musl-dev_*_arm64.deb DIR)";
        } else if (!Files.isRegularFile(Path.of(given, MUSL_LIB, "libc.a"))) {
            missing = "HURUHURU_MUSL_ROOT=" + given + " has no " + MUSL_LIB + "/libc.a";
        }
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            abort(missing);
        }
        return Path.of(given);
    }

    private static final String MUSL_LIB = "usr/lib/aarch64-linux-musl";

    /**
     * The program built at -O{level} against musl's static libc under {@code muslRoot}, compiled on first use.
     * Debian's cross gcc knows only glibc, so musl's start files, headers and libraries are named explicitly
     * (what musl-gcc.specs does with rcrt1.o in place of Scrt1.o for a static PIE) around gcc's own crtbeginS.o,
     * crtendS.o, libgcc and freestanding headers.
     */
    static synchronized Path buildMusl(String program, int level, Path muslRoot)
            throws IOException, InterruptedException {
        String key = program + "-musl-O" + level;
        Path built = BUILT.get(key);
        if (built != null) {
            return built;
        }
        Path source = source(program);
        Path out = dir.resolve(key);
        Path lib = muslRoot.resolve(MUSL_LIB);
        List<String> command = List.of(CC, "-static-pie", "-O" + level, "-nostdinc",
                "-isystem", muslRoot.resolve("usr/include/aarch64-linux-musl").toString(),
                "-isystem", gccFile("include"), "-nostdlib", "-o", out.toString(),
                lib.resolve("rcrt1.o").toString(), lib.resolve("crti.o").toString(), gccFile("crtbeginS.o"),
                source.toString(), "-L" + lib, "-lm", "-lc", "-lgcc", gccFile("crtendS.o"),
                lib.resolve("crtn.o").toString());
        Result r = exec(command, Map.of());
        assertEquals(0, r.status(), () -> "compiling " + key + ": " + r.stderr());
        BUILT.put(key, out);
        return out;
    }

    private static String gccFile(String name) throws IOException, InterruptedException {
        Result r = exec(List.of(CC, "-print-file-name=" + name), Map.of());
        assertEquals(0, r.status(), r.stderr());
        return r.stdout().strip();
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
        Path source = source(program);
        Path out = dir.resolve(key);
        List<String> command = new ArrayList<>(List.of(CC, "-static-pie", "-O" + level, "-o", out.toString(),
                source.toString()));
        command.addAll(freestanding ? List.of("-nostdlib", "-ffreestanding", "-fno-stack-protector") : List.of("-lm"));
        Result r = exec(command, Map.of());
        assertEquals(0, r.status(), () -> "compiling " + key + ": " + r.stderr());
        BUILT.put(key, out);
        return out;
    }

    private static Path source(String program) throws IOException {
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
        return source;
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
