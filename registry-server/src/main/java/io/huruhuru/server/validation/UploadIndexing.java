package io.huruhuru.server.validation;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.layer.LayerIndexStore;
import io.huruhuru.storage.upload.UploadListener;
import io.huruhuru.validation.layer.Capture;
import io.huruhuru.validation.layer.LayerFacts;
import io.huruhuru.validation.layer.LayerFactsCodec;
import io.huruhuru.validation.layer.LayerReader;
import io.huruhuru.validation.layer.LayerReading;
import io.huruhuru.validation.layer.ReadLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what a blob contains while it is uploaded (an {@link UploadListener} feeding the upload's bytes to a
 * {@link LayerReader} on its own thread), so that the manifest pushed next finds its layers' facts ready in {@code layer_index} and validation does
 * not read each layer again after the upload: its cost hides behind the upload.
 *
 * <p>Only uploads into the repositories {@code reads} accepts, of blobs that start like a layer (gzip, zstd or tar),
 * are read, at most {@code readers} at once (others are read at validation, as before); a reader that falls behind paces its upload through a bounded {@link ChunkPipe}; an
 * upload left idle is given up. Facts are stored under the digest the upload commits with.
 */
public final class UploadIndexing implements UploadListener.Factory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadIndexing.class);
    /** How many bytes may wait for a reader before the upload waits: a few network reads' worth. */
    private static final long PIPE_BYTES = 16L << 20;
    private static final long IDLE_MILLIS = TimeUnit.MINUTES.toMillis(2);
    /** JSON files kept while reading, in case one is the spec file an image names later. */
    private static final int CAPTURED_FILES = 32;
    private static final long CAPTURED_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 512;

    private final LayerIndexStore index;
    private final ReadLimits limits;
    private final Semaphore slots;
    private final Predicate<RepositoryName> reads;
    private final ExecutorService readers;
    /** Committed blobs whose reading is still finishing, so that validation waits for it instead of reading again. */
    private final Map<Digest, CompletableFuture<Optional<LayerFacts>>> finishing = new ConcurrentHashMap<>();

    /** @param reads whether uploads into a repository are read (called on a worker; it may ask storage) */
    public UploadIndexing(LayerIndexStore index, ReadLimits limits, int readers, Predicate<RepositoryName> reads) {
        this.index = index;
        this.limits = limits;
        this.reads = reads;
        this.slots = new Semaphore(readers);
        this.readers = Executors.newFixedThreadPool(Math.max(1, readers), task -> {
            Thread thread = new Thread(task, "huruhuru-layer-reader");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The listener of a new upload into {@code repository} (named {@code uploadId} until its digest is known). */
    @Override
    public UploadListener forUpload(RepositoryName repository, String uploadId) {
        return reads.test(repository) ? new ReadingListener(uploadId) : UploadListener.NONE;
    }

    /**
     * The facts of a layer whose upload committed while its reading was still finishing, once that reading is done;
     * empty when no such reading is running (look in {@code layer_index}) or it failed.
     */
    Optional<LayerFacts> awaitFinishing(Digest digest) {
        CompletableFuture<Optional<LayerFacts>> reading = finishing.get(digest);
        if (reading == null) {
            return Optional.empty();
        }
        try {
            return reading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }

    private final class ReadingListener implements UploadListener {

        private final String uploadId;
        private ByteBuffer sniffed = ByteBuffer.allocate(SNIFF_BYTES);
        /** Set once the blob looks like a layer and a reader runs. */
        private ChunkPipe pipe;
        private CompletableFuture<Optional<LayerReading>> reading;
        /** Whether bytes are still handed on: not once the blob is no layer, no reader is free, the reader stopped
         *  or the upload ended. */
        private boolean feeding = true;
        private boolean abandoned;

        ReadingListener(String uploadId) {
            this.uploadId = uploadId;
        }

        @Override
        public synchronized void received(ByteBuffer bytes) {
            if (!feeding) {
                return;
            }
            ByteBuffer rest = bytes.duplicate();
            if (pipe == null) {
                ByteBuffer head = rest.duplicate();
                head.limit(head.position() + Math.min(head.remaining(), sniffed.remaining()));
                sniffed.put(head);
                rest.position(head.limit());
                if (sniffed.hasRemaining()) {
                    return;
                }
                feeding = startReading(sniffed.flip());
                sniffed = null;
            }
            if (feeding && rest.hasRemaining()) {
                feed(rest);
            }
        }

        /** Starts a reader, handing it {@code head}, if {@code head} looks like a layer and a reader is free. */
        private boolean startReading(ByteBuffer head) {
            if (!looksLikeLayer(head) || !slots.tryAcquire()) {
                return false;
            }
            ChunkPipe started = new ChunkPipe(PIPE_BYTES, IDLE_MILLIS);
            String provisional = "upload " + uploadId;
            try {
                reading = CompletableFuture.supplyAsync(() -> read(provisional, started), readers);
            } catch (RejectedExecutionException e) {
                slots.release();
                return false;
            }
            // A reader that stops early (a corrupt layer) reads no further: the upload must not wait for it.
            reading.whenComplete((facts, failure) -> started.abort("the reader stopped"));
            pipe = started;
            feed(head);
            return feeding;
        }

        private Optional<LayerReading> read(String provisional, ChunkPipe from) {
            try {
                return Optional.of(new LayerReader(limits).readBeforeDigest(provisional, from.inputStream(),
                        Capture.jsonFiles(CAPTURED_FILES, CAPTURED_BYTES)));
            } catch (IOException e) {
                return Optional.empty();
            } finally {
                slots.release();
            }
        }

        private void feed(ByteBuffer bytes) {
            try {
                feeding = pipe.put(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandoned();
            }
        }

        @Override
        public synchronized void committed(Digest digest) {
            feeding = false;
            if (pipe == null || abandoned) {
                return;
            }
            pipe.close();
            CompletableFuture<Optional<LayerFacts>> stored = reading.thenApply(facts -> facts.map(read -> {
                LayerFacts keyed = read.at(digest);
                try {
                    index.put(digest, LayerFactsCodec.encode(keyed));
                } catch (RuntimeException e) {
                    LOG.warn("cannot keep the facts of layer {}: {}", digest, e.getMessage());
                }
                return keyed;
            }));
            finishing.put(digest, stored);
            stored.whenComplete((facts, failure) -> finishing.remove(digest, stored));
        }

        @Override
        public synchronized void abandoned() {
            feeding = false;
            abandoned = true;
            if (pipe != null) {
                pipe.abort("the upload was abandoned");
            }
        }
    }

    /** gzip or zstd magic bytes, or a ustar header (image-spec layer.md allows nothing else in a layer). */
    static boolean looksLikeLayer(ByteBuffer head) {
        int n = head.remaining();
        int p = head.position();
        if (n >= 2 && (head.get(p) & 0xff) == 0x1f && (head.get(p + 1) & 0xff) == 0x8b) {
            return true;
        }
        if (n >= 4 && (head.get(p) & 0xff) == 0x28 && (head.get(p + 1) & 0xff) == 0xb5
                && (head.get(p + 2) & 0xff) == 0x2f && (head.get(p + 3) & 0xff) == 0xfd) {
            return true;
        }
        return n >= 262 && head.get(p + 257) == 'u' && head.get(p + 258) == 's' && head.get(p + 259) == 't'
                && head.get(p + 260) == 'a' && head.get(p + 261) == 'r';
    }
}
