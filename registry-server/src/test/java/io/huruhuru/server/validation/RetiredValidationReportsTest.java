package io.huruhuru.server.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TestImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * A data directory of a registry that kept validation reports in their own column family: once it is opened, the
 * reports are served as before, so the role the server reads them under is the one storage moved them to.
 */
class RetiredValidationReportsTest {

    private static final String REPOSITORY = "kos/hello";

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void reportsKeptInTheOldLayoutAreServedAfterTheMove() throws Exception {
        TestImage image = TestImage.hello();
        image.blobs().values().forEach(blob -> registry.pushBlob(REPOSITORY, blob));
        assertEquals(201, registry.putManifest(REPOSITORY, "1.0", image.manifestMediaType(), image.manifestBytes())
                .statusCode());
        String digest = RunningRegistry.sha256(image.manifestBytes());
        String path = "/sel4/v1/validations/" + REPOSITORY + "/" + digest;
        byte[] report = registry.get(path).body();
        registry.stop();

        moveReportToTheOldLayout(digest, report);
        registry.start();

        HttpResponse<byte[]> served = registry.get(path);
        assertEquals(200, served.statusCode(), () -> new String(served.body(), StandardCharsets.UTF_8));
        assertArrayEquals(report, served.body());
    }

    /** Puts the report where the old code kept it, {@code validations}, and removes it from {@code attachments}. */
    private void moveReportToTheOldLayout(String digest, byte[] report) throws Exception {
        String directory = registry.dataDirectory().resolve("rocksdb").toString();
        List<byte[]> names;
        try (Options options = new Options()) {
            names = RocksDB.listColumnFamilies(options, directory);
        }
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        names.forEach(name -> descriptors.add(new ColumnFamilyDescriptor(name)));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, directory, descriptors, handles)) {
            ColumnFamilyHandle attachments = handle(names, handles, "attachments");
            ColumnFamilyHandle validations = handle(names, handles, "validations");
            List<byte[]> attachmentKeys = new ArrayList<>();
            try (RocksIterator iterator = db.newIterator(attachments)) {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    attachmentKeys.add(iterator.key());
                }
            }
            assertEquals(1, attachmentKeys.size(), "the report is the only attachment");
            db.delete(attachments, attachmentKeys.get(0));
            db.put(validations, (REPOSITORY + "\0" + digest).getBytes(StandardCharsets.UTF_8), report);
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    private static ColumnFamilyHandle handle(List<byte[]> names, List<ColumnFamilyHandle> handles, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (new String(names.get(i), StandardCharsets.UTF_8).equals(name)) {
                return handles.get(i);
            }
        }
        throw new AssertionError("no column family " + name);
    }
}
