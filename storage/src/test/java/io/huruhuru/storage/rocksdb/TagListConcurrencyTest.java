package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.manifest.StoredManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers put and delete tags (by tag and by digest) while readers list whole and page by page: no list misses a tag
 * whose put returned before it started (and whose delete had not started), nor shows a tag whose delete returned or
 * whose put had not started; after the writers, lists equal the truth.
 */
class TagListConcurrencyTest {

    private static final RepositoryName REPOSITORY = RepositoryName.parse("busy");
    private static final int WRITERS = 4;
    private static final int READERS = 3;
    private static final int TAGS_PER_WRITER = 48;
    /** Each tag goes through these states in order; a writer sets them around its calls. */
    private static final int NEW = 0;
    private static final int PUTTING = 1;
    private static final int PUT = 2;
    private static final int DELETING = 3;
    private static final int DELETED = 4;

    @TempDir
    Path directory;

    private RocksRegistryStore store;
    private final AtomicIntegerArray states = new AtomicIntegerArray(WRITERS * TAGS_PER_WRITER);
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void open() {
        store = RocksRegistryStore.open(directory);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Tag tag(int id) {
        return Tag.parse(String.format(Locale.ROOT, "w%d-%03d", id / TAGS_PER_WRITER, id % TAGS_PER_WRITER));
    }

    private static StoredManifest manifest(int id) {
        byte[] content = ("{\"tag\":\"" + tag(id) + "\"}").getBytes(StandardCharsets.UTF_8);
        return new StoredManifest(StoreContract.digestOf(content), "application/vnd.oci.image.manifest.v1+json",
                content, Optional.empty(), Optional.empty(), Map.of(), List.of());
    }

    /** Puts each of the writer's tags; deletes every third one two steps later, by tag or by digest in turn. */
    private void write(int writer) {
        for (int i = 0; i < TAGS_PER_WRITER; i++) {
            int id = writer * TAGS_PER_WRITER + i;
            states.set(id, PUTTING);
            store.manifests().put(REPOSITORY, manifest(id), Optional.of(tag(id)));
            states.set(id, PUT);
            if (i >= 2 && (i - 2) % 3 == 0) {
                int gone = id - 2;
                states.set(gone, DELETING);
                if (gone % 2 == 0) {
                    store.tags().delete(REPOSITORY, tag(gone));
                } else {
                    store.manifests().delete(REPOSITORY, manifest(gone).digest());
                }
                states.set(gone, DELETED);
            }
        }
    }

    private List<Tag> walk(int page) {
        List<Tag> all = new ArrayList<>();
        Optional<Tag> after = Optional.empty();
        List<Tag> read;
        do {
            read = store.tags().list(REPOSITORY, after, page);
            all.addAll(read);
            after = read.isEmpty() ? after : Optional.of(read.get(read.size() - 1));
        } while (read.size() == page);
        return all;
    }

    private int[] states() {
        int[] copy = new int[states.length()];
        for (int id = 0; id < copy.length; id++) {
            copy[id] = states.get(id);
        }
        return copy;
    }

    /** Lists once, whole or paged, and records every tag the list got wrong given the states around it. */
    private void check(boolean paged) {
        int[] before = states();
        Set<Tag> listed = new HashSet<>(paged ? walk(5) : store.tags().list(REPOSITORY, Optional.empty(), Integer.MAX_VALUE));
        int[] after = states();
        for (int id = 0; id < before.length; id++) {
            boolean shown = listed.contains(tag(id));
            if (before[id] == PUT && after[id] == PUT && !shown) {
                violations.add((paged ? "paged" : "whole") + " list misses " + tag(id) + ", put before the list started");
            }
            if ((before[id] == DELETED || after[id] == NEW) && shown) {
                violations.add((paged ? "paged" : "whole") + " list shows " + tag(id) + " (state " + before[id] + ")");
            }
        }
    }

    @Test
    void listsDuringConcurrentWritesShowEveryAnsweredWrite() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong checks = new AtomicLong();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> write(writer)));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                boolean paged = r % 2 == 1;
                readers.add(pool.submit(() -> {
                    while (writing.get()) {
                        check(paged);
                        checks.incrementAndGet();
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Tag> truth = new ArrayList<>();
        for (int id = 0; id < states.length(); id++) {
            if (states.get(id) == PUT) {
                truth.add(tag(id));
            }
        }
        truth.sort(Comparator.comparing(Tag::value));
        assertEquals(List.of(), violations.stream().limit(10).toList());
        assertTrue(checks.get() > READERS, "readers listed " + checks.get() + " times");
        assertEquals(truth, store.tags().list(REPOSITORY, Optional.empty(), Integer.MAX_VALUE));
        assertEquals(truth, walk(7));
    }
}
