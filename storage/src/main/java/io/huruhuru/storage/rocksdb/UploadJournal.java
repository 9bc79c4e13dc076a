package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The bytes of an upload's chunks that are acknowledged but not yet ingested, in plain files that are written and
 * never synced: they survive a crash of the process, since the kernel keeps them, but not a crash of the machine.
 *
 * <p>The upload's writer {@linkplain #append appends} bytes in order to the current segment, a file named
 * {@code <upload id>.<offset>} that holds the upload's bytes from that offset on; a segment that reaches the segment
 * limit, or that the writer {@linkplain #endSegment ends}, is closed and a new one starts with the next bytes. A
 * closed segment is deleted once the upload record's size has moved past its end ({@link #release}). An upload
 * reopened after a restart {@linkplain #replay replays} the segments that continue its recorded size, ingests those
 * bytes and {@linkplain #deleteAll deletes} the segments.
 */
final class UploadJournal {

    private record Closed(Path path, long end) {
    }

    private final Path directory;
    private final String uploadId;
    private final long segmentLimit;
    /** Closed segments not yet released, oldest first; released from any thread. */
    private final ConcurrentLinkedQueue<Closed> closed = new ConcurrentLinkedQueue<>();

    // The writer's state.
    private Path path;
    private FileChannel channel;
    private long end;
    private long segmentBytes;

    UploadJournal(Path directory, String uploadId, long segmentLimit) {
        this.directory = directory;
        this.uploadId = uploadId;
        this.segmentLimit = segmentLimit;
    }

    /** Writes the remaining bytes of {@code bytes} (not consumed), which are the upload's bytes from {@code offset}. */
    void append(ByteBuffer bytes, long offset) {
        if (channel == null) {
            path = directory.resolve(uploadId + "." + offset);
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw new StorageException("cannot create the journal segment " + path.getFileName(), e);
            }
            end = offset;
            segmentBytes = 0;
        } else if (offset != end) {
            throw new IllegalStateException("journal of upload " + uploadId + " ends at " + end + ", not " + offset);
        }
        ByteBuffer remaining = bytes.duplicate();
        try {
            while (remaining.hasRemaining()) {
                int written = channel.write(remaining);
                end += written;
                segmentBytes += written;
            }
        } catch (IOException e) {
            throw new StorageException("cannot write the journal segment " + path.getFileName(), e);
        }
        if (segmentBytes >= segmentLimit) {
            endSegment();
        }
    }

    /** Closes the current segment, if any; the next bytes start a new one. */
    void endSegment() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was buffered: every append went to the kernel before it returned
        }
        channel = null;
        closed.add(new Closed(path, end));
    }

    /** Deletes the closed segments that end at or before {@code durableSize}, the size the upload record holds. */
    void release(long durableSize) {
        for (Closed segment; (segment = closed.peek()) != null && segment.end() <= durableSize; ) {
            if (closed.remove(segment)) {
                delete(segment.path());
            }
        }
    }

    /**
     * Hands the journaled bytes from {@code from} on to {@code sink}, in order, through {@code buffer}, following
     * segments while each one continues where the previous one ended; returns the offset after the last byte handed.
     */
    long replay(long from, ByteBuffer buffer, Consumer<ByteBuffer> sink) {
        TreeMap<Long, Path> segments = segments();
        long at = from;
        while (true) {
            var segment = segments.floorEntry(at);
            if (segment == null) {
                return at;
            }
            try (FileChannel channel = FileChannel.open(segment.getValue(), StandardOpenOption.READ)) {
                long position = at - segment.getKey();
                if (position >= channel.size()) {
                    return at;
                }
                while (channel.read(buffer.clear(), position) > 0) {
                    buffer.flip();
                    position += buffer.remaining();
                    at += buffer.remaining();
                    sink.accept(buffer);
                }
            } catch (IOException e) {
                throw new StorageException("cannot read the journal segment " + segment.getValue().getFileName(), e);
            }
        }
    }

    /** Deletes every segment of the upload, also those of an earlier process. */
    void deleteAll() {
        endSegment();
        closed.clear();
        for (Path segment : segments().values()) {
            delete(segment);
        }
    }

    private TreeMap<Long, Path> segments() {
        TreeMap<Long, Path> segments = new TreeMap<>();
        String prefix = uploadId + ".";
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix)) {
                    segments.put(Long.parseLong(name.substring(prefix.length())), file);
                }
            });
        } catch (IOException e) {
            throw new StorageException("cannot list the upload journal", e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("a journal segment of upload " + uploadId + " has a malformed name", e);
        }
        return segments;
    }

    /**
     * Deletes the segments of uploads that no longer exist, as a crash between deleting an upload and deleting its
     * journal leaves them.
     */
    static void dropOrphans(Path directory, Predicate<String> uploadExists) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                int dot = name.lastIndexOf('.');
                if (dot <= 0 || !uploadExists.test(name.substring(0, dot))) {
                    delete(file);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot list the upload journal", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StorageException("cannot delete the journal segment " + file.getFileName(), e);
        }
    }
}
