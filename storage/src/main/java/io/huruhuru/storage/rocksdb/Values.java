package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StorageException;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.preview.ListedPreview;
import io.huruhuru.storage.preview.PreviewId;
import io.huruhuru.storage.preview.PreviewKind;
import io.huruhuru.storage.preview.PreviewSubject;
import io.huruhuru.storage.preview.StoredPreview;
import io.huruhuru.storage.referrer.Referrer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The binary form of every record value: a version byte, then fields written with {@link DataOutputStream}; strings
 * and byte arrays are an {@code int} length followed by the (UTF-8) bytes, optional fields a presence byte, instants
 * epoch milliseconds. Digests are kept as their text and parsed back when read. A manifest record of version 2 ends
 * with the manifest's annotations; one of version 1 has none.
 */
final class Values {

    private static final byte VERSION = 1;
    /** Manifest records since annotations are kept with them. */
    private static final byte MANIFEST_VERSION = 2;

    private Values() {
    }

    /** The current time at the precision that records keep (milliseconds), so a stored time reads back equal. */
    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** A committed blob: where its bytes are and how many there are. */
    record Blob(byte[] contentId, long size, Instant created) {
    }

    /** An upload session; {@code size} counts only the bytes durably stored under {@code contentId}. */
    record Upload(RepositoryName repository, byte[] contentId, long size, Instant started, DigestAlgorithm algorithm) {

        Upload withSize(long newSize) {
            return new Upload(repository, contentId, newSize, started, algorithm);
        }
    }

    static byte[] blob(Blob blob) {
        return write(out -> {
            out.write(blob.contentId());
            out.writeLong(blob.size());
            out.writeLong(blob.created().toEpochMilli());
        });
    }

    static Blob blob(byte[] value) {
        return read(value, in -> new Blob(contentId(in), in.readLong(), Instant.ofEpochMilli(in.readLong())));
    }

    static byte[] upload(Upload upload) {
        return write(out -> {
            writeString(out, upload.repository().value());
            out.write(upload.contentId());
            out.writeLong(upload.size());
            out.writeLong(upload.started().toEpochMilli());
            writeString(out, upload.algorithm().id());
        });
    }

    static Upload upload(byte[] value) {
        return read(value, in -> new Upload(
                RepositoryName.parse(readString(in)),
                contentId(in),
                in.readLong(),
                Instant.ofEpochMilli(in.readLong()),
                algorithm(readString(in))));
    }

    /** A repository record or a blob link: the time it was created. */
    static byte[] created(Instant created) {
        return write(out -> out.writeLong(created.toEpochMilli()));
    }

    static Instant created(byte[] value) {
        return read(value, in -> Instant.ofEpochMilli(in.readLong()));
    }

    /** A repository's usage in bytes. */
    static byte[] usage(long bytes) {
        return write(out -> out.writeLong(bytes));
    }

    static long usage(byte[] value) {
        return read(value, DataInputStream::readLong);
    }

    static byte[] tag(Digest digest) {
        return write(out -> writeString(out, digest.toString()));
    }

    static Digest tag(byte[] value) {
        return read(value, Values::readDigest);
    }

    static byte[] manifest(StoredManifest manifest) {
        return write(MANIFEST_VERSION, out -> {
            writeString(out, manifest.digest().toString());
            writeString(out, manifest.mediaType());
            writeBytes(out, manifest.content());
            writeOptional(out, manifest.subject().map(Digest::toString));
            writeOptional(out, manifest.artifactType());
            out.writeInt(manifest.references().size());
            for (Digest reference : manifest.references()) {
                writeString(out, reference.toString());
            }
            writeAnnotations(out, manifest.annotations());
        });
    }

    static StoredManifest manifest(byte[] value) {
        return read(value, version -> version == VERSION || version == MANIFEST_VERSION, (in, version) -> {
            Digest digest = readDigest(in);
            String mediaType = readString(in);
            byte[] content = readBytes(in);
            Optional<Digest> subject = readOptional(in).map(Digest::parse);
            Optional<String> artifactType = readOptional(in);
            int count = in.readInt();
            List<Digest> references = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                references.add(readDigest(in));
            }
            Map<String, String> annotations = version == MANIFEST_VERSION ? readAnnotations(in) : Map.of();
            return new StoredManifest(digest, mediaType, content, subject, artifactType, annotations, references);
        });
    }

    static byte[] referrer(Referrer referrer) {
        return write(out -> {
            writeString(out, referrer.subject().toString());
            writeString(out, referrer.digest().toString());
            writeString(out, referrer.mediaType());
            out.writeLong(referrer.size());
            writeOptional(out, referrer.artifactType());
            writeAnnotations(out, referrer.annotations());
        });
    }

    static Referrer referrer(byte[] value) {
        return read(value, in -> {
            Digest subject = readDigest(in);
            Digest digest = readDigest(in);
            String mediaType = readString(in);
            long size = in.readLong();
            Optional<String> artifactType = readOptional(in);
            return new Referrer(subject, digest, mediaType, size, artifactType, readAnnotations(in));
        });
    }

    static byte[] preview(StoredPreview preview) {
        return write(out -> {
            writeString(out, preview.id().value());
            writeString(out, preview.kind().name());
            out.writeInt(preview.subjects().size());
            for (PreviewSubject subject : preview.subjects()) {
                writeString(out, subject.repository().value());
                writeString(out, subject.manifest().toString());
            }
            writeBytes(out, preview.summary());
            writeBytes(out, preview.report());
        });
    }

    static StoredPreview preview(byte[] value) {
        return read(value, in -> {
            PreviewId id = PreviewId.parse(readString(in));
            PreviewKind kind = PreviewKind.parse(readString(in));
            int count = in.readInt();
            if (count < 1 || count > in.available()) {
                throw new IOException("bad subject count " + count);
            }
            List<PreviewSubject> subjects = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                subjects.add(new PreviewSubject(RepositoryName.parse(readString(in)), readDigest(in)));
            }
            return new StoredPreview(id, kind, subjects, readBytes(in), readBytes(in));
        });
    }

    /** The value of a {@code preview_index} entry: what a list shows without reading the report. */
    static byte[] previewListing(StoredPreview preview) {
        return write(out -> {
            writeString(out, preview.kind().name());
            writeBytes(out, preview.summary());
        });
    }

    static ListedPreview previewListing(PreviewId id, Digest manifest, byte[] value) {
        return read(value, in -> new ListedPreview(id, PreviewKind.parse(readString(in)), manifest, readBytes(in)));
    }

    private static void writeAnnotations(DataOutputStream out, Map<String, String> annotations) throws IOException {
        Map<String, String> sorted = new TreeMap<>(annotations);
        out.writeInt(sorted.size());
        for (Map.Entry<String, String> annotation : sorted.entrySet()) {
            writeString(out, annotation.getKey());
            writeString(out, annotation.getValue());
        }
    }

    private static Map<String, String> readAnnotations(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<String, String> annotations = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            annotations.put(readString(in), readString(in));
        }
        return annotations;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private interface VersionedReader<T> {
        T read(DataInputStream in, byte version) throws IOException;
    }

    private static byte[] write(Writer writer) {
        return write(VERSION, writer);
    }

    private static byte[] write(byte version, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] value, Reader<T> reader) {
        return read(value, version -> version == VERSION, (in, version) -> reader.read(in));
    }

    private static <T> T read(byte[] value, IntPredicate knownVersion, VersionedReader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            byte version = in.readByte();
            if (!knownVersion.test(version)) {
                throw new StorageException("unknown record version " + version);
            }
            T record = reader.read(in, version);
            if (in.available() != 0) {
                throw new StorageException("corrupt record: " + in.available() + " trailing bytes");
            }
            return record;
        } catch (IOException | IllegalArgumentException e) {
            throw new StorageException("corrupt record", e);
        }
    }

    private static DigestAlgorithm algorithm(String id) throws IOException {
        return DigestAlgorithm.byId(id).orElseThrow(() -> new IOException("unknown digest algorithm " + id));
    }

    /** A digest kept as text; one that does not parse is a corrupt record. */
    private static Digest readDigest(DataInputStream in) throws IOException {
        return Digest.parse(readString(in));
    }

    private static byte[] contentId(DataInputStream in) throws IOException {
        byte[] id = new byte[Keys.CONTENT_ID_LENGTH];
        in.readFully(id);
        return id;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static void writeOptional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            writeString(out, value.get());
        }
    }

    private static Optional<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(readString(in)) : Optional.empty();
    }
}
