package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.storage.upload.Upload;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.SstFileWriter;

/** Recovery of an upload whose content got ahead of its record, as a crash between ingest and record update leaves it. */
class UploadRecoveryTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path directory;

    private RocksRegistryStore store;

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void contentPastTheRecordedSizeIsDroppedWhenTheUploadIsReopened() {
        byte[] content = StoreContract.bytes(4 * MIB, 1);
        store = RocksRegistryStore.open(directory);
        Upload upload = store.uploadStore().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        upload.append(ByteBuffer.wrap(content, 0, MIB + 7));
        upload.flush();
        Values.Upload record = Values.upload(store.db().get(Db.Family.UPLOADS, Keys.upload(upload.id())));
        // given: stale bytes after the recorded size, as an ingest that the record did not follow leaves them
        byte[] stale = StoreContract.bytes(3 * MIB, 99);
        Path file = store.db().ingestDirectory().resolve("stale.sst");
        SstFileWriter writer = store.db().newContentFileWriter(file);
        store.db().call(() -> {
            for (int i = 0; i < 3; i++) {
                writer.put(Keys.content(record.contentId(), MIB + 7 + (long) i * (MIB / 2)),
                        java.util.Arrays.copyOfRange(stale, i * MIB, i * MIB + MIB / 2));
            }
            writer.finish();
            return null;
        });
        writer.close();
        store.db().ingestContent(file);
        store.close();

        // when: the store restarts and the upload continues with other bytes of other lengths
        store = RocksRegistryStore.open(directory);
        Upload resumed = store.uploadStore().load(upload.id()).orElseThrow();
        assertEquals(MIB + 7, resumed.size());
        resumed.append(ByteBuffer.wrap(content, MIB + 7, 1000));
        resumed.flush();
        resumed.append(ByteBuffer.wrap(content, MIB + 1007, content.length - MIB - 1007));
        BlobInfo blob = resumed.commit(Digest.parse(StoreContract.sha256(content)));

        // then: only the bytes appended are in the blob
        ByteBuffer read = ByteBuffer.allocateDirect(content.length);
        try (var reader = store.blobs().open(blob.digest(), 0, content.length)) {
            while (reader.read(read) >= 0) {
                // fill
            }
        }
        byte[] bytes = new byte[content.length];
        read.flip().get(bytes);
        assertArrayEquals(content, bytes);
    }
}
