package io.huruhuru.bench.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A one-layer arm64 image shaped like a koskit app: a gzip layer holding a static PIE at {@code /bin/hello}, its spec
 * file at {@code /share.spec.json} and 1 MiB data files (half random, half zeros: about 2:1 like binaries). With
 * {@code koskit} its config carries the koskit labels, so the registry validates it on push; without, the same
 * layer is pushed as a plain image. Distinct {@code seed}s give distinct layers, so no push is deduplicated.
 */
final class KoskitImage {

    private static final int MIB = 1 << 20;
    private static final String SPEC = "{\"name\":\"hello\",\"binary\":\"/bin/hello\",\"heap_pages\":2560,"
            + "\"ut_large_page\":4,\"ut_4k_pages\":24,\"priority\":180,\"max_priority\":190,"
            + "\"publishes\":[\"hello_protocol\"]}";
    private static final String LABELS = "\"com.koskit.app.binary.loopback\":\"/bin/hello\","
            + "\"com.koskit.app.spec\":\"/share.spec.json\",\"com.koskit.app.name\":\"hello\","
            + "\"com.koskit.app.spec.heap_pages\":\"2560\",\"com.koskit.app.spec.ut_large_page\":\"4\","
            + "\"com.koskit.app.spec.ut_4k_pages\":\"24\",\"com.koskit.app.spec.max_priority\":\"190\","
            + "\"com.koskit.app.spec.priority\":\"180\",\"com.koskit.app.spec.publishes\":\"hello_protocol\"";

    private final byte[] layer;
    private final byte[] config;
    private final byte[] manifest;

    /** Builds the image in memory, untimed; the layer holds about {@code tarMib} MiB before compression. */
    KoskitImage(boolean koskit, int tarMib, long seed) throws IOException {
        byte[] tar = tar(tarMib, seed);
        layer = gzip(tar);
        config = ("{\"architecture\":\"arm64\",\"os\":\"linux\",\"config\":{\"Labels\":{" + (koskit ? LABELS : "")
                + "}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + ImageFixture.sha256(tar) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + RegistryClient.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + ImageFixture.sha256(config) + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + ImageFixture.sha256(layer) + "\",\"size\":" + layer.length + "}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    String manifestDigest() {
        return ImageFixture.sha256(manifest);
    }

    long totalBytes() {
        return layer.length + config.length + manifest.length;
    }

    /** Pushes the layer, the config and the manifest, as a client pushes an image; returns the manifest digest. */
    String push(RegistryClient client, String repository, String tag) throws IOException {
        client.pushMonolithic(repository, Body.bytes(layer), ImageFixture.sha256(layer));
        client.pushMonolithic(repository, Body.bytes(config), ImageFixture.sha256(config));
        client.putManifest(repository, tag, RegistryClient.OCI_MANIFEST, manifest);
        return ImageFixture.sha256(manifest);
    }

    private static byte[] tar(int mib, long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(mib * MIB + MIB);
        Random random = new Random(seed);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            add(tar, "bin/hello", staticPie(), 0755);
            add(tar, "share.spec.json", SPEC.getBytes(StandardCharsets.UTF_8), 0644);
            byte[] data = new byte[MIB];
            for (int i = 0; i < mib - 1; i++) {
                random.nextBytes(data);
                Arrays.fill(data, MIB / 2, MIB, (byte) 0);
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

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(1);
            }
        }) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    /** A minimal AArch64 static PIE: ELF64 header, one R-X PT_LOAD of 4 KiB at 0, entry 0x100. */
    private static byte[] staticPie() {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 3).putShort((short) 183).putInt(1).putLong(0x100).putLong(64).putLong(0).putInt(0);
        b.putShort((short) 64).putShort((short) 56).putShort((short) 1).putShort((short) 64).putShort((short) 0)
                .putShort((short) 0);
        b.putInt(1).putInt(5).putLong(0).putLong(0).putLong(0).putLong(4096).putLong(4096).putLong(4096);
        return b.array();
    }
}
