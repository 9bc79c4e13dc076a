package io.huruhuru.server;

import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.server.contract.ResponseContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A registry on a free loopback port over a fresh data directory for each test, with a plain HTTP client. */
public final class RunningRegistry implements BeforeEachCallback, AfterEachCallback {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Path data;
    private Registry registry;
    private String policy;
    private Duration purgeUploadsAfter;
    private Duration purgeUploadsEvery;
    private java.util.function.UnaryOperator<RegistryConfig> configure = java.util.function.UnaryOperator.identity();
    private RegistryConfig.Gc gc;
    private String gcPolicy;

    /** Changes the configuration that the next {@link #start()} uses (after the test's data directory is set). */
    public RunningRegistry configure(java.util.function.UnaryOperator<RegistryConfig> change) {
        this.configure = change;
        return this;
    }

    /** Runs the registry with this upload purging (see {@code RegistryConfig.Storage}). */
    public RunningRegistry withUploadPurge(Duration after, Duration every) {
        this.purgeUploadsAfter = after;
        this.purgeUploadsEvery = every;
        return this;
    }

    /**
     * Runs the registry with a policy that signs nothing, for tests of the distribution API whose counts of tags and
     * referrers would otherwise include the registry's signatures.
     */
    public RunningRegistry unsigned() {
        return withPolicy("rules:\n  - repositories: [\"**\"]\n    sign: none\n");
    }

    /**
     * Runs the registry without scheduled collections, with this grace and, unless null, this retention and quota
     * file (YAML, written into the data directory).
     */
    public RunningRegistry withGc(Duration grace, String policyYaml) {
        this.gc = new RegistryConfig.Gc(Duration.ZERO, grace, 100, java.util.Optional.empty());
        this.gcPolicy = policyYaml;
        return this;
    }

    /** Runs the registry with this validation policy (YAML). */
    public RunningRegistry withPolicy(String policyYaml) {
        this.policy = policyYaml;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory("huruhuru-test");
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        stop();
        deleteRecursively(data);
    }

    /** Starts the registry on the current data directory. */
    public void start() throws Exception {
        RegistryConfig config = RegistryConfig.defaults()
                .withListen(RegistryConfig.Listen.parse("127.0.0.1:0"))
                .withDataDirectory(data);
        config = config.withLog(new RegistryConfig.Log("warn", false));
        if (purgeUploadsAfter != null) {
            config = config.withUploadPurge(purgeUploadsAfter, purgeUploadsEvery);
        }
        if (policy != null) {
            Path file = data.resolve("policy.yaml");
            Files.writeString(file, policy);
            config = config.withPolicy(file);
        }
        if (gc != null) {
            java.util.Optional<Path> file = java.util.Optional.empty();
            if (gcPolicy != null) {
                file = java.util.Optional.of(Files.writeString(data.resolve("gc.yaml"), gcPolicy));
            }
            config = config.withGc(new RegistryConfig.Gc(gc.interval(), gc.grace(), gc.batchSize(), file));
        }
        registry = Registry.start(configure.apply(config));
    }

    /** Stops the registry, keeping its data. */
    public void stop() throws Exception {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    /** The registry's data directory. */
    public Path dataDirectory() {
        return data;
    }

    /** The running registry (its collector, its store). */
    public Registry registry() {
        return registry;
    }

    /** The running registry's store, to look at what requests left behind. */
    public io.huruhuru.storage.RegistryStore store() {
        return registry.store();
    }

    /** Whether the storage worker pool drained within {@code timeout}: no request left a task running or queued. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return registry.awaitIdle(timeout);
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + registry.port() + pathAndQuery);
    }

    public int port() {
        return registry.port();
    }

    /** The TLS port, when the configuration has one. */
    public int tlsPort() {
        return registry.tlsPort();
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery));
    }

    /** Sends {@code request} and checks the response against openapi.yaml (see {@link ResponseContract}). */
    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            ResponseContract.get().check(response);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> get(String path) {
        return send(request(path).GET().build());
    }

    /** Pushes a blob monolithically and returns its digest. */
    public String pushBlob(String repository, byte[] content) {
        String digest = sha256(content);
        HttpResponse<byte[]> response = send(request("/v2/" + repository + "/blobs/uploads/?digest=" + digest)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
        if (response.statusCode() != 201) {
            throw new AssertionError("blob push failed: " + response.statusCode() + " " + text(response));
        }
        return digest;
    }

    /** Puts a manifest and returns the response. */
    public HttpResponse<byte[]> putManifest(String repository, String reference, String mediaType, byte[] body) {
        return send(request("/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] content) {
        return "sha256:" + hex("SHA-256", content);
    }

    public static String sha512(byte[] content) {
        return "sha512:" + hex("SHA-512", content);
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
