package io.huruhuru.sel4.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every FP/SIMD word in a static glibc program (printf of floats, qsort, malloc, the string functions, libm's
 * sqrt/floor/pow) decodes: the words are taken from aarch64-linux-gnu-objdump's disassembly of the linked binary.
 */
class StaticLibraryCoverageTest {
    private static final String PROGRAM = """
            #include <math.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            static int cmp(const void *a, const void *b) { return *(const int *) a - *(const int *) b; }
            int main(int argc, char **argv) {
                double d = argc * 1.5;
                printf("%f %g %e %.3f %La\\n", d, d / 3, sqrt(d), (float) d, (long double) d);
                printf("%f %f %f\\n", floor(d), pow(d, 0.5), exp(d));
                int a[100];
                for (int i = 0; i < 100; i++) a[i] = rand();
                qsort(a, 100, sizeof a[0], cmp);
                char *s = malloc(100);
                strcpy(s, argv[0]);
                printf("%zu %s %d %p\\n", strlen(s), strchr(s, '/'), strcmp(s, "x"), memchr(s, 'a', 5));
                memmove(s + 1, s, 50);
                memset(s, 0, 100);
                return (int) strnlen(s, 10);
            }
            """;

    /** Loops gcc's vectorizer turns into Advanced SIMD code at -O3 (widening, narrowing, reductions, conversions). */
    private static final String VECTORIZED = """
            #include <math.h>
            #include <stdint.h>
            void f1(int *a, int *b, int n) { for (int i = 0; i < n; i++) a[i] = a[i] * 3 + b[i]; }
            long f2(int *a, int n) { long s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
            void f3(float *a, int *b, int n) { for (int i = 0; i < n; i++) a[i] = b[i] * 0.5f + a[i]; }
            void f4(double *a, float *b, int n) { for (int i = 0; i < n; i++) a[i] = sqrt(b[i]) + fabs(a[i]); }
            void f5(uint8_t *a, uint8_t *b, int n) {
                for (int i = 0; i < n; i++) a[i] = a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
            }
            int f6(short *a, int n) { int m = 0; for (int i = 0; i < n; i++) m = a[i] > m ? a[i] : m; return m; }
            void f7(int *a, double *b, int n) { for (int i = 0; i < n; i++) a[i] = (int) b[i]; }
            void f8(char *s, int n) { for (int i = 0; i < n; i++) if (s[i] >= 'a' && s[i] <= 'z') s[i] -= 32; }
            void f9(uint16_t *a, uint8_t *b, int n) { for (int i = 0; i < n; i++) a[i] = b[i] * b[i]; }
            void f10(int64_t *a, int *b, int n) { for (int i = 0; i < n; i++) a[i] = (int64_t) b[i] * b[i] >> 3; }
            float f11(float *a, int n) { float m = a[0]; for (int i = 0; i < n; i++) m = fmaxf(m, a[i]); return m; }
            void f12(uint32_t *a, int n) { for (int i = 0; i < n; i++) a[i] = (a[i] >> 7) | (a[i] << 25); }
            void f13(int8_t *a, int8_t *b, int n) {
                for (int i = 0; i < n; i++) { int x = a[i] + b[i]; a[i] = x > 127 ? 127 : x < -128 ? -128 : x; }
            }
            void f14(uint16_t *a, int n) { for (int i = 0; i < n; i++) a[i] = (a[i] * 0x5555) >> 16; }
            """;

    @TempDir
    Path dir;

    @Test
    void everyFpSimdWordGccsVectorizerEmitsAtO3Decodes() throws Exception {
        assumeTrue(onPath("aarch64-linux-gnu-gcc") && onPath("aarch64-linux-gnu-objdump"),
                "aarch64-linux-gnu-gcc is not installed");
        Path source = dir.resolve("v.c");
        Files.writeString(source, VECTORIZED);
        Path object = dir.resolve("v.o");
        run(List.of("aarch64-linux-gnu-gcc", "-O3", "-c", "-o", object.toString(), source.toString()));
        assertEquals(new TreeMap<>(), undecodedForms(object.toString(), "gcc -O3 vectorized loops"));
    }

    @Test
    void everyFpSimdWordOfAStaticGlibcProgramDecodes() throws Exception {
        assumeTrue(onPath("aarch64-linux-gnu-gcc") && onPath("aarch64-linux-gnu-objdump"),
                "aarch64-linux-gnu-gcc is not installed");
        Path source = dir.resolve("p.c");
        Files.writeString(source, PROGRAM);
        Path binary = dir.resolve("p");
        run(List.of("aarch64-linux-gnu-gcc", "-O2", "-static-pie", "-o", binary.toString(), source.toString(),
                "-lm"));
        TreeMap<String, Integer> undecoded = undecodedForms(binary.toString(), "static glibc program");
        assertEquals(new TreeMap<>(), undecoded);
    }

    @Test
    void everyFpSimdWordOfGlibcsStaticLibcAndLibmDecodes() throws Exception {
        assumeTrue(onPath("aarch64-linux-gnu-gcc") && onPath("aarch64-linux-gnu-objdump"),
                "aarch64-linux-gnu-gcc is not installed");
        TreeMap<String, Integer> undecoded = new TreeMap<>();
        for (String library : List.of("libc.a", "libm.a")) {
            String path = run(List.of("aarch64-linux-gnu-gcc", "-print-file-name=" + library)).trim();
            undecoded.putAll(undecodedForms(path, library));
        }
        assertEquals(new TreeMap<>(), undecoded);
    }

    @Test
    void everyFpSimdWordOfMuslsStaticLibcDecodes() throws Exception {
        String muslRoot = System.getProperty("HURUHURU_MUSL_ROOT", System.getenv("HURUHURU_MUSL_ROOT"));
        assumeTrue(onPath("aarch64-linux-gnu-objdump") && muslRoot != null && !muslRoot.isBlank(),
                "aarch64-linux-gnu-objdump or HURUHURU_MUSL_ROOT (musl-dev:arm64 unpacked) is missing");
        // musl's libm.a is an empty archive: its math functions are in libc.a.
        Path libc = Path.of(muslRoot, "usr/lib/aarch64-linux-musl", "libc.a");
        assertTrue(Files.isRegularFile(libc), libc + " is missing");
        assertEquals(new TreeMap<>(), undecodedForms(libc.toString(), "musl libc.a"));
    }

    private static TreeMap<String, Integer> undecodedForms(String file, String what) throws Exception {
        String listing = run(List.of("aarch64-linux-gnu-objdump", "-d", file));
        Pattern line = Pattern.compile("^\\s+([0-9a-f]+):\\s+([0-9a-f]{8})\\s+(\\S+)\\s*(.*)$");
        int simdWords = 0;
        TreeMap<String, Integer> undecoded = new TreeMap<>();
        for (String text : listing.split("\n")) {
            Matcher m = line.matcher(text);
            if (!m.find()) {
                continue;
            }
            int word = (int) Long.parseLong(m.group(2), 16);
            boolean dataProcessing = (word & 0x0E00_0000) == 0x0E00_0000;
            boolean loadStoreV = (word & 0x0A00_0000) == 0x0800_0000 && (word & (1 << 26)) != 0;
            if (!dataProcessing && !loadStoreV || m.group(3).startsWith(".")) {
                continue;
            }
            simdWords++;
            if (SimdDecoder.decode(word, Long.parseLong(m.group(1), 16)) == null) {
                undecoded.merge(m.group(3) + " " + m.group(4).replaceAll("[0-9]", "#"), 1, Integer::sum);
            }
        }
        System.out.printf("%s: %d FP/SIMD words, %d forms undecoded%n", what, simdWords, undecoded.size());
        undecoded.forEach((k, v) -> System.out.println("  undecoded: " + k + " x" + v));
        return undecoded;
    }

    private static boolean onPath(String tool) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
