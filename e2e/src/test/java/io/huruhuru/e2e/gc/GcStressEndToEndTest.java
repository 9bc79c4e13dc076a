package io.huruhuru.e2e.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.e2e.process.Processes;
import io.huruhuru.e2e.registry.RegistryKind;
import io.huruhuru.e2e.registry.RegistryProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight clients push, tag, delete and pull random images against the built jar while it collects every 2 s; then
 * every manifest a client saw acknowledged and did not delete is pulled back byte for byte and every blob it names is
 * checked against its digest. The second test also kills the registry with SIGKILL while a collection runs, and
 * starts it again, several times. Length: {@code -Dhuruhuru.gcStress.seconds} (default 60 each).
 */
class GcStressEndToEndTest {

    private static final int CLIENTS = 8;
    private static final Duration LENGTH = Duration.ofSeconds(Long.getLong("huruhuru.gcStress.seconds", 60));
    /** Longer than a client's longest wait between its blobs and its manifest (a collection, or a restart). */
    private static final int GRACE_SECONDS = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private RegistryProcess registry;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        Assumptions.assumeTrue(RegistryKind.fromSystemProperties() == RegistryKind.HURUHURU,
                "collections are Huruhuru's");
        Path config = Files.writeString(work.resolve("huruhuru.yaml"), """
                log:
                  level: info
                  access: false
                gc:
                  intervalSeconds: 2
                  graceSeconds: %d
                  batchSize: 4
                """.formatted(GRACE_SECONDS));
        registry = RegistryProcess.start(RegistryKind.HURUHURU, work, List.of("--config", config.toString()));
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void nothingAcknowledgedIsLostWhileCollectionsRun() throws Exception {
        StressLedger ledger = run(false);

        Counts counts = verify(ledger, "collections during traffic", 0);

        assertEquals(List.of(), List.copyOf(ledger.failures), "refused or broken requests");
        assertEquals(0, counts.lost, "lost");
        assertTrue(counts.collections > 5, "collections ran: " + counts.collections);
        assertTrue(ledger.referencedAfterACollection.get() > 0, "some manifests came after a collection");
    }

    @Test
    void nothingAcknowledgedIsLostWhenTheRegistryIsKilledDuringACollection() throws Exception {
        AtomicLong kills = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread killer = new Thread(() -> killDuringCollections(kills, stop), "stress-killer");
        killer.start();
        StressLedger ledger;
        try {
            ledger = run(true);
        } finally {
            stop.set(true);
            killer.join();
        }
        if (!registry.isAlive()) {
            registry.startAgain();
        }

        Counts counts = verify(ledger, "kill -9 during collections", kills.get());

        assertEquals(0, counts.lost, "lost");
        assertTrue(kills.get() > 0, "the registry was killed during a collection");
        // a push that a kill interrupted is abandoned by its client, so nothing that reached the registry is refused
        assertEquals(List.of(), List.copyOf(ledger.failures), "refused or broken requests");
    }

    private StressLedger run(boolean killsExpected) throws InterruptedException {
        StressLedger ledger = new StressLedger();
        Instant deadline = Instant.now().plus(LENGTH);
        URI base = registry.uri("/");
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread client = new Thread(new StressClient(i, base, ledger, deadline, killsExpected, 7919L * (i + 1)),
                    "stress-client-" + i);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join(LENGTH.plusMinutes(2).toMillis());
        }
        return ledger;
    }

    /** Every few seconds: waits until a collection runs, kills the registry at once, and starts it again. */
    private void killDuringCollections(AtomicLong kills, AtomicBoolean stop) {
        while (!stop.get()) {
            sleep(8_000);
            Instant until = Instant.now().plusSeconds(10);
            while (!stop.get() && Instant.now().isBefore(until)) {
                try {
                    JsonNode status = JSON.readTree(get("/sel4/v1/gc").body());
                    if (status.get("running").asBoolean()) {
                        registry.kill();
                        kills.incrementAndGet();
                        System.out.println("[gc-stress] kill -9 during a collection at " + Instant.now());
                        registry.startAgain();
                        break;
                    }
                } catch (IOException e) {
                    // not up yet
                }
                sleep(3);
            }
        }
    }

    private record Counts(long objectsChecked, long lost, long collections, long blobsDeleted, long bytesFreed) {
    }

    /** A last collection, then every acknowledged manifest, tag and blob is read back; deleted ones must stay gone. */
    private Counts verify(StressLedger ledger, String name, long kills) throws IOException {
        HttpResponse<byte[]> last = http(HttpRequest.newBuilder(registry.uri("/sel4/v1/gc"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, last.statusCode());
        long checked = 0;
        List<String> lost = new ArrayList<>();
        for (StressLedger.Pushed pushed : ledger.acknowledged.values()) {
            if (ledger.uncertain.contains(pushed.key())) {
                continue;
            }
            String manifestPath = "/v2/" + pushed.repository() + "/manifests/" + pushed.digest();
            HttpResponse<byte[]> manifest = get(manifestPath);
            if (ledger.deleted.contains(pushed.key())) {
                if (manifest.statusCode() != 404) {
                    lost.add("deleted " + pushed.key() + " answered " + manifest.statusCode());
                }
                checked++;
                continue;
            }
            if (manifest.statusCode() != 200 || !Arrays.equals(manifest.body(), pushed.manifest())) {
                lost.add("manifest " + pushed.key() + ": " + manifest.statusCode());
            }
            checked++;
            for (String tag : pushed.tags()) {
                HttpResponse<byte[]> byTag = get("/v2/" + pushed.repository() + "/manifests/" + tag);
                if (byTag.statusCode() != 200 || !Arrays.equals(byTag.body(), pushed.manifest())) {
                    lost.add("tag " + pushed.repository() + ":" + tag + ": " + byTag.statusCode());
                }
                checked++;
            }
            for (String blob : pushed.blobs()) {
                HttpResponse<byte[]> content = get("/v2/" + pushed.repository() + "/blobs/" + blob);
                if (content.statusCode() != 200 || !StressClient.sha256(content.body()).equals(blob)) {
                    lost.add("blob " + blob + " of " + pushed.key() + ": " + content.statusCode());
                }
                checked++;
            }
        }
        long[] collected = collections();
        long collections = collected[0];
        System.out.printf("[gc-stress] %s: %d clients for %d s: pushes=%d (blob uploads=%d, manifests put after a "
                        + "collection that followed their blobs=%d), tags=%d, deletes=%d, pulls=%d, collections=%d, "
                        + "blobs deleted by them=%d (%d bytes), kills=%d, requests cut by a kill=%d, unknown outcome=%d, "
                        + "objects checked=%d, lost: %d%n",
                name, CLIENTS, LENGTH.toSeconds(), ledger.pushes.get(), ledger.blobUploads.get(),
                ledger.referencedAfterACollection.get(), ledger.tags.get(), ledger.deletes.get(), ledger.pulls.get(),
                collections, collected[1], collected[2], kills, ledger.interrupted.get(), ledger.uncertain.size(), checked, lost.size());
        lost.stream().limit(20).forEach(line -> System.out.println("[gc-stress] lost: " + line));
        ledger.failures.forEach(line -> System.out.println("[gc-stress] refused: " + line));
        if (!lost.isEmpty()) {
            System.out.println(Processes.tail(registry.log(), 60));
        }
        return new Counts(checked, lost.size(), collections, collected[1], collected[2]);
    }

    private static final java.util.regex.Pattern DELETED =
            java.util.regex.Pattern.compile("garbage collection in .* and (\\d+) blobs, (\\d+) bytes freed");

    /** Collections that finished, the blobs and bytes they deleted, from the registry's log (it spans restarts). */
    private long[] collections() throws IOException {
        long[] counts = new long[3];
        try (var lines = Files.lines(registry.log())) {
            lines.map(DELETED::matcher).filter(java.util.regex.Matcher::find).forEach(m -> {
                counts[0]++;
                counts[1] += Long.parseLong(m.group(1));
                counts[2] += Long.parseLong(m.group(2));
            });
        }
        return counts;
    }

    private HttpResponse<byte[]> get(String path) throws IOException {
        return http(HttpRequest.newBuilder(registry.uri(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private HttpResponse<byte[]> http(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
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
