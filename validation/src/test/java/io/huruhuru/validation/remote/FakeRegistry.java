package io.huruhuru.validation.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny distribution-spec registry for tests (JDK HTTP server on 127.0.0.1, port 0): manifests and blobs from
 * maps, optional token or basic authentication, optional redirects of blob GETs, and a log of every request.
 */
final class FakeRegistry implements AutoCloseable {

    /** A request as the server saw it. */
    record Seen(String path, String query, Optional<String> accept, Optional<String> authorization) {
    }

    private record Manifest(byte[] body, String mediaType, String digestHeader) {
    }

    private final HttpServer server;
    private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> referrers = new ConcurrentHashMap<>();
    private final List<Seen> requests = new CopyOnWriteArrayList<>();
    private volatile String requiredAuthorization;
    private volatile String challenge;
    private volatile String token;
    private volatile String redirectHost;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:<port>}. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stores {@code image} (manifest, config, layers) under {@code repository:tag} and by digest. */
    String push(String repository, String tag, TestImage image) {
        byte[] manifest = image.manifestBytes();
        String digest = TarBuilder.sha256(manifest);
        putManifest(repository, tag, manifest, image.manifestMediaType(), digest);
        putManifest(repository, digest, manifest, image.manifestMediaType(), digest);
        image.source().blobs().forEach((d, bytes) -> putBlob(repository, d, bytes));
        return digest;
    }

    void putManifest(String repository, String reference, byte[] body, String mediaType, String digestHeader) {
        manifests.put(repository + "/" + reference, new Manifest(body, mediaType, digestHeader));
    }

    /** Serves {@code index} as the referrers of {@code digest}; without it the referrers API answers 404. */
    void putReferrers(String repository, String digest, byte[] index) {
        referrers.put(repository + "/" + digest, index);
    }

    void putBlob(String repository, String digest, byte[] bytes) {
        blobs.put(repository + "/" + digest, bytes);
    }

    /** Answers 401 with a Bearer challenge until the token that {@code /token} hands out is presented. */
    void requireToken(String issued) {
        token = issued;
        requiredAuthorization = "Bearer " + issued;
        challenge = "Bearer realm=\"http://" + host() + "/token\",service=\"fake-registry\","
                + "scope=\"repository:kos/hello:pull\"";
    }

    /** Answers 401 with a Basic challenge until these credentials are presented. */
    void requireBasic(String username, String password) {
        requiredAuthorization = new Credentials(username, password).basicAuthorization();
        challenge = "Basic realm=\"fake-registry\"";
    }

    /** Blob GETs answer 307 to {@code /storage/...} on {@code host} (another origin when it differs). */
    void redirectBlobsTo(String hostName) {
        redirectHost = hostName;
    }

    List<Seen> requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Optional<String> authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
        requests.add(new Seen(path, exchange.getRequestURI().getRawQuery(),
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept")), authorization));
        if (path.equals("/token")) {
            respond(exchange, 200, "application/json", ("{\"token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.startsWith("/storage/")) {
            serveBlob(exchange, path.substring("/storage/".length()));
            return;
        }
        if (requiredAuthorization != null && !authorization.filter(requiredAuthorization::equals).isPresent()) {
            exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
            error(exchange, 401, "UNAUTHORIZED", "authentication required");
            return;
        }
        int referrersAt = path.indexOf("/referrers/");
        if (referrersAt > 0) {
            byte[] index = referrers.get(path.substring("/v2/".length(), referrersAt) + "/"
                    + path.substring(referrersAt + "/referrers/".length()));
            if (index == null) {
                error(exchange, 404, "NOT_FOUND", "no referrers API");
            } else {
                respond(exchange, 200, "application/vnd.oci.image.index.v1+json", index);
            }
            return;
        }
        int manifestsAt = path.indexOf("/manifests/");
        int blobsAt = path.indexOf("/blobs/");
        if (manifestsAt > 0) {
            Manifest m = manifests.get(path.substring("/v2/".length(), manifestsAt) + "/"
                    + path.substring(manifestsAt + "/manifests/".length()));
            if (m == null) {
                error(exchange, 404, "MANIFEST_UNKNOWN", "manifest unknown");
                return;
            }
            exchange.getResponseHeaders().add("Docker-Content-Digest", m.digestHeader());
            respond(exchange, 200, m.mediaType(), m.body());
        } else if (blobsAt > 0 && redirectHost != null) {
            exchange.getResponseHeaders().add("Location", "http://" + redirectHost + ":" + server.getAddress().getPort()
                    + "/storage/" + path.substring("/v2/".length()).replace("/blobs/", "/"));
            respond(exchange, 307, "text/plain", new byte[0]);
        } else if (blobsAt > 0) {
            serveBlob(exchange, path.substring("/v2/".length()).replace("/blobs/", "/"));
        } else {
            error(exchange, 404, "NAME_UNKNOWN", "repository name not known to registry");
        }
    }

    private void serveBlob(HttpExchange exchange, String key) throws IOException {
        byte[] blob = blobs.get(key);
        if (blob == null) {
            error(exchange, 404, "BLOB_UNKNOWN", "blob unknown to registry");
        } else {
            respond(exchange, 200, "application/octet-stream", blob);
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        respond(exchange, status, "application/json", ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\""
                + message + "\",\"detail\":{}}]}").getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
