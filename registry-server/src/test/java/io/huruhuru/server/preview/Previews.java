package io.huruhuru.server.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests and images that the preview tests share. */
final class Previews {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOARD = "qemu-arm-virt";

    private Previews() {
    }

    /** The koskit hello image with a heap of {@code heapPages} in its labels and its spec file alike. */
    static TestImage helloWithHeap(long heapPages) {
        String spec = TestImage.SPEC_JSON.replace("\"heap_pages\":2560", "\"heap_pages\":" + heapPages);
        return TestImage.hello().label("com.koskit.app.spec.heap_pages", Long.toString(heapPages))
                .layers(TarBuilder.tar().dir("bin").file("bin/hello", io.huruhuru.validation.fixture.ElfBuilder
                        .staticPie().build(), 0755).file("share.spec.json", spec).gzipLayer());
    }

    /** The hello image publishing {@code protocol} instead of hello_protocol, so that it can boot beside hello. */
    static TestImage helloPublishing(String protocol) {
        String spec = TestImage.SPEC_JSON.replace("hello_protocol", protocol);
        return TestImage.hello().label("com.koskit.app.spec.publishes", protocol)
                .layers(TarBuilder.tar().dir("bin").file("bin/hello", io.huruhuru.validation.fixture.ElfBuilder
                        .staticPie().build(), 0755).file("share.spec.json", spec).gzipLayer());
    }

    /** Pushes {@code image} to {@code repository:tag} and returns its digest. */
    static String push(RunningRegistry registry, String repository, String tag, TestImage image) {
        image.blobs().values().forEach(blob -> registry.pushBlob(repository, blob));
        HttpResponse<byte[]> put = registry.putManifest(repository, tag, image.manifestMediaType(),
                image.manifestBytes());
        assertEquals(201, put.statusCode(), () -> RunningRegistry.text(put));
        return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    static HttpResponse<byte[]> preview(RunningRegistry registry, String body) {
        return registry.send(registry.request("/sel4/v1/previews").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<byte[]> system(RunningRegistry registry, String platform, String compose) {
        return registry.send(registry.request("/sel4/v1/systems" + (platform == null ? "" : "?platform=" + platform))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(compose)).build());
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
