package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.StorageException;
import io.huruhuru.storage.attachment.AttachmentRole;
import io.huruhuru.storage.preview.PreviewId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;

/**
 * Builds every RocksDB key of the store; nothing else builds or parses keys.
 *
 * <p>The key schema, one column family per kind of record ({@code \0} is a single zero byte, which no repository name,
 * digest, tag or attachment role can contain; each of those is the UTF-8 form of its text; {@code u64} is a big-endian
 * unsigned offset):
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
 * | manifests     | repository + \0 + digest                         | media type, bytes, subject, artifact type, refs, |
 * |               |                                                  | annotations (since record version 2)             |
 * | tags          | repository + \0 + tag                            | manifest digest                                  |
 * | referrers     | repository + \0 + subject + \0 + referrer digest | media type, size, artifact type, annotations     |
 * | attachments   | repository + \0 + role + \0 + manifest digest    | the attachment's content (opaque bytes)          |
 * | validations   | retired: repository + \0 + manifest digest;      | a validation report; moved to attachments, role  |
 * |               | emptied when the store opens                     | validation-report, when the store opens          |
 * | layer_index   | layer blob digest                                | rootfs facts of the layer (opaque bytes)         |
 * | blob_seen     | blob digest                                      | when it was last seen referenced or linked       |
 * |               |                                                  | (merged with "max": the latest time wins)        |
 * | usage         | repository                                       | bytes of the blobs linked into it                |
 * | manifest_     | repository + \0 + manifest digest                | when it was first stored in the repository       |
 * | pushed        |                                                  |                                                  |
 * | manifest_     | repository + \0 + manifest digest                | when it was last pulled (flushed every few       |
 * | pulled        |                                                  | seconds, so the latest pulls may be lost)        |
 * | meta          | a name: "usage-counted", "pushed-recorded-since" | when that migration ran; "readiness-probe": the  |
 * |               | "readiness-probe" or "record-counts"             | last probe write (see writeProbe);               |
 * |               |                                                  | "record-counts": see {@link RecordCounts}        |
 * | previews      | preview id                                       | kind, subjects, summary, report (opaque bytes)   |
 * | preview_index | repository + \0 + manifest digest + \0 + id      | kind, summary                                    |
 * </pre>
 *
 * <p>The {@code \0} after the repository keeps repositories that are prefixes of one another ({@code a}, {@code a/b},
 * {@code ab}) apart: all keys of {@code a} start with {@code a\0}, which no key of another repository starts with, and
 * since {@code \0} sorts first, key order within a repository is the lexical order of tags and digests. Attachment
 * keys put the role before the digest, so that whether a repository holds any attachment of a role is one seek.
 */
final class Keys {

    static final int CONTENT_ID_LENGTH = 16;
    static final int CONTENT_KEY_LENGTH = CONTENT_ID_LENGTH + Long.BYTES;
    private static final byte SEPARATOR = 0;

    private Keys() {
    }

    /** A content id: the 16 bytes of a random UUID, which no other content shares. */
    static byte[] contentId(UUID uuid) {
        return ByteBuffer.allocate(CONTENT_ID_LENGTH)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
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

    /** @throws StorageException if the key does not hold a digest */
    static Digest blobDigestOf(byte[] key) {
        return parsed(key, 0, Digest::parse);
    }

    static byte[] upload(String uploadId) {
        return utf8(uploadId);
    }

    static String uploadIdOf(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    static byte[] repository(RepositoryName repository) {
        return utf8(repository.value());
    }

    /** @throws StorageException if the key does not hold a repository name */
    static RepositoryName repositoryOf(byte[] key) {
        return parsed(key, 0, RepositoryName::parse);
    }

    /** The smallest repository key that sorts after {@code repository}. */
    static byte[] repositoryAfter(RepositoryName repository) {
        return join(repository(repository), new byte[] {SEPARATOR});
    }

    static byte[] repoBlob(RepositoryName repository, Digest digest) {
        return inRepository(repository, digest.toString());
    }

    static byte[] manifest(RepositoryName repository, Digest digest) {
        return inRepository(repository, digest.toString());
    }

    static byte[] attachment(RepositoryName repository, AttachmentRole role, Digest digest) {
        return join(attachmentPrefix(repository, role), utf8(digest.toString()));
    }

    /** The start of every attachment key of {@code role} in {@code repository}. */
    static byte[] attachmentPrefix(RepositoryName repository, AttachmentRole role) {
        return join(inRepository(repository, role.name()), new byte[] {SEPARATOR});
    }

    /** The start of every attachment key of {@code repository}, of any role. */
    static byte[] attachmentsOf(RepositoryName repository) {
        return inRepository(repository, "");
    }

    /** The smallest attachment key of {@code repository} whose role sorts after {@code role}. */
    static byte[] attachmentRoleAfter(RepositoryName repository, AttachmentRole role) {
        return join(inRepository(repository, role.name()), new byte[] {SEPARATOR + 1});
    }

    /** The role of an attachment key that starts with {@link #attachmentsOf} of length {@code prefixLength}. */
    static AttachmentRole attachmentRoleOf(byte[] key, int prefixLength) {
        int end = prefixLength;
        while (end < key.length && key[end] != SEPARATOR) {
            end++;
        }
        return parsed(Arrays.copyOfRange(key, 0, end), prefixLength, AttachmentRole::parse);
    }

    /**
     * The attachment key of {@code role} for a key of the retired {@code validations} family, {@code repository + \0 +
     * digest}: the role goes in after the repository, the bytes are otherwise kept as they are.
     */
    static byte[] attachmentOfValidationKey(byte[] validationKey, AttachmentRole role) {
        int separator = 0;
        while (separator < validationKey.length && validationKey[separator] != SEPARATOR) {
            separator++;
        }
        if (separator == validationKey.length) {
            throw new StorageException("corrupt validations key: no separator");
        }
        byte[] roleBytes = utf8(role.name());
        return join(join(Arrays.copyOfRange(validationKey, 0, separator + 1), roleBytes),
                Arrays.copyOfRange(validationKey, separator, validationKey.length));
    }

    /** The repository and digest of a {@code repo_blobs} or {@code manifests} key. */
    static RepositoryName repositoryOfEntry(byte[] key) {
        return parsed(Arrays.copyOfRange(key, 0, separatorOf(key)), 0, RepositoryName::parse);
    }

    /** The digest of a {@code repo_blobs} or {@code manifests} key. */
    static Digest digestOfEntry(byte[] key) {
        return parsed(key, separatorOf(key) + 1, Digest::parse);
    }

    private static int separatorOf(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] == SEPARATOR) {
                return i;
            }
        }
        throw new StorageException("corrupt key: no separator");
    }

    /** The start of every {@code repo_blobs} or {@code manifests} key of {@code repository}. */
    static byte[] entriesOf(RepositoryName repository) {
        return inRepository(repository, "");
    }

    static byte[] blobSeen(Digest digest) {
        return utf8(digest.toString());
    }

    static byte[] usage(RepositoryName repository) {
        return repository(repository);
    }

    static byte[] manifestTime(RepositoryName repository, Digest digest) {
        return manifest(repository, digest);
    }

    static byte[] meta(String name) {
        return utf8(name);
    }

    static byte[] layerIndex(Digest digest) {
        return utf8(digest.toString());
    }

    static byte[] tag(RepositoryName repository, Tag tag) {
        return inRepository(repository, tag.value());
    }

    static byte[] tagPrefix(RepositoryName repository) {
        return inRepository(repository, "");
    }

    /** The smallest tag key of {@code repository} that sorts after {@code tag}. */
    static byte[] tagAfter(RepositoryName repository, Tag tag) {
        return join(tag(repository, tag), new byte[] {SEPARATOR});
    }

    /**
     * The tag of a key that starts with {@link #tagPrefix} of length {@code prefixLength}.
     *
     * @throws StorageException if the rest of the key is not a tag
     */
    static Tag tagOf(byte[] key, int prefixLength) {
        return parsed(key, prefixLength, Tag::parse);
    }

    static byte[] referrer(RepositoryName repository, Digest subject, Digest referrer) {
        return join(referrerPrefix(repository, subject), utf8(referrer.toString()));
    }

    static byte[] referrerPrefix(RepositoryName repository, Digest subject) {
        return join(inRepository(repository, subject.toString()), new byte[] {SEPARATOR});
    }

    static byte[] preview(PreviewId id) {
        return utf8(id.value());
    }

    static byte[] previewIndex(RepositoryName repository, Digest manifest, PreviewId id) {
        return join(previewIndexPrefix(repository, manifest), utf8(id.value()));
    }

    /** The start of every index key of the reports of {@code manifest} in {@code repository}. */
    static byte[] previewIndexPrefix(RepositoryName repository, Digest manifest) {
        return join(inRepository(repository, manifest.toString()), new byte[] {SEPARATOR});
    }

    /** The start of every index key of the reports of {@code repository}'s manifests. */
    static byte[] previewIndexPrefix(RepositoryName repository) {
        return inRepository(repository, "");
    }

    /** The manifest digest of an index key that starts with the repository prefix of length {@code prefixLength}. */
    static Digest previewIndexManifestOf(byte[] key, int prefixLength) {
        int end = prefixLength;
        while (end < key.length && key[end] != SEPARATOR) {
            end++;
        }
        return parsed(Arrays.copyOfRange(key, 0, end), prefixLength, Digest::parse);
    }

    /** The id at the end of an index key, after its last separator. */
    static PreviewId previewIndexIdOf(byte[] key) {
        int start = key.length;
        while (start > 0 && key[start - 1] != SEPARATOR) {
            start--;
        }
        return parsed(key, start, PreviewId::parse);
    }

    static boolean hasPrefix(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] inRepository(RepositoryName repository, String name) {
        byte[] repo = utf8(repository.value());
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

    private static <T> T parsed(byte[] key, int from, Function<String, T> parse) {
        String text = new String(key, from, key.length - from, StandardCharsets.UTF_8);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new StorageException("corrupt key: " + e.getMessage(), e);
        }
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
