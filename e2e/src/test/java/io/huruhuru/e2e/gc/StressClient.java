package io.huruhuru.e2e.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One of the stress test's clients: pushes (monolithic and chunked blobs, some shared with other repositories and
 * clients), tags, deletes and pulls random images of its own until its deadline, writing what was acknowledged into
 * the ledger. Some pushes put their manifest only after a collection that started after their blobs were uploaded,
 * so that the grace period is what keeps those blobs.
 */
final class StressClient implements Runnable {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPOSITORIES = 4;
    private static final int SHARED_LAYERS = 12;

    private final int id;
    private final URI base;
    private final StressLedger ledger;
    private final Instant deadline;
    private final boolean killsExpected;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<StressLedger.Pushed> own = new ArrayList<>();
    private int counter;

    StressClient(int id, URI base, StressLedger ledger, Instant deadline, boolean killsExpected, long seed) {
        this.id = id;
        this.base = base;
        this.ledger = ledger;
        this.deadline = deadline;
        this.killsExpected = killsExpected;
        this.random = new Random(seed);
    }

    @Override
    public void run() {
        while (Instant.now().isBefore(deadline)) {
            int op = random.nextInt(100);
            try {
                if (op < 45 || own.isEmpty()) {
                    push();
                } else if (op < 55) {
                    tag();
                } else if (op < 75) {
                    delete();
                } else {
                    pull();
                }
            } catch (IOException e) {
                if (!killsExpected) {
                    ledger.fail("client " + id + ": " + e);
                }
                ledger.interrupted.incrementAndGet();
                sleep(200); // the registry is being restarted
            } catch (IllegalStateException e) {
                // a refused step of a push, already in the ledger's failures: the push is abandoned
            }
        }
    }

    private void push() throws IOException {
        String repository = "stress/r" + random.nextInt(REPOSITORIES);
        int n = counter++;
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"client\":" + id + ",\"n\":" + n + "}")
                .getBytes(StandardCharsets.UTF_8);
        List<byte[]> layers = new ArrayList<>();
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            layers.add(random.nextInt(10) < 3 ? shared(random.nextInt(SHARED_LAYERS))
                    : bytes(1024 + random.nextInt(128 * 1024), random.nextLong()));
        }
        Instant uploaded = Instant.now();
        upload(repository, config);
        for (byte[] layer : layers) {
            upload(repository, layer);
        }
        boolean late = random.nextInt(40) == 0; // rare: a client waiting for a collection pushes nothing meanwhile
        if (late && !awaitCollectionStartedAfter(uploaded)) {
            late = false;
        }
        StringBuilder manifest = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + sha256(config) + "\",\"size\":" + config.length + "},\"layers\":[");
        List<String> blobs = new ArrayList<>(List.of(sha256(config)));
        for (int i = 0; i < layers.size(); i++) {
            manifest.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                    + "\"digest\":\"").append(sha256(layers.get(i))).append("\",\"size\":")
                    .append(layers.get(i).length).append('}');
            blobs.add(sha256(layers.get(i)));
        }
        byte[] body = manifest.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        String digest = sha256(body);
        String tag = "c" + id + "-" + n;
        HttpResponse<byte[]> put;
        try {
            put = send(request("/v2/" + repository + "/manifests/" + tag).header("Content-Type", OCI_MANIFEST)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        } catch (IOException e) {
            ledger.uncertain.add(repository + "@" + digest); // it may or may not have been stored
            throw e;
        }
        if (put.statusCode() != 201) {
            ledger.fail("manifest put " + repository + ":" + tag + (late ? " (after a collection)" : "") + ": "
                    + put.statusCode() + " " + new String(put.body(), StandardCharsets.UTF_8));
            return;
        }
        Set<String> tags = ConcurrentHashMap.newKeySet();
        tags.add(tag);
        StressLedger.Pushed pushed = new StressLedger.Pushed(repository, digest, body, blobs, tags);
        ledger.acknowledged.put(pushed.key(), pushed);
        own.add(pushed);
        ledger.pushes.incrementAndGet();
        if (late) {
            ledger.referencedAfterACollection.incrementAndGet();
        }
    }

    /** Monolithic or chunked (POST, two PATCHes, PUT), at random. */
    private void upload(String repository, byte[] content) throws IOException {
        String digest = sha256(content);
        if (random.nextBoolean()) {
            expect(send(request("/v2/" + repository + "/blobs/uploads/?digest=" + digest)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build()), 201, "monolithic " + digest);
        } else {
            HttpResponse<byte[]> started = send(request("/v2/" + repository + "/blobs/uploads/")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            expect(started, 202, "upload start");
            String location = started.headers().firstValue("Location").orElseThrow();
            int half = content.length / 2;
            location = patch(location, content, 0, half);
            location = patch(location, content, half, content.length);
            expect(send(HttpRequest.newBuilder(base.resolve(location + (location.contains("?") ? "&" : "?")
                    + "digest=" + digest)).timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build()), 201, "chunked commit " + digest);
        }
        ledger.blobUploads.incrementAndGet();
    }

    private String patch(String location, byte[] content, int from, int to) throws IOException {
        HttpResponse<byte[]> patched = send(HttpRequest.newBuilder(base.resolve(location))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/octet-stream")
                .header("Content-Range", from + "-" + (to - 1))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content, from, to - from)).build());
        expect(patched, 202, "patch");
        return patched.headers().firstValue("Location").orElse(location);
    }

    private void tag() throws IOException {
        StressLedger.Pushed pushed = own.get(random.nextInt(own.size()));
        String tag = "c" + id + "-t" + counter++;
        HttpResponse<byte[]> put;
        try {
            put = send(request("/v2/" + pushed.repository() + "/manifests/" + tag)
                    .header("Content-Type", OCI_MANIFEST).PUT(HttpRequest.BodyPublishers.ofByteArray(pushed.manifest()))
                    .build());
        } catch (IOException e) {
            ledger.uncertain.add(pushed.key());
            throw e;
        }
        if (put.statusCode() == 201) {
            pushed.tags().add(tag);
            ledger.tags.incrementAndGet();
        } else {
            ledger.fail("tag " + pushed.key() + " as " + tag + ": " + put.statusCode());
        }
    }

    private void delete() throws IOException {
        StressLedger.Pushed pushed = own.remove(random.nextInt(own.size()));
        HttpResponse<byte[]> deleted;
        try {
            deleted = send(request("/v2/" + pushed.repository() + "/manifests/" + pushed.digest()).DELETE().build());
        } catch (IOException e) {
            ledger.uncertain.add(pushed.key());
            throw e;
        }
        if (deleted.statusCode() == 202) {
            ledger.deleted.add(pushed.key());
            ledger.deletes.incrementAndGet();
        } else {
            ledger.fail("delete " + pushed.key() + ": " + deleted.statusCode());
        }
    }

    private void pull() throws IOException {
        StressLedger.Pushed pushed = own.get(random.nextInt(own.size()));
        if (ledger.uncertain.contains(pushed.key())) {
            return;
        }
        String tag = pushed.tags().iterator().next();
        HttpResponse<byte[]> manifest = send(request("/v2/" + pushed.repository() + "/manifests/" + tag)
                .header("Accept", OCI_MANIFEST).GET().build());
        if (manifest.statusCode() != 200 || !java.util.Arrays.equals(manifest.body(), pushed.manifest())) {
            ledger.fail("pull " + pushed.repository() + ":" + tag + ": " + manifest.statusCode());
            return;
        }
        String blob = pushed.blobs().get(random.nextInt(pushed.blobs().size()));
        HttpResponse<byte[]> content = send(request("/v2/" + pushed.repository() + "/blobs/" + blob).GET().build());
        if (content.statusCode() != 200 || !sha256(content.body()).equals(blob)) {
            ledger.fail("pull blob " + blob + " of " + pushed.key() + ": " + content.statusCode());
            return;
        }
        ledger.pulls.incrementAndGet();
    }

    /** Waits until a collection that started after {@code instant} has finished; false if none did within 30 s. */
    private boolean awaitCollectionStartedAfter(Instant instant) throws IOException {
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            HttpResponse<byte[]> status = send(request("/sel4/v1/gc").GET().build());
            JsonNode last = JSON.readTree(status.body()).path("last");
            if (!last.isMissingNode() && !last.isNull()
                    && Instant.parse(last.get("started").asText()).isAfter(instant)) {
                return true;
            }
            sleep(100);
        }
        return false;
    }

    private void expect(HttpResponse<byte[]> response, int status, String what) {
        if (response.statusCode() != status) {
            ledger.fail("client " + id + " " + what + ": " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
            throw new IllegalStateException(what + " failed");
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** One of the layers that every client pushes now and then, into any repository. */
    static byte[] shared(int index) {
        return bytes(32 * 1024, 1_000_000L + index);
    }

    static byte[] bytes(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
