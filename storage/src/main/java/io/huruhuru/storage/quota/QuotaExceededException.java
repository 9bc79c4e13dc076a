package io.huruhuru.storage.quota;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StorageException;

/** A link (an upload's commit or a mount) refused because it would take its repository past its quota. */
public final class QuotaExceededException extends StorageException {

    private final RepositoryName repository;
    private final long limit;
    private final long usage;
    private final long adding;

    public QuotaExceededException(RepositoryName repository, long limit, long usage, long adding) {
        super("the quota of " + repository + " is " + limit + " bytes, it uses " + usage + " bytes, and "
                + adding + " more would exceed it");
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

    /** The bytes the refused link would have added. */
    public long adding() {
        return adding;
    }
}
