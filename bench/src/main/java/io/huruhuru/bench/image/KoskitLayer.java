package io.huruhuru.bench.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The layer of a koskit-shaped app for benchmarks: a static PIE at {@code /bin/hello}, its spec file at
 * {@code /share.spec.json}, and 1 MiB data files of half random, half zero bytes (about 2:1, like binaries); and the
 * config labels that describe it.
 */
public final class KoskitLayer {

    private static final int MIB = 1 << 20;
    private static final String SPEC = "{\"name\":\"hello\",\"binary\":\"/bin/hello\",\"heap_pages\":2560,"
            + "\"ut_large_page\":4,\"ut_4k_pages\":24,\"priority\":180,\"max_priority\":190,"
            + "\"publishes\":[\"hello_protocol\"]}";

    /** The config's {@code Labels} members (without braces) that match the layer's app. */
    public static final String LABELS = "\"com.koskit.app.binary.loopback\":\"/bin/hello\","
            + "\"com.koskit.app.spec\":\"/share.spec.json\",\"com.koskit.app.name\":\"hello\","
            + "\"com.koskit.app.spec.heap_pages\":\"2560\",\"com.koskit.app.spec.ut_large_page\":\"4\","
            + "\"com.koskit.app.spec.ut_4k_pages\":\"24\",\"com.koskit.app.spec.max_priority\":\"190\","
            + "\"com.koskit.app.spec.priority\":\"180\",\"com.koskit.app.spec.publishes\":\"hello_protocol\"";

    private KoskitLayer() {
    }

    /** The uncompressed layer, about {@code mib} MiB; distinct seeds give distinct data. */
    public static byte[] tar(int mib, long seed) throws IOException {
        return tar(mib, seed, "hello_protocol");
    }

    /** The config's labels for an app that publishes {@code protocol} instead of hello_protocol. */
    public static String labels(String protocol) {
        return LABELS.replace("hello_protocol", protocol);
    }

    /** The layer of an app that publishes {@code protocol}, so that several can boot in one system. */
    public static byte[] tar(int mib, long seed, String protocol) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(mib * MIB + MIB);
        Random random = new Random(seed);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            add(tar, "bin/hello", staticPie(), 0755);
            add(tar, "share.spec.json", SPEC.replace("hello_protocol", protocol).getBytes(StandardCharsets.UTF_8),
                    0644);
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
