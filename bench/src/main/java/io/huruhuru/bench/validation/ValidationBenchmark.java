package io.huruhuru.bench.validation;

import com.github.luben.zstd.ZstdOutputStream;
import io.huruhuru.validation.ImageValidator;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.budget.Policy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Date;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Validates a koskit image with one large layer (128 MiB of tar: the app binary, its spec file and 1 MiB files of
 * half-compressible data), without a layer cache, so every operation reads the whole layer. The score is MiB of
 * uncompressed layer bytes per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ValidationBenchmark {

    private static final int LAYER_MIB = 128;
    private static final int MIB = 1 << 20;
    private static final String SPEC = "{\"name\":\"hello\",\"binary\":\"/bin/hello\",\"heap_pages\":2560,"
            + "\"ut_large_page\":4,\"ut_4k_pages\":24,\"priority\":180,\"max_priority\":190,"
            + "\"publishes\":[\"hello_protocol\"]}";

    /** How the layer blob is compressed. */
    @Param({"tar", "gzip", "zstd"})
    public String compression;

    private InMemoryImage image;
    private final ImageValidator validator = new ImageValidator();

    @Setup(Level.Trial)
    public void buildImage() throws IOException {
        byte[] tar = tar();
        byte[] blob = switch (compression) {
            case "gzip" -> compress(tar, GZIPOutputStream::new);
            case "zstd" -> compress(tar, ZstdOutputStream::new);
            default -> tar;
        };
        String mediaType = "application/vnd.oci.image.layer.v1.tar" + switch (compression) {
            case "gzip" -> "+gzip";
            case "zstd" -> "+zstd";
            default -> "";
        };
        String config = "{\"architecture\":\"arm64\",\"os\":\"linux\",\"config\":{\"Labels\":{"
                + "\"com.koskit.app.binary.loopback\":\"/bin/hello\",\"com.koskit.app.spec\":\"/share.spec.json\","
                + "\"com.koskit.app.name\":\"hello\",\"com.koskit.app.spec.heap_pages\":\"2560\","
                + "\"com.koskit.app.spec.ut_large_page\":\"4\",\"com.koskit.app.spec.ut_4k_pages\":\"24\","
                + "\"com.koskit.app.spec.max_priority\":\"190\",\"com.koskit.app.spec.priority\":\"180\","
                + "\"com.koskit.app.spec.publishes\":\"hello_protocol\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + sha256(tar) + "\"]}}";
        image = new InMemoryImage(config, blob, mediaType);
        ValidationReport report = validator.validate(image, Policy.NONE, "kos/bench");
        if (!report.passed()) {
            throw new IllegalStateException("the benchmark image must pass: " + report.allViolations());
        }
    }

    @Benchmark
    @OperationsPerInvocation(LAYER_MIB)
    public ValidationReport validate() throws IOException {
        return validator.validate(image, Policy.NONE, "kos/bench");
    }

    private static byte[] tar() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(LAYER_MIB * MIB + MIB);
        Random random = new Random(1);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            add(tar, "bin/hello", staticPie(), 0755);
            add(tar, "share.spec.json", SPEC.getBytes(StandardCharsets.UTF_8), 0644);
            byte[] data = new byte[MIB];
            for (int i = 0; i < LAYER_MIB - 1; i++) {
                // half random, half zeros: compresses about 2:1 like typical binaries
                random.nextBytes(data);
                java.util.Arrays.fill(data, MIB / 2, MIB, (byte) 0);
                add(tar, "usr/share/data/" + i + ".bin", data, 0644);
            }
        }
        return out.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0100000 | mode);
        entry.setModTime(new Date(0));
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** A minimal AArch64 static PIE: ELF64 header, one R-X PT_LOAD of 4 KiB at 0, entry 0x100. */
    private static byte[] staticPie() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4096).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 3).putShort((short) 183).putInt(1).putLong(0x100).putLong(64).putLong(0).putInt(0);
        b.putShort((short) 64).putShort((short) 56).putShort((short) 1).putShort((short) 64).putShort((short) 0)
                .putShort((short) 0);
        b.putInt(1).putInt(5).putLong(0).putLong(0).putLong(0).putLong(4096).putLong(4096).putLong(4096);
        return b.array();
    }

    private interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] compress(byte[] data, Compressor compressor) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2);
        try (OutputStream c = compressor.wrap(out)) {
            c.write(data);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
