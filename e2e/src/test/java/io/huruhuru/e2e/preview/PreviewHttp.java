package io.huruhuru.e2e.preview;

import io.huruhuru.e2e.registry.RegistryProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The registry's {@code /sel4/v1} preview routes, called as a script or a browser would. */
public final class PreviewHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final RegistryProcess registry;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public PreviewHttp(RegistryProcess registry) {
        this.registry = registry;
    }

    /** {@code POST /sel4/v1/previews} of {@code image} on {@code platform}. */
    public HttpResponse<byte[]> preview(String image, String platform) {
        String body = "{\"image\":\"" + image + "\",\"platform\":\"" + platform + "\"}";
        return post("/sel4/v1/previews", "application/json", body);
    }

    /** {@code POST /sel4/v1/systems?platform=P} of a compose file. */
    public HttpResponse<byte[]> system(String composeYaml, String platform) {
        return post("/sel4/v1/systems?platform=" + platform, "application/yaml", composeYaml);
    }

    public HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(registry.uri(path)).timeout(TIMEOUT).GET().build());
    }

    private HttpResponse<byte[]> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(registry.uri(path)).timeout(TIMEOUT).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
