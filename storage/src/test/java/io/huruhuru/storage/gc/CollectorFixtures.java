package io.huruhuru.storage.gc;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.upload.UploadSession;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The fixtures of the collector's contract tests. */
public abstract class CollectorFixtures extends StoreContract {

    protected static final RepositoryName A = RepositoryName.parse("gc/a");
    protected static final RepositoryName B = RepositoryName.parse("gc/b");

    /** Collects with the given grace after the clock has moved past every write so far (records keep milliseconds). */
    protected CollectionReport collect(Duration grace) {
        pause(5);
        return store.collector().collect(new CollectionRequest(grace, false, List.of(), 2));
    }

    protected static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    protected BlobInfo pushBlob(RepositoryName repository, int size, long seed) {
        return push(repository.value(), bytes(size, seed));
    }

    protected StoredManifest image(String name, BlobInfo... blobs) {
        return manifest(name, Optional.empty(), java.util.Arrays.stream(blobs).map(BlobInfo::digest).toList());
    }

    protected boolean readable(BlobInfo blob) {
        if (store.blobs().stat(blob.digest()).isEmpty()) {
            return false;
        }
        byte[] read = read(blob.digest(), 0, blob.size(), 64 * 1024, true);
        return Digest.of(DigestAlgorithm.SHA256, read).equals(blob.digest());
    }
}
