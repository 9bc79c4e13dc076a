package io.huruhuru.storage.upload;

import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** An upload store that hands out each upload it starts or loads as {@code wrap} makes it, for tests. */
public record WrappingUploadStore(UploadStore store, UnaryOperator<Upload> wrap) implements UploadStore {

    @Override
    public Upload start(RepositoryName repository, DigestAlgorithm algorithm) {
        return wrap.apply(store.start(repository, algorithm));
    }

    @Override
    public Optional<Upload> load(String uploadId) {
        return store.load(uploadId).map(wrap);
    }

    @Override
    public List<String> startedBefore(Instant cutoff) {
        return store.startedBefore(cutoff);
    }

    @Override
    public boolean delete(String uploadId) {
        return store.delete(uploadId);
    }
}
