package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.attachment.AttachmentRole;
import io.huruhuru.storage.attachment.AttachmentStore;
import java.util.Optional;
import org.rocksdb.RocksIterator;

/** The {@code attachments} family: one value per (repository, role, manifest). */
final class RocksAttachmentStore implements AttachmentStore {

    private final Db db;

    RocksAttachmentStore(Db db) {
        this.db = db;
    }

    @Override
    public Optional<byte[]> get(RepositoryName repository, Digest digest, AttachmentRole role) {
        return Optional.ofNullable(db.get(Db.Family.ATTACHMENTS, Keys.attachment(repository, role, digest)));
    }

    @Override
    public boolean holdsAny(RepositoryName repository, AttachmentRole role) {
        byte[] prefix = Keys.attachmentPrefix(repository, role);
        return db.call(() -> {
            try (RocksIterator attachments = db.iterator(Db.Family.ATTACHMENTS)) {
                attachments.seek(prefix);
                boolean found = attachments.isValid() && Keys.hasPrefix(attachments.key(), prefix);
                attachments.status();
                return found;
            }
        });
    }
}
