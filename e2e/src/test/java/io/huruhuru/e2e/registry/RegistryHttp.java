package io.huruhuru.e2e.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Direct HTTP calls to the registry under test, for what the clients do not show. */
public final class RegistryHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RegistryProcess registry;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public RegistryHttp(RegistryProcess registry) {
        this.registry = registry;
    }

    /** GET with one {@code Accept} header line per media type, as the real clients send them. */
    public HttpResponse<byte[]> get(String path, List<String> accept) {
        return send(request(path, accept).GET().build());
    }

    public HttpResponse<byte[]> get(String path) {
        return get(path, List.of());
    }

    public HttpResponse<byte[]> head(String path, List<String> accept) {
        return send(request(path, accept).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** POST without a body, as a client starts an upload or asks for a cross-repository mount. */
    public HttpResponse<byte[]> post(String path) {
        return send(request(path, List.of()).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<byte[]> delete(String path) {
        return send(request(path, List.of()).DELETE().build());
    }

    private HttpRequest.Builder request(String path, List<String> accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(registry.uri(path)).timeout(TIMEOUT);
        accept.forEach(type -> builder.header("Accept", type));
        return builder;
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
