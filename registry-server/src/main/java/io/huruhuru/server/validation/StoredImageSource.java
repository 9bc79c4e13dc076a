package io.huruhuru.server.validation;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * An image as the registry holds it: a manifest (being pushed, or stored) and the blobs and child manifests of one
 * repository. Blob bytes are streamed from storage, never loaded whole.
 */
public final class StoredImageSource implements ImageSource {

    private static final int CHUNK = 1 << 20;

    private final RegistryStore store;
    private final RepositoryName repository;
    private final RawManifest manifest;

    public StoredImageSource(RegistryStore store, RepositoryName repository, RawManifest manifest) {
        this.store = store;
        this.repository = repository;
        this.manifest = manifest;
    }

    @Override
    public RawManifest manifest() {
        return manifest;
    }

    @Override
    public RawManifest manifest(Digest digest) throws ImageSourceException {
        StoredManifest child = store.manifests().get(repository, digest)
                .orElseThrow(() -> new ImageSourceException("manifest " + digest + " is not in repository "
                        + repository));
        return new RawManifest(child.content(), child.mediaType(), digest);
    }

    @Override
    public byte[] blob(Digest digest, int maxBytes) throws IOException {
        BlobInfo info = stat(digest);
        if (info.size() > maxBytes) {
            throw new ImageSourceException("blob " + digest + " has " + info.size() + " bytes, more than the "
                    + maxBytes + " allowed");
        }
        try (InputStream in = open(info)) {
            return in.readAllBytes();
        }
    }

    @Override
    public InputStream openBlob(Digest digest) throws ImageSourceException {
        return open(stat(digest));
    }

    private InputStream open(BlobInfo blob) {
        return new BlobInputStream(store.blobs().open(blob.digest(), 0, blob.size()));
    }

    private BlobInfo stat(Digest digest) throws ImageSourceException {
        return store.blobs().stat(repository, digest)
                .orElseThrow(() -> new ImageSourceException("blob " + digest + " is not in repository "
                        + repository));
    }

    /** Reads a blob's content a chunk at a time. */
    private static final class BlobInputStream extends InputStream {

        private final BlobContent content;
        private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK).flip();
        private boolean ended;

        BlobInputStream(BlobContent content) {
            this.content = content;
        }

        @Override
        public int read() {
            return fill() ? chunk.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, chunk.remaining());
            chunk.get(target, offset, n);
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = 0;
            while (skipped < n && fill()) {
                int step = (int) Math.min(n - skipped, chunk.remaining());
                chunk.position(chunk.position() + step);
                skipped += step;
            }
            return skipped;
        }

        @Override
        public int available() {
            return chunk.remaining();
        }

        /** Whether bytes are ready in {@code chunk}, reading the next ones when it is drained. */
        private boolean fill() {
            while (!chunk.hasRemaining() && !ended) {
                chunk.clear();
                ended = content.read(chunk) < 0;
                chunk.flip();
            }
            return chunk.hasRemaining();
        }

        @Override
        public void close() {
            content.close();
        }
    }
}
