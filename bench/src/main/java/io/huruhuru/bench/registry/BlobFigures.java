package io.huruhuru.bench.registry;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Blob push and pull figures; each times the HTTP exchanges only, never the digest computation. */
final class BlobFigures {

    private BlobFigures() {
    }

    static void pushMonolithic(URI url, String repository, long size, long blobId, long rssPid) throws Exception {
        PatternBlob blob = PatternBlob.of(blobId, size);
        String digest = blob.digest();
        try (RegistryClient client = new RegistryClient(url)) {
            client.ping();
            RssSampler sampler = rssPid > 0 ? RssSampler.start(rssPid) : null;
            long start = System.nanoTime();
            client.pushMonolithic(repository, blob, digest);
            long elapsed = System.nanoTime() - start;
            if (sampler != null) {
                sampler.close();
                sampler.report("rss");
            }
            Results.put("digest", digest);
            Results.put("seconds", elapsed / 1e9);
            Results.put("mibps", Results.mibPerSecond(size, elapsed));
        }
    }

    static void pushChunked(URI url, String repository, long size, long chunk, long blobId) throws Exception {
        PatternBlob blob = PatternBlob.of(blobId, size);
        String digest = blob.digest();
        try (RegistryClient client = new RegistryClient(url)) {
            client.ping();
            long start = System.nanoTime();
            client.pushChunked(repository, blob, digest, chunk);
            long elapsed = System.nanoTime() - start;
            Results.put("digest", digest);
            Results.put("seconds", elapsed / 1e9);
            Results.put("mibps", Results.mibPerSecond(size, elapsed));
        }
    }

    /** Pulls the blob {@code repeat} times and reports the median rate, so one cold read does not decide. */
    static void pull(URI url, String repository, String digest, long size, int repeat) throws Exception {
        double[] rates = new double[repeat];
        try (RegistryClient client = new RegistryClient(url)) {
            client.ping();
            for (int i = 0; i < repeat; i++) {
                long start = System.nanoTime();
                long received = client.pull(repository, digest);
                long elapsed = System.nanoTime() - start;
                if (received != size) {
                    throw new IOException("GET blob " + digest + " returned " + received + " bytes, expected " + size);
                }
                rates[i] = Results.mibPerSecond(size, elapsed);
                System.err.printf("pull %d: %.1f MiB/s%n", i + 1, rates[i]);
            }
        }
        Arrays.sort(rates);
        Results.put("mibps", rates[repeat / 2]);
    }

    /** Pushes {@code count} distinct blobs at once, one connection each; reports the aggregate rate. */
    static void concurrentPush(URI url, String repository, int count, long size, long firstBlobId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<PatternBlob> blobs = new ArrayList<>();
            List<Future<String>> digests = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                PatternBlob blob = PatternBlob.of(firstBlobId + i, size);
                blobs.add(blob);
                digests.add(pool.submit(blob::digest));
            }
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Void>> pushes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                PatternBlob blob = blobs.get(i);
                String digest = digests.get(i).get();
                Callable<Void> push = () -> {
                    try (RegistryClient client = new RegistryClient(url)) {
                        try {
                            client.ping();
                        } finally {
                            // a failed connection must not leave the start signal waiting for it
                            ready.countDown();
                        }
                        go.await();
                        client.pushMonolithic(repository, blob, digest);
                    }
                    return null;
                };
                pushes.add(pool.submit(push));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            for (Future<Void> push : pushes) {
                push.get();
            }
            long elapsed = System.nanoTime() - start;
            Results.put("seconds", elapsed / 1e9);
            Results.put("mibps", Results.mibPerSecond(size * count, elapsed));
        } finally {
            pool.shutdownNow();
        }
    }
}
