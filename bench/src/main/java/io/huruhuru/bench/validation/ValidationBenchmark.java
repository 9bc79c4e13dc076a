package io.huruhuru.bench.validation;

import io.huruhuru.bench.image.KoskitLayer;
import com.github.luben.zstd.ZstdOutputStream;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.validation.ImageValidator;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.budget.Policy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
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

    private static final RepositoryName REPOSITORY = RepositoryName.parse("kos/bench");
    private static final int LAYER_MIB = 128;

    /** How the layer blob is compressed. */
    @Param({"tar", "gzip", "zstd"})
    public String compression;

    private InMemoryImage image;
    private final ImageValidator validator = new ImageValidator();

    @Setup(Level.Trial)
    public void buildImage() throws IOException {
        byte[] tar = KoskitLayer.tar(LAYER_MIB, 1);
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
                + KoskitLayer.LABELS + "}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + sha256(tar) + "\"]}}";
        image = new InMemoryImage(config, blob, mediaType);
        ValidationReport report = validator.validate(image, Policy.NONE, REPOSITORY);
        if (!report.passed()) {
            throw new IllegalStateException("the benchmark image must pass: " + report.allViolations());
        }
    }

    @Benchmark
    @OperationsPerInvocation(LAYER_MIB)
    public ValidationReport validate() throws IOException {
        return validator.validate(image, Policy.NONE, REPOSITORY);
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
