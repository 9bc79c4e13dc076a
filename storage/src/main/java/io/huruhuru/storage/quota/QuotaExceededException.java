package io.huruhuru.storage.quota;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StorageException;

/** A commit or link that would take a repository past its quota. */
public final class QuotaExceededException extends StorageException {

    private final RepositoryName repository;
    private final long limit;
    private final long usage;
    private final long adding;

    public QuotaExceededException(RepositoryName repository, long limit, long usage, long adding) {
        super("repository " + repository + " would exceed its quota of " + limit + " bytes: it uses " + usage
                + " bytes and the push adds " + adding);
        this.repository = repository;
        this.limit = limit;
        this.usage = usage;
        this.adding = adding;
    }

    public RepositoryName repository() {
        return repository;
    }

    public long limit() {
        return limit;
    }

    public long usage() {
        return usage;
    }

    public long adding() {
        return adding;
    }
}
