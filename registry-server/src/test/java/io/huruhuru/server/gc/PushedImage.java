package io.huruhuru.server.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.RunningRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** A small image pushed over HTTP for the collector's tests: a config, one layer of its own, and its manifest. */
record PushedImage(String repository, String digest, byte[] manifest, List<String> blobs) {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Pushes an image distinct per {@code seed} into {@code repository} under {@code reference} (a tag or digest). */
    static PushedImage push(RunningRegistry registry, String repository, int seed, int layerSize, String tag) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = new byte[layerSize];
        new Random(seed).nextBytes(layer);
        String configDigest = registry.pushBlob(repository, config);
        String layerDigest = registry.pushBlob(repository, layer);
        byte[] manifest = manifest(configDigest, config.length, layerDigest, layer.length);
        String digest = RunningRegistry.sha256(manifest);
        HttpResponse<byte[]> put = registry.putManifest(repository, tag == null ? digest : tag, OCI_MANIFEST, manifest);
        assertEquals(201, put.statusCode(), () -> RunningRegistry.text(put));
        return new PushedImage(repository, digest, manifest, List.of(configDigest, layerDigest));
    }

    static byte[] manifest(String configDigest, int configSize, String layerDigest, int layerSize) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + configSize + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layerSize + "}]}").getBytes(StandardCharsets.UTF_8);
    }

    void delete(RunningRegistry registry) {
        HttpResponse<byte[]> deleted = registry.send(registry.request("/v2/" + repository + "/manifests/" + digest)
                .DELETE().build());
        assertEquals(202, deleted.statusCode(), () -> RunningRegistry.text(deleted));
    }

    /** {@code POST /sel4/v1/gc}, asserting 200, as JSON. */
    static JsonNode collect(RunningRegistry registry, boolean dryRun) {
        HttpResponse<byte[]> response = registry.send(registry.request("/sel4/v1/gc" + (dryRun ? "?dryRun=true" : ""))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, response.statusCode(), () -> RunningRegistry.text(response));
        return json(response);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The removals of a report of {@code kind} whose {@code what} contains {@code text}. */
    static List<JsonNode> removals(JsonNode report, String kind, String text) {
        List<JsonNode> found = new java.util.ArrayList<>();
        report.get("removals").forEach(removal -> {
            if (removal.get("kind").asText().equals(kind) && removal.get("what").asText().contains(text)) {
                found.add(removal);
            }
        });
        return found;
    }
}
