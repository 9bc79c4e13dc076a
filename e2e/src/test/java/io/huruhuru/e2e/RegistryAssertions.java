package io.huruhuru.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.e2e.image.Digests;
import io.huruhuru.e2e.image.Jq;
import io.huruhuru.e2e.registry.MediaTypes;
import io.huruhuru.e2e.registry.RegistryHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Checks of what the registry serves over HTTP, with the digests computed here from the bytes received. */
final class RegistryAssertions {

    private final RegistryHttp http;

    RegistryAssertions(RegistryHttp http) {
        this.http = http;
    }

    /**
     * GETs a manifest by tag or digest, accepting every manifest type on separate header lines, and checks status,
     * {@code Docker-Content-Digest}, {@code Content-Type} and the digest of the bytes; returns the bytes.
     */
    byte[] manifest(String repository, String reference, String expectedDigest, String expectedMediaType) {
        String path = "/v2/" + repository + "/manifests/" + reference;
        HttpResponse<byte[]> response = http.get(path, MediaTypes.ALL_MANIFESTS);
        assertEquals(200, response.statusCode(), () -> "GET " + path + " answered " + describe(response));
        assertEquals(expectedDigest, header(response, "Docker-Content-Digest"), "Docker-Content-Digest of " + path);
        assertEquals(expectedDigest, Digests.sha256(response.body()), "digest of the bytes served for " + path);
        assertEquals(expectedMediaType, mediaTypeOf(header(response, "Content-Type")), "Content-Type of " + path);
        String declared = Jq.string(response.body(), ".mediaType // \"\"");
        assertTrue(declared.isEmpty() || declared.equals(expectedMediaType),
                () -> path + " declares mediaType " + declared + " but was served as " + expectedMediaType);
        HttpResponse<byte[]> head = http.head(path, MediaTypes.ALL_MANIFESTS);
        assertEquals(200, head.statusCode(), () -> "HEAD " + path + " answered " + head.statusCode());
        assertEquals(expectedDigest, header(head, "Docker-Content-Digest"), "Docker-Content-Digest of HEAD " + path);
        return response.body();
    }

    /** GETs a blob and checks that its bytes hash to the digest and have the size its descriptor states. */
    byte[] blob(String repository, String digest, long expectedSize) {
        String path = "/v2/" + repository + "/blobs/" + digest;
        HttpResponse<byte[]> response = http.get(path);
        assertEquals(200, response.statusCode(), () -> "GET " + path + " answered " + describe(response));
        assertEquals(digest, Digests.sha256(response.body()), "digest of the bytes served for " + path);
        assertEquals(expectedSize, response.body().length, "size of " + path);
        return response.body();
    }

    /** GETs the config blob an image manifest points at. */
    byte[] config(String repository, byte[] manifest) {
        String digest = Jq.string(manifest, ".config.digest");
        return blob(repository, digest, Long.parseLong(Jq.string(manifest, ".config.size")));
    }

    /**
     * Walks an image manifest or index from its digest down to every config and layer blob, checking each one
     * served by digest; returns how many blobs were read back.
     */
    int imageTree(String repository, String digest, String mediaType) {
        byte[] manifest = manifest(repository, digest, digest, mediaType);
        if (mediaType.equals(MediaTypes.OCI_INDEX) || mediaType.equals(MediaTypes.DOCKER_MANIFEST_LIST)) {
            List<String> children = Jq.lines(manifest, ".manifests[] | \"\\(.digest) \\(.mediaType)\"");
            int blobs = 0;
            for (String child : children) {
                String[] parts = child.split(" ");
                blobs += imageTree(repository, parts[0], parts[1]);
            }
            return blobs;
        }
        List<String> descriptors = Jq.lines(manifest, "(.config, .layers[]) | \"\\(.digest) \\(.size)\"");
        for (String descriptor : descriptors) {
            String[] parts = descriptor.split(" ");
            blob(repository, parts[0], Long.parseLong(parts[1]));
        }
        return descriptors.size();
    }

    /** Checks the spec's answer for a manifest that is not there: 404 with error code MANIFEST_UNKNOWN. */
    void manifestUnknown(String repository, String reference) {
        String path = "/v2/" + repository + "/manifests/" + reference;
        HttpResponse<byte[]> response = http.get(path, MediaTypes.ALL_MANIFESTS);
        assertEquals(404, response.statusCode(), () -> "GET " + path + " answered " + describe(response));
        assertEquals("MANIFEST_UNKNOWN", Jq.string(response.body(), ".errors[0].code"),
                () -> "error body of GET " + path + ": " + describe(response));
        assertEquals("application/json", mediaTypeOf(header(response, "Content-Type")),
                "Content-Type of the error body of " + path);
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("(no " + name + " header)");
    }

    static String describe(HttpResponse<byte[]> response) {
        byte[] body = response.body();
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return response.statusCode() + " " + response.headers().map() + "\n" + text;
    }

    private static String mediaTypeOf(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    }
}
