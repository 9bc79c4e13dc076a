package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.attachment.AttachmentRole;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Moves the records of the retired {@code validations} family, kept by stores before attachments existed, into the
 * {@code attachments} family under {@link #ROLE}: in one atomic write, so that a crash leaves them all in one place or
 * the other, and idempotent, since a second run finds the old family empty.
 */
final class ValidationsMigration {

    /**
     * The role the old records were for. They were the validation reports that registry-server keeps under this role;
     * storage names it here only to carry old data over.
     */
    static final AttachmentRole ROLE = AttachmentRole.parse("validation-report");

    private ValidationsMigration() {
    }

    /** Moves every record of the old family; returns how many it moved. */
    static int run(Db db) {
        try (WriteBatch batch = new WriteBatch()) {
            int moved = db.call(() -> {
                int count = 0;
                try (RocksIterator old = db.iterator(Db.Family.VALIDATIONS)) {
                    for (old.seekToFirst(); old.isValid(); old.next()) {
                        byte[] key = old.key();
                        batch.put(db.family(Db.Family.ATTACHMENTS), Keys.attachmentOfValidationKey(key, ROLE),
                                old.value());
                        batch.delete(db.family(Db.Family.VALIDATIONS), key);
                        count++;
                    }
                    old.status();
                }
                return count;
            });
            if (moved > 0) {
                db.write(batch, true);
            }
            return moved;
        }
    }
}
