package io.huruhuru.signature;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The OCI image manifest cosign stores a signature or attestation in: a config as cosign writes it (an image config
 * whose {@code rootfs.diff_ids} lists the one layer's digest, dates at the zero time), one layer, an
 * {@code artifactType} and the signed manifest as {@code subject}, so that the tag scheme and the referrers API
 * both find it.
 */
record ArtifactManifest(byte[] manifest, Digest digest, List<Blob> blobs) {

    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    static ArtifactManifest build(String artifactType, Blob layer, Map<String, String> layerAnnotations,
            Descriptor subject) {
        Blob config = Blob.of(MediaType.OCI_CONFIG, config(layer.digest()));
        ObjectNode manifest = CanonicalJson.object();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaType.OCI_MANIFEST);
        manifest.put("artifactType", artifactType);
        manifest.set("config", descriptor(config.mediaType(), config.digest(), config.content().length));
        ObjectNode layerNode = descriptor(layer.mediaType(), layer.digest(), layer.content().length);
        ObjectNode annotations = layerNode.putObject("annotations");
        layerAnnotations.forEach(annotations::put);
        manifest.putArray("layers").add(layerNode);
        manifest.set("subject", descriptor(subject.mediaType(), subject.digest(), subject.size()));
        byte[] bytes = CanonicalJson.write(manifest);
        return new ArtifactManifest(bytes, Digest.of(DigestAlgorithm.SHA256, bytes), List.of(config, layer));
    }

    private static byte[] config(Digest layer) {
        ObjectNode config = CanonicalJson.object();
        config.put("architecture", "");
        config.putObject("config");
        config.put("created", ZERO_TIME);
        config.putArray("history").addObject().put("created", ZERO_TIME);
        config.put("os", "");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        diffIds.add(layer.toString());
        return CanonicalJson.write(config);
    }

    private static ObjectNode descriptor(String mediaType, Digest digest, long size) {
        ObjectNode node = CanonicalJson.object();
        node.put("mediaType", mediaType);
        node.put("digest", digest.toString());
        node.put("size", size);
        return node;
    }
}
