package io.huruhuru.storage;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.upload.Upload;
import io.huruhuru.storage.upload.UploadSession;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The base of the contract tests: a fresh store per test, made by the implementation's factory, and fixtures. */
public abstract class StoreContract {

    public static final int MIB = 1 << 20;

    @TempDir
    protected Path directory;

    protected RegistryStore store;

    /** Opens (or reopens) the implementation under test on {@code directory}. */
    protected abstract RegistryStore openStore(Path directory);

    @BeforeEach
    void openStore() {
        store = openStore(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected void reopen() {
        store.close();
        store = openStore(directory);
    }

    /** Deterministic pseudo-random bytes. */
    public static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i += 8) {
            long r = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                bytes[i + j] = (byte) (r >>> (8 * j));
            }
        }
        return bytes;
    }

    public static String digest(DigestAlgorithm algorithm, byte[] content) {
        return algorithm.id() + ":" + HexFormat.of().formatHex(algorithm.newMessageDigest().digest(content));
    }

    public static String sha256(byte[] content) {
        return digest(DigestAlgorithm.SHA256, content);
    }

    /** The sha256 digest of {@code content}, typed. */
    public static Digest digestOf(byte[] content) {
        return Digest.of(DigestAlgorithm.SHA256, content);
    }

    public static RepositoryName repo(String name) {
        return RepositoryName.parse(name);
    }

    public static Tag tag(String tag) {
        return Tag.parse(tag);
    }

    public static List<Tag> tags(String... tags) {
        return Arrays.stream(tags).map(Tag::parse).toList();
    }

    /** Appends {@code content} in pieces of {@code piece} bytes, as a network body arrives. */
    protected static void appendInPieces(Upload upload, byte[] content, int from, int to, int piece) {
        for (int i = from; i < to; i += piece) {
            upload.append(ByteBuffer.wrap(content, i, Math.min(piece, to - i)));
        }
    }

    /** Appends {@code content} in pieces of {@code piece} bytes, as a network body arrives. */
    protected static void appendInPieces(UploadSession.Writer writer, byte[] content, int from, int to, int piece) {
        for (int i = from; i < to; i += piece) {
            writer.append(ByteBuffer.wrap(content, i, Math.min(piece, to - i)));
        }
    }

    /** Pushes {@code content} into {@code repository} as one upload, in 64 KiB pieces. */
    protected BlobInfo push(String repository, byte[] content) {
        UploadSession.Writer writer = store.uploads().start(RepositoryName.parse(repository), DigestAlgorithm.SHA256)
                .receiveFinal();
        appendInPieces(writer, content, 0, content.length, 64 * 1024);
        return writer.commit(Digest.parse(sha256(content)));
    }

    /** Reads a range of a blob into buffers of {@code bufferSize} bytes, direct or not. */
    protected byte[] read(Digest digest, long offset, long length, int bufferSize, boolean direct) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(bufferSize) : ByteBuffer.allocate(bufferSize);
        try (BlobContent content = store.blobs().open(digest, offset, length)) {
            int n;
            while ((n = content.read(buffer.clear())) >= 0) {
                assertEquals(n, buffer.position(), "read returns the count it copied");
                buffer.flip();
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.writeBytes(chunk);
            }
        }
        return out.toByteArray();
    }

    protected static StoredManifest manifest(String text, Optional<Digest> subject, List<Digest> references) {
        return manifest(text, subject, Optional.of("application/vnd.example+type"), Map.of(), references);
    }

    protected static StoredManifest manifest(String text, Optional<Digest> subject, Optional<String> artifactType,
            Map<String, String> annotations, List<Digest> references) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        return new StoredManifest(digestOf(content), "application/vnd.oci.image.manifest.v1+json", content, subject,
                artifactType, annotations, references);
    }

    protected static StoredManifest manifest(String text) {
        return manifest(text, Optional.empty(), List.of());
    }
}
