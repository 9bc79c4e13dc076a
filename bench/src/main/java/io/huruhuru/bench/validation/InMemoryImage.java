package io.huruhuru.bench.validation;

import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An OCI image whose blobs are byte arrays: the manifest, one config and one layer. */
final class InMemoryImage implements ImageSource {

    private final Map<String, byte[]> blobs = new HashMap<>();
    private final RawManifest manifest;

    InMemoryImage(String config, byte[] layer, String layerMediaType) {
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.of(DigestAlgorithm.SHA256, configBytes);
        Digest layerDigest = Digest.of(DigestAlgorithm.SHA256, layer);
        blobs.put(configDigest.toString(), configBytes);
        blobs.put(layerDigest.toString(), layer);
        String body = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + configDigest + "\",\"size\":" + configBytes.length + "},\"layers\":[{\"mediaType\":\""
                + layerMediaType + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
        manifest = RawManifest.of(body.getBytes(StandardCharsets.UTF_8), "application/vnd.oci.image.manifest.v1+json");
    }

    @Override
    public RawManifest manifest() {
        return manifest;
    }

    @Override
    public RawManifest manifest(Digest digest) throws ImageSourceException {
        throw new ImageSourceException("no child manifests: " + digest);
    }

    @Override
    public byte[] blob(Digest digest, int maxBytes) throws ImageSourceException {
        return bytes(digest);
    }

    @Override
    public InputStream openBlob(Digest digest) throws ImageSourceException {
        return new ByteArrayInputStream(bytes(digest));
    }

    private byte[] bytes(Digest digest) throws ImageSourceException {
        byte[] b = blobs.get(digest.toString());
        if (b == null) {
            throw new ImageSourceException("unknown blob " + digest);
        }
        return b;
    }
}
