package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.manifest.StoredManifest;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksIterator;

/**
 * Data directories written before the typed interfaces and attachments: their records, written here byte by byte as
 * the old code wrote them, read back, and validation reports move to attachments when the store opens.
 */
class OldLayoutTest {

    private static final RepositoryName REPOSITORY = RepositoryName.parse("kos/hello");
    private static final byte[] CONTENT = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    private static final Digest DIGEST = StoreContract.digestOf(CONTENT);
    private static final Digest SUBJECT = StoreContract.digestOf(new byte[] {1});
    private static final Digest LAYER = StoreContract.digestOf(new byte[] {2});

    @TempDir
    Path directory;

    /** {@code repository + \0 + name}, as every old per-repository key was built. */
    private static byte[] oldKey(String repository, String name) {
        return (repository + "\0" + name).getBytes(StandardCharsets.UTF_8);
    }

    /** A manifest record of version 1: no annotations. */
    private static byte[] oldManifestValue() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            writeString(out, DIGEST.toString());
            writeString(out, "application/vnd.oci.image.manifest.v1+json");
            out.writeInt(CONTENT.length);
            out.write(CONTENT);
            out.writeBoolean(true);
            writeString(out, SUBJECT.toString());
            out.writeBoolean(false);
            out.writeInt(1);
            writeString(out, LAYER.toString());
        }
        return bytes.toByteArray();
    }

    private static byte[] oldTagValue() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            writeString(out, DIGEST.toString());
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** Writes a manifest, its tag and its validation report where and as the old code did. */
    private void writeOldLayout(byte[] report) throws IOException {
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            Db db = store.db();
            db.put(Db.Family.REPOSITORIES, REPOSITORY.value().getBytes(StandardCharsets.UTF_8), Values.created(Values.now()),
                    true);
            db.put(Db.Family.MANIFESTS, oldKey(REPOSITORY.value(), DIGEST.toString()), oldManifestValue(), true);
            db.put(Db.Family.TAGS, oldKey(REPOSITORY.value(), "v1"), oldTagValue(), true);
            db.put(Db.Family.VALIDATIONS, oldKey(REPOSITORY.value(), DIGEST.toString()), report, true);
        }
    }

    private static long count(RocksRegistryStore store, Db.Family family) {
        return store.db().call(() -> {
            long n = 0;
            try (RocksIterator iterator = store.db().iterator(family)) {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    n++;
                }
                iterator.status();
            }
            return n;
        });
    }

    @Test
    void oldManifestAndTagRecordsReadBackTyped() throws IOException {
        writeOldLayout(new byte[] {1});

        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            StoredManifest manifest = store.manifests().get(REPOSITORY, DIGEST).orElseThrow();
            assertEquals(DIGEST, manifest.digest());
            assertArrayEquals(CONTENT, manifest.content());
            assertEquals(Optional.of(SUBJECT), manifest.subject());
            assertEquals(Optional.empty(), manifest.artifactType());
            assertEquals(Map.of(), manifest.annotations());
            assertEquals(List.of(LAYER), manifest.references());
            assertEquals(Optional.of(DIGEST), store.tags().resolve(REPOSITORY, Tag.parse("v1")));
            assertEquals(List.of(Tag.parse("v1")), store.tags().list(REPOSITORY, Optional.empty(), 10));
            assertEquals(List.of(REPOSITORY), store.repositories().list(Optional.empty(), 10));
        }
    }

    @Test
    void validationReportsMoveToAttachmentsWhenTheStoreOpens() throws IOException {
        byte[] report = "{\"passed\":true}".getBytes(StandardCharsets.UTF_8);
        writeOldLayout(report);

        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            assertArrayEquals(report,
                    store.attachments().get(REPOSITORY, DIGEST, ValidationsMigration.ROLE).orElseThrow());
            assertTrue(store.attachments().holdsAny(REPOSITORY, ValidationsMigration.ROLE));
            assertEquals(0, count(store, Db.Family.VALIDATIONS));
            assertEquals(1, count(store, Db.Family.ATTACHMENTS));
        }
    }

    @Test
    void migratingAgainChangesNothing() throws IOException {
        byte[] report = {7, 7};
        writeOldLayout(report);
        RocksRegistryStore.open(directory).close();

        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            assertEquals(0, ValidationsMigration.run(store.db()));
            assertArrayEquals(report,
                    store.attachments().get(REPOSITORY, DIGEST, ValidationsMigration.ROLE).orElseThrow());
            assertEquals(1, count(store, Db.Family.ATTACHMENTS));
        }
    }

    @Test
    void aMigratedReportIsDeletedWithItsManifest() throws IOException {
        writeOldLayout(new byte[] {1});

        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            assertTrue(store.manifests().delete(REPOSITORY, DIGEST));

            assertEquals(Optional.empty(), store.attachments().get(REPOSITORY, DIGEST, ValidationsMigration.ROLE));
            assertFalse(store.attachments().holdsAny(REPOSITORY, ValidationsMigration.ROLE));
        }
    }
}
