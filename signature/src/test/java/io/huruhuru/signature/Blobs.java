package io.huruhuru.signature;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Blobs held in memory, read as a registry or layout would serve them. */
final class Blobs implements BlobReader {

    private final Map<Digest, byte[]> blobs = new HashMap<>();

    Blobs(List<Blob> initial) {
        initial.forEach(b -> blobs.put(b.digest(), b.content()));
    }

    /** Adds {@code content} and returns its digest. */
    Digest put(byte[] content) {
        Digest digest = Digest.of(DigestAlgorithm.SHA256, content);
        blobs.put(digest, content);
        return digest;
    }

    /** Replaces the content stored under {@code digest}, as a tampered store would. */
    void overwrite(Digest digest, byte[] content) {
        blobs.put(digest, content);
    }

    @Override
    public byte[] read(Digest digest, int maxBytes) throws IOException {
        byte[] content = blobs.get(digest);
        if (content == null) {
            throw new IOException("blob " + digest + " is missing");
        }
        return content;
    }
}
