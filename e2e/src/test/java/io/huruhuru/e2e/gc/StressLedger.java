package io.huruhuru.e2e.gc;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the stress clients saw acknowledged: every manifest pushed with its tags and blobs, which of them a
 * client deleted, and those whose fate a killed registry left unknown (a request in flight at the kill).
 */
final class StressLedger {

    /** A manifest a client saw acknowledged (201). */
    record Pushed(String repository, String digest, byte[] manifest, List<String> blobs, Set<String> tags) {
        String key() {
            return repository + "@" + digest;
        }
    }

    final Map<String, Pushed> acknowledged = new ConcurrentHashMap<>();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();
    final Set<String> uncertain = ConcurrentHashMap.newKeySet();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final AtomicLong pushes = new AtomicLong();
    final AtomicLong blobUploads = new AtomicLong();
    final AtomicLong tags = new AtomicLong();
    final AtomicLong deletes = new AtomicLong();
    final AtomicLong pulls = new AtomicLong();
    final AtomicLong referencedAfterACollection = new AtomicLong();
    final AtomicLong interrupted = new AtomicLong();

    void fail(String what) {
        if (failures.size() < 50) {
            failures.add(what);
        }
    }
}
