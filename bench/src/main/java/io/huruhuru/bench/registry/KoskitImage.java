package io.huruhuru.bench.registry;

import io.huruhuru.bench.image.KoskitLayer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A one-layer arm64 image shaped like a koskit app: a {@link KoskitLayer}, gzip-compressed (level 1). With
 * {@code koskit} its config carries the koskit labels, so the registry validates it on push; without, the same
 * layer is pushed as a plain image. Distinct {@code seed}s give distinct layers, so no push is deduplicated.
 */
final class KoskitImage {

    private final byte[] layer;
    private final byte[] config;
    private final byte[] manifest;

    /** Builds the image in memory, untimed; the layer holds about {@code tarMib} MiB before compression. */
    KoskitImage(boolean koskit, int tarMib, long seed) throws IOException {
        this(koskit, tarMib, seed, "hello_protocol");
    }

    /** A koskit image (with {@code koskit}) whose app publishes {@code protocol}. */
    KoskitImage(boolean koskit, int tarMib, long seed, String protocol) throws IOException {
        byte[] tar = KoskitLayer.tar(tarMib, seed, protocol);
        layer = gzip(tar);
        String labels = koskit ? KoskitLayer.labels(protocol) : "";
        config = ("{\"architecture\":\"arm64\",\"os\":\"linux\",\"config\":{\"Labels\":{" + labels + "}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + ImageFixture.sha256(tar) + "\"]}}")
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

    /**
     * Pushes the layer (no faster than {@code mibPerSecond}, 0: unpaced), the config and the manifest, as a client
     * pushes an image; returns the manifest digest.
     */
    String push(RegistryClient client, String repository, String tag, double mibPerSecond) throws IOException {
        client.pushMonolithic(repository, Body.paced(layer, mibPerSecond), ImageFixture.sha256(layer));
        client.pushMonolithic(repository, Body.bytes(config), ImageFixture.sha256(config));
        client.putManifest(repository, tag, RegistryClient.OCI_MANIFEST, manifest);
        return ImageFixture.sha256(manifest);
    }

    /** Writes the image as an OCI image layout in {@code directory}, named {@code reference}, for other clients. */
    void writeLayout(Path directory, String reference) throws IOException {
        Path blobs = Files.createDirectories(directory.resolve("blobs/sha256"));
        for (byte[] blob : new byte[][] {layer, config, manifest}) {
            Files.write(blobs.resolve(ImageFixture.sha256(blob).substring("sha256:".length())), blob);
        }
        Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(directory.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{"
                + "\"mediaType\":\"" + RegistryClient.OCI_MANIFEST + "\",\"digest\":\"" + manifestDigest()
                + "\",\"size\":" + manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
                + reference + "\"}}]}");
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
}
