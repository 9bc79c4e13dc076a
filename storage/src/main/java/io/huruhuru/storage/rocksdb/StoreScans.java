package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.manifest.StoredManifest;
import java.util.HashMap;
import java.util.Map;
import org.rocksdb.RocksIterator;

/** Reads of a whole repository at once, for retention. */
final class StoreScans {

    /** A repository's tags and manifests as read at one moment (two scans, not one snapshot). */
    record Contents(Map<Tag, Digest> tags, Map<Digest, StoredManifest> manifests) {
    }

    private StoreScans() {
    }

    static Contents contentsOf(Db db, RepositoryName repository) {
        return db.call(() -> {
            Map<Tag, Digest> tags = new HashMap<>();
            byte[] tagPrefix = Keys.tagPrefix(repository);
            try (RocksIterator iterator = db.iterator(Db.Family.TAGS)) {
                for (iterator.seek(tagPrefix); iterator.isValid() && Keys.hasPrefix(iterator.key(), tagPrefix);
                        iterator.next()) {
                    tags.put(Keys.tagOf(iterator.key(), tagPrefix.length), Values.tag(iterator.value()));
                }
                iterator.status();
            }
            Map<Digest, StoredManifest> manifests = new HashMap<>();
            byte[] prefix = Keys.entriesOf(repository);
            try (RocksIterator iterator = db.iterator(Db.Family.MANIFESTS)) {
                for (iterator.seek(prefix); iterator.isValid() && Keys.hasPrefix(iterator.key(), prefix);
                        iterator.next()) {
                    StoredManifest manifest = Values.manifest(iterator.value());
                    manifests.put(manifest.digest(), manifest);
                }
                iterator.status();
            }
            return new Contents(tags, manifests);
        });
    }
}
