package io.huruhuru.server.v2;

import io.huruhuru.server.RunningRegistry;
import java.nio.charset.StandardCharsets;

/** A small image pushed into a repository: a config blob, one layer, and manifest JSON referencing them. */
final class ImageFixture {

    final String configDigest;
    final int configSize;
    final String layerDigest;
    final int layerSize;

    private ImageFixture(String configDigest, int configSize, String layerDigest, int layerSize) {
        this.configDigest = configDigest;
        this.configSize = configSize;
        this.layerDigest = layerDigest;
        this.layerSize = layerSize;
    }

    /** Pushes a config and a layer (distinct per {@code seed}) into {@code repository}. */
    static ImageFixture push(RunningRegistry registry, String repository, int seed) {
        byte[] config = ("{\"architecture\":\"arm64\",\"os\":\"linux\",\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer " + seed).getBytes(StandardCharsets.UTF_8);
        return new ImageFixture(registry.pushBlob(repository, config), config.length,
                registry.pushBlob(repository, layer), layer.length);
    }

    /** An OCI image manifest of this image, with extra top-level JSON members (e.g. a subject) if given. */
    String ociManifest(String extraMembers) {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + configSize + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layerSize + "}]" + extraMembers + "}";
    }

    String ociManifest() {
        return ociManifest("");
    }

    /** The same image as a Docker schema 2 manifest. */
    String dockerManifest() {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + configSize + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layerSize + "}]}";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
