package io.huruhuru.bench.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What garbage collection gives back and what it costs pushes. {@code space}: a kept base, then many images pushed,
 * deleted and collected, with the data directory's size before, at its peak and after. {@code slowdown}: a population
 * of small images (half of them deleted), then pushes timed alternately without and with collections running back to
 * back; the registry must run with a grace longer than a push (its blobs are not referenced until its manifest).
 */
final class GcFigures {

    private static final Pattern NUMBER = Pattern.compile("\"(tookMillis|bytesFreed|blobs|manifests)\":(\\d+)");

    private GcFigures() {
    }

    static void space(URI url, String repository, Path data, int images, long layerBytes, int concurrency,
            int graceSeconds) throws Exception {
        int base = Math.max(1, images / 5);
        List<ImageFixture> kept = fixtures(1_000, base, layerBytes);
        pushAll(url, repository + "/base", kept, concurrency);
        waitForQuietDisk(data);
        long before = sizeOf(data);
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(sizeOf(data), Math::max);
                sleep(250);
            }
        });
        sampler.start();
        List<ImageFixture> pushed = fixtures(100_000, images, layerBytes);
        long start = System.nanoTime();
        pushAll(url, repository + "/churn", pushed, concurrency);
        long pushNanos = System.nanoTime() - start;
        try (RegistryClient client = new RegistryClient(url)) {
            for (ImageFixture image : pushed) {
                client.delete("/v2/" + repository + "/churn/manifests/" + image.manifestDigest());
            }
            sleep(graceSeconds * 1000L + 1000);
            String report = client.post("/sel4/v1/gc").bodyText();
            long afterCollection = sizeOf(data);
            sleep(15_000);
            sampling.set(false);
            sampler.join();
            long settled = sizeOf(data);
            Results.put("base_images", base);
            Results.put("images", images);
            Results.put("pushed_bytes", pushed.stream().mapToLong(ImageFixture::totalBytes).sum());
            Results.put("push_mibps", Results.mibPerSecond(
                    pushed.stream().mapToLong(ImageFixture::totalBytes).sum(), pushNanos));
            Results.put("before_bytes", before);
            Results.put("peak_bytes", peak.get());
            Results.put("after_bytes", afterCollection);
            Results.put("settled_bytes", settled);
            Results.put("gc_ms", figure(report, "tookMillis", 0));
            Results.put("gc_bytes_freed", figure(report, "bytesFreed", 0));
            Results.put("gc_manifests_deleted", figure(report, "manifests", 1));
            Results.put("gc_blobs_deleted", figure(report, "blobs", 1));
        }
    }

    static void slowdown(URI url, String repository, int population, int images, int rounds, int concurrency)
            throws Exception {
        populate(url, repository + "/population", population, concurrency);
        long collectStart = System.nanoTime();
        String first;
        try (RegistryClient client = new RegistryClient(url)) {
            first = client.post("/sel4/v1/gc").bodyText();
        }
        Results.put("population_images", population);
        Results.put("first_gc_wall_ms", (System.nanoTime() - collectStart) / 1e6);
        Results.put("first_gc_ms", figure(first, "tookMillis", 0));
        Results.put("first_gc_manifests_marked", figure(first, "manifests", 0));
        Results.put("first_gc_blobs_marked", figure(first, "blobs", 0));
        List<Double> quiet = new ArrayList<>();
        List<Double> collecting = new ArrayList<>();
        List<Long> collectionMillis = Collections.synchronizedList(new ArrayList<>());
        int next = 10_000_000;
        for (int round = 0; round < rounds; round++) {
            quiet.addAll(timedPushes(url, repository + "/timed", fixtures(next, images, 64 * 1024), concurrency));
            next += images;
            AtomicBoolean stop = new AtomicBoolean();
            Thread collector = new Thread(() -> {
                try (RegistryClient client = new RegistryClient(url)) {
                    while (!stop.get()) {
                        collectionMillis.add(figure(client.post("/sel4/v1/gc").bodyText(), "tookMillis", 0));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            collector.start();
            sleep(200); // the first collection is under way
            collecting.addAll(timedPushes(url, repository + "/timed", fixtures(next, images, 64 * 1024),
                    concurrency));
            next += images;
            stop.set(true);
            collector.join();
        }
        double quietMedian = percentile(quiet, 0.5);
        double collectingMedian = percentile(collecting, 0.5);
        Results.put("pushes_per_phase", images);
        Results.put("rounds", rounds);
        Results.put("quiet_median_ms", quietMedian);
        Results.put("collecting_median_ms", collectingMedian);
        Results.put("quiet_p90_ms", percentile(quiet, 0.9));
        Results.put("collecting_p90_ms", percentile(collecting, 0.9));
        Results.put("slowdown_percent", (collectingMedian / quietMedian - 1) * 100);
        Results.put("collections_during_pushes", collectionMillis.size());
        Results.put("collection_median_ms", percentile(collectionMillis.stream().map(Long::doubleValue).toList(),
                0.5));
    }

    /** Small images of four 1 KiB layers each (five blobs), half of them deleted again. */
    private static void populate(URI url, String repository, int count, int concurrency)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    try (RegistryClient client = new RegistryClient(url)) {
                        for (int i = thread; i < count; i += concurrency) {
                            byte[][] layers = new byte[4][];
                            StringBuilder list = new StringBuilder();
                            for (int l = 0; l < 4; l++) {
                                layers[l] = ("layer " + i + "." + l + " ").repeat(64).getBytes(StandardCharsets.UTF_8);
                                String digest = ImageFixture.sha256(layers[l]);
                                client.pushMonolithic(repository, Body.bytes(layers[l]), digest);
                                list.append(l == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image")
                                        .append(".layer.v1.tar\",\"digest\":\"").append(digest).append("\",\"size\":")
                                        .append(layers[l].length).append('}');
                            }
                            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + i + "}")
                                    .getBytes(StandardCharsets.UTF_8);
                            client.pushMonolithic(repository, Body.bytes(config), ImageFixture.sha256(config));
                            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + RegistryClient.OCI_MANIFEST
                                    + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                                    + "\"digest\":\"" + ImageFixture.sha256(config) + "\",\"size\":" + config.length
                                    + "},\"layers\":[" + list + "]}").getBytes(StandardCharsets.UTF_8);
                            client.putManifest(repository, "p" + i, RegistryClient.OCI_MANIFEST, manifest);
                            if (i % 2 == 1) {
                                client.delete("/v2/" + repository + "/manifests/" + ImageFixture.sha256(manifest));
                            }
                            if (done.incrementAndGet() % 2000 == 0) {
                                System.err.println("# populated " + done.get() + " images");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Pushes every image (layer, config, manifest), {@code concurrency} at a time; each one's time in ms. */
    private static List<Double> timedPushes(URI url, String repository, List<ImageFixture> images, int concurrency)
            throws Exception {
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    try (RegistryClient client = new RegistryClient(url)) {
                        for (int i = thread; i < images.size(); i += concurrency) {
                            long start = System.nanoTime();
                            images.get(i).push(client, repository, "t" + images.get(i).manifestDigest()
                                    .substring(7, 27));
                            millis.add((System.nanoTime() - start) / 1e6);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return millis;
    }

    private static void pushAll(URI url, String repository, List<ImageFixture> images, int concurrency)
            throws Exception {
        timedPushes(url, repository, images, concurrency);
    }

    private static List<ImageFixture> fixtures(long firstId, int count, long layerBytes) {
        List<ImageFixture> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add(new ImageFixture(firstId + i, layerBytes));
        }
        return images;
    }

    /** Waits until the directory's size holds still for a few seconds (flushes and compactions settled). */
    private static void waitForQuietDisk(Path data) {
        long last = -1;
        for (int i = 0; i < 30; i++) {
            long now = sizeOf(data);
            if (now == last) {
                return;
            }
            last = now;
            sleep(2_000);
        }
    }

    static long sizeOf(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // deleted by a compaction while walking
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return sizeOf(directory); // a file vanished under the walk: walk again
        }
    }

    /** The {@code index}-th value of {@code key} in the report's JSON (e.g. deleted.blobs is the second "blobs"). */
    private static long figure(String json, String key, int index) {
        Matcher m = NUMBER.matcher(json);
        int seen = 0;
        while (m.find()) {
            if (m.group(1).equals(key) && seen++ == index) {
                return Long.parseLong(m.group(2));
            }
        }
        return -1;
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
