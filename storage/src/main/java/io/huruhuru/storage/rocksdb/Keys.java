package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds every RocksDB key of the store; nothing else builds or parses keys.
 *
 * <p>The key schema, one column family per kind of record ({@code \0} is a single zero byte, which no repository name,
 * digest or tag can contain; {@code u64} is a big-endian unsigned offset):
 *
 * <pre>
 * | column family | key                                              | value (see {@link Values})                       |
 * |---------------|--------------------------------------------------|--------------------------------------------------|
 * | content       | content id (16 bytes) + offset (u64)             | raw blob bytes from that offset, at most 1 MiB   |
 * | blobs         | digest                                           | content id, size, created                        |
 * | uploads       | upload id                                        | repository, content id, durable size, started,   |
 * |               |                                                  | digest algorithm                                 |
 * | repositories  | repository                                       | created                                          |
 * | repo_blobs    | repository + \0 + digest                         | linked time                                      |
 * | manifests     | repository + \0 + digest                         | media type, bytes, subject, artifact type, refs  |
 * | tags          | repository + \0 + tag                            | manifest digest                                  |
 * | referrers     | repository + \0 + subject + \0 + referrer digest | media type, size, artifact type, annotations     |
 * | validations   | repository + \0 + manifest digest                | validation report of the manifest (opaque bytes) |
 * | layer_index   | layer blob digest                                | rootfs facts of the layer (opaque bytes)         |
 * </pre>
 *
 * <p>The {@code \0} after the repository keeps repositories that are prefixes of one another ({@code a}, {@code a/b},
 * {@code ab}) apart: all keys of {@code a} start with {@code a\0}, which no key of another repository starts with, and
 * since {@code \0} sorts first, key order within a repository is the lexical order of tags and digests.
 */
final class Keys {

    static final int CONTENT_ID_LENGTH = 16;
    static final int CONTENT_KEY_LENGTH = CONTENT_ID_LENGTH + Long.BYTES;
    private static final byte SEPARATOR = 0;

    private Keys() {
    }

    static byte[] content(byte[] contentId, long offset) {
        return ByteBuffer.allocate(CONTENT_KEY_LENGTH).put(contentId).putLong(offset).array();
    }

    /** Writes the content key into {@code target} (a direct buffer), ready to be read. */
    static ByteBuffer content(byte[] contentId, long offset, ByteBuffer target) {
        target.clear();
        target.put(contentId).putLong(offset).flip();
        return target;
    }

    /** The end (exclusive) of every content key of {@code contentId}: offsets never reach it. */
    static byte[] contentEnd(byte[] contentId) {
        return ByteBuffer.allocate(CONTENT_KEY_LENGTH).put(contentId).putLong(-1L).array();
    }

    static boolean isContentOf(byte[] contentId, byte[] key) {
        return key.length == CONTENT_KEY_LENGTH
                && Arrays.equals(key, 0, CONTENT_ID_LENGTH, contentId, 0, CONTENT_ID_LENGTH);
    }

    static long contentOffset(byte[] key) {
        return ByteBuffer.wrap(key, CONTENT_ID_LENGTH, Long.BYTES).getLong();
    }

    static byte[] blob(Digest digest) {
        return utf8(digest.toString());
    }

    static String blobDigestOf(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    static byte[] upload(String uploadId) {
        return utf8(uploadId);
    }

    static String uploadIdOf(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    static byte[] repository(String repository) {
        return utf8(repository);
    }

    static String repositoryOf(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** The smallest repository key that sorts after {@code repository}. */
    static byte[] repositoryAfter(String repository) {
        return join(utf8(repository), new byte[] {SEPARATOR});
    }

    static byte[] repoBlob(RepositoryName repository, Digest digest) {
        return inRepository(repository.value(), digest.toString());
    }

    static byte[] manifest(String repository, String digest) {
        return inRepository(repository, digest);
    }

    static byte[] validation(String repository, String digest) {
        return inRepository(repository, digest);
    }

    static byte[] validationPrefix(String repository) {
        return inRepository(repository, "");
    }

    static byte[] layerIndex(String digest) {
        return utf8(digest);
    }

    static byte[] tag(String repository, String tag) {
        return inRepository(repository, tag);
    }

    static byte[] tagPrefix(String repository) {
        return inRepository(repository, "");
    }

    /** The smallest tag key of {@code repository} that sorts after {@code tag}. */
    static byte[] tagAfter(String repository, String tag) {
        return join(tag(repository, tag), new byte[] {SEPARATOR});
    }

    /** The tag of a key that starts with {@link #tagPrefix(String)} of length {@code prefixLength}. */
    static String tagOf(byte[] key, int prefixLength) {
        return new String(key, prefixLength, key.length - prefixLength, StandardCharsets.UTF_8);
    }

    static byte[] referrer(String repository, String subject, String referrer) {
        return join(referrerPrefix(repository, subject), utf8(checked(referrer)));
    }

    static byte[] referrerPrefix(String repository, String subject) {
        return join(inRepository(repository, subject), new byte[] {SEPARATOR});
    }

    static boolean hasPrefix(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] inRepository(String repository, String name) {
        byte[] repo = utf8(checked(repository));
        byte[] rest = utf8(checked(name));
        byte[] key = new byte[repo.length + 1 + rest.length];
        System.arraycopy(repo, 0, key, 0, repo.length);
        key[repo.length] = SEPARATOR;
        System.arraycopy(rest, 0, key, repo.length + 1, rest.length);
        return key;
    }

    private static byte[] utf8(String s) {
        return checked(s).getBytes(StandardCharsets.UTF_8);
    }

    private static String checked(String s) {
        if (s.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a name must not contain a zero character");
        }
        return s;
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
