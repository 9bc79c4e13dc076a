package io.huruhuru.validation.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.validation.layer.ReadThroughInputStream;
import io.huruhuru.validation.oci.Digest;
import io.huruhuru.validation.oci.InvalidDigestException;
import io.huruhuru.validation.oci.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An image in an OCI image layout directory (image-spec image-layout.md): {@code oci-layout}, {@code index.json}
 * and {@code blobs/<algorithm>/<encoded>}. Every blob read is checked against its digest.
 *
 * <p>The image is the {@code index.json} entry whose {@code org.opencontainers.image.ref.name} is the given
 * reference, else the only entry, else {@code index.json} itself as an index.
 */
public final class OciLayoutSource implements ImageSource {

    /** The annotation that names an image in a layout (image-spec annotations.md). */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final int MAX_MANIFEST_BYTES = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Optional<String> reference;

    private OciLayoutSource(Path root, Optional<String> reference) {
        this.root = root;
        this.reference = reference;
    }

    /**
     * @param reference the {@code org.opencontainers.image.ref.name} to pick, or empty
     * @throws ImageSourceException if {@code root} is not an OCI image layout
     */
    public static OciLayoutSource open(Path root, Optional<String> reference) throws ImageSourceException {
        Path marker = root.resolve("oci-layout");
        try {
            JsonNode layout = JSON.readTree(Files.readAllBytes(marker));
            if (layout == null || !layout.path("imageLayoutVersion").isTextual()) {
                throw new ImageSourceException(marker + " has no imageLayoutVersion");
            }
        } catch (NoSuchFileException e) {
            throw new ImageSourceException(root + " is not an OCI image layout (no oci-layout file)", e);
        } catch (IOException e) {
            throw new ImageSourceException("cannot read " + marker + ": " + e.getMessage(), e);
        }
        return new OciLayoutSource(root, reference);
    }

    @Override
    public RawManifest manifest() throws IOException {
        byte[] indexBytes = read(root.resolve("index.json"), MAX_MANIFEST_BYTES);
        JsonNode index;
        try {
            index = JSON.readTree(indexBytes);
        } catch (IOException e) {
            throw new ImageSourceException("index.json is not JSON: " + e.getMessage(), e);
        }
        List<JsonNode> entries = new ArrayList<>();
        index.path("manifests").forEach(entries::add);
        List<JsonNode> chosen = reference.isPresent()
                ? entries.stream().filter(e -> reference.get().equals(e.path("annotations").path(REF_NAME).asText()))
                        .toList()
                : entries;
        if (reference.isPresent() && chosen.isEmpty()) {
            throw new ImageSourceException("index.json has no image named " + reference.get());
        }
        if (chosen.size() == 1) {
            JsonNode entry = chosen.get(0);
            Digest digest = parseDigest(entry.path("digest").asText());
            return new RawManifest(blob(digest, MAX_MANIFEST_BYTES), entry.path("mediaType").asText(""), digest);
        }
        return new RawManifest(indexBytes, MediaType.OCI_INDEX,
                Digest.of(io.huruhuru.validation.oci.DigestAlgorithm.SHA256, indexBytes));
    }

    @Override
    public RawManifest manifest(Digest digest) throws IOException {
        return new RawManifest(blob(digest, MAX_MANIFEST_BYTES), "", digest);
    }

    @Override
    public byte[] blob(Digest digest, int maxBytes) throws IOException {
        byte[] bytes = read(blobPath(digest), maxBytes);
        if (!digest.matches(bytes)) {
            throw new ImageSourceException("blob " + digest + " in the layout does not match its digest");
        }
        return bytes;
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
        Path path = blobPath(digest);
        try {
            return new VerifyingInputStream(Files.newInputStream(path), digest);
        } catch (NoSuchFileException e) {
            throw new ImageSourceException("blob " + digest + " is missing from the layout", e);
        }
    }

    private Path blobPath(Digest digest) {
        return root.resolve("blobs").resolve(digest.algorithm().id()).resolve(digest.hex());
    }

    private static byte[] read(Path path, int maxBytes) throws ImageSourceException {
        try {
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new ImageSourceException(path.getFileName() + " is larger than " + maxBytes + " bytes");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ImageSourceException(path.getFileName() + " is missing from the layout", e);
        } catch (ImageSourceException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageSourceException("cannot read " + path.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static Digest parseDigest(String text) throws ImageSourceException {
        try {
            return Digest.parse(text);
        } catch (InvalidDigestException e) {
            throw new ImageSourceException("index.json: " + e.getMessage(), e);
        }
    }

    /** Hashes a blob as it is read and fails at its end if it does not match its digest. */
    private static final class VerifyingInputStream extends ReadThroughInputStream {
        private final Digest expected;
        private final MessageDigest hash;
        private boolean checked;

        VerifyingInputStream(InputStream in, Digest expected) {
            super(in);
            this.expected = expected;
            this.hash = expected.algorithm().newMessageDigest();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                hash.update(b, off, n);
            } else if (n < 0 && !checked) {
                checked = true;
                String actual = HexFormat.of().formatHex(hash.digest());
                if (!actual.equals(expected.hex())) {
                    throw new ImageSourceException("blob " + expected + " in the layout does not match its digest");
                }
            }
            return n;
        }
    }
}
