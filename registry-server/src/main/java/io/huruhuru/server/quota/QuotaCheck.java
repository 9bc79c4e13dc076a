package io.huruhuru.server.quota;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.quota.QuotaExceededException;
import io.huruhuru.storage.quota.Quotas;
import io.huruhuru.storage.repository.RepositoryStore;
import java.util.OptionalLong;

/**
 * Refuses an upload at its start when the bytes it announces (a {@code Content-Length} or a {@code Content-Range})
 * would take its repository past its quota, before any byte is stored. It is an early answer only: storage checks the
 * quota again, atomically, when the blob is committed or mounted.
 */
public final class QuotaCheck {

    private final Quotas quotas;
    private final RepositoryStore repositories;

    public QuotaCheck(Quotas quotas, RepositoryStore repositories) {
        this.quotas = quotas;
        this.repositories = repositories;
    }

    /** Whether {@code repository} has a quota at all (so that the usage need not be read for the others). */
    public boolean limits(RepositoryName repository) {
        return quotas.limitOf(repository).isPresent();
    }

    /**
     * Throws {@link QuotaExceededException} if {@code repository}'s blobs and {@code adding} more bytes exceed its
     * quota. Reads the usage: call on a worker.
     */
    public void requireRoom(RepositoryName repository, long adding) {
        OptionalLong limit = quotas.limitOf(repository);
        if (limit.isEmpty()) {
            return;
        }
        long usage = repositories.usage(repository);
        if (adding > limit.getAsLong() - usage) {
            throw new QuotaExceededException(repository, limit.getAsLong(), usage, adding);
        }
    }
}
