package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.referrer.Referrer;
import io.huruhuru.storage.referrer.ReferrerStore;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksIterator;

/** Referrer entries, one per (subject, referrer) pair, listed by a prefix scan in referrer digest order. */
final class RocksReferrerStore implements ReferrerStore {

    private final Db db;

    RocksReferrerStore(Db db) {
        this.db = db;
    }

    @Override
    public List<Referrer> list(RepositoryName repository, Digest subject) {
        byte[] prefix = Keys.referrerPrefix(repository, subject);
        return db.call(() -> {
            List<Referrer> referrers = new ArrayList<>();
            try (RocksIterator iterator = db.iterator(Db.Family.REFERRERS)) {
                for (iterator.seek(prefix); iterator.isValid(); iterator.next()) {
                    if (!Keys.hasPrefix(iterator.key(), prefix)) {
                        break;
                    }
                    referrers.add(Values.referrer(iterator.value()));
                }
                iterator.status();
            }
            return referrers;
        });
    }
}
