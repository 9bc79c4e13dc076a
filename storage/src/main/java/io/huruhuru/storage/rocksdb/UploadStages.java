package io.huruhuru.storage.rocksdb;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded, named thread pools that run the write and ingest stages of every upload's {@link ContentWriter}.
 *
 * <p>Two pools, not one: a write-stage task waits for the ingest-stage task of its upload ({@code ingest.join()}),
 * so with one bounded pool full of waiting write tasks, the ingests they wait for would never run. Ingest tasks wait
 * for nothing but the disk, so with a pool of their own both pools always make progress. Each upload has at most one
 * task of each stage running (its writes are chained, and it has one file in flight), so uploads beyond the bound
 * queue their stage tasks rather than start threads; the callers already wait when four values are in flight.
 */
final class UploadStages implements AutoCloseable {

    /** Threads per stage: both cores busy writing while as many uploads sync, as with the unbounded pool measured. */
    static final int THREADS_PER_STAGE = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final ThreadPoolExecutor write;
    private final ThreadPoolExecutor ingest;

    UploadStages() {
        this(THREADS_PER_STAGE);
    }

    UploadStages(int threadsPerStage) {
        this.write = pool("huruhuru-upload-write-", threadsPerStage);
        this.ingest = pool("huruhuru-upload-ingest-", threadsPerStage);
    }

    private static ThreadPoolExecutor pool(String prefix, int threads) {
        AtomicInteger number = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, prefix + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        // Idle stages hold no threads: most of the time no upload is writing.
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    Executor write() {
        return write;
    }

    Executor ingest() {
        return ingest;
    }

    /** Lets the stage tasks in flight finish (so that their records are written), waiting at most two minutes. */
    @Override
    public void close() {
        // Write tasks hand files to the ingest stage, so they stop first.
        write.shutdown();
        try {
            write.awaitTermination(2, TimeUnit.MINUTES);
            ingest.shutdown();
            ingest.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
