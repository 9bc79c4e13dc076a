package io.huruhuru.bench.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A one-layer OCI image (config blob, layer blob, manifest) whose bytes are the same on every run. */
final class ImageFixture {

    private static final long SMALL_LAYER_ID = 1_000_000;
    private static final long SMALL_LAYER_SIZE = 64 * 1024;

    private final PatternBlob layer;
    private final String layerDigest;
    private final byte[] config;
    private final String configDigest;
    private final byte[] manifest;
    private final String manifestDigest;

    /** An image whose one layer is pattern blob {@code layerId} of {@code layerSize} bytes. */
    ImageFixture(long layerId, long layerSize) {
        layer = PatternBlob.of(layerId, layerSize);
        layerDigest = layer.digest();
        config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        configDigest = sha256(config);
        manifest = ("{\"schemaVersion\":2,"
                + "\"mediaType\":\"" + RegistryClient.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"" + layerDigest + "\",\"size\":" + layerSize + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        manifestDigest = sha256(manifest);
    }

    /** The 64 KiB image behind the manifest GET and tag figures. */
    static ImageFixture small() {
        return new ImageFixture(SMALL_LAYER_ID, SMALL_LAYER_SIZE);
    }

    /** Bytes of the layer, config and manifest together. */
    long totalBytes() {
        return layer.length() + config.length + manifest.length;
    }

    byte[] manifest() {
        return manifest.clone();
    }

    /** Bytes of the layer alone. */
    long layerBytes() {
        return layer.length();
    }

    String manifestDigest() {
        return manifestDigest;
    }

    /** Pushes both blobs and the manifest under {@code tag}; pushing again is harmless. */
    void push(RegistryClient client, String repository, String tag) throws IOException {
        client.pushMonolithic(repository, layer, layerDigest);
        client.pushMonolithic(repository, Body.bytes(config), configDigest);
        String reported = client.putManifest(repository, tag, RegistryClient.OCI_MANIFEST, manifest);
        if (reported != null && !reported.equals(manifestDigest)) {
            throw new IOException("manifest PUT reported digest " + reported + ", expected " + manifestDigest);
        }
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
