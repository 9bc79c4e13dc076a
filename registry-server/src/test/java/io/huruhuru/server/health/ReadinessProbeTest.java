package io.huruhuru.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.huruhuru.storage.rocksdb.RocksRegistryStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readiness probe's storage write and disk query are shared by the probes of one interval. */
class ReadinessProbeTest {

    @TempDir
    Path data;

    @Test
    void probesWithinAnIntervalShareOneStorageWriteButNotTheShutdownCheck() throws Exception {
        try (RocksRegistryStore store = RocksRegistryStore.open(data)) {
            Health health = new Health(store, data, 0, null);

            List<Check> first = health.readiness();
            List<Check> second = health.readiness();
            health.shuttingDown();
            List<Check> third = health.readiness();

            assertSame(first.get(0), second.get(0), "the storage check was probed again within the interval");
            assertSame(first.get(1), second.get(1), "the disk check was probed again within the interval");
            assertEquals("shutdown", third.get(2).name());
            assertFalse(third.get(2).ok(), "shutdown must be seen at once, not after the interval");
        }
    }

    @Test
    void aProbeOlderThanTheIntervalIsTakenAgain() throws Exception {
        try (RocksRegistryStore store = RocksRegistryStore.open(data)) {
            Health health = new Health(store, data, 0, null);

            Check before = health.readiness().get(0);
            Thread.sleep(Health.PROBE_INTERVAL_NANOS / 1_000_000 + 50);
            Check after = health.readiness().get(0);

            assertNotSame(before, after);
        }
    }
}
