package io.huruhuru.validation.archive;

import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.layout.LayoutFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The entries of a tar archive on disk, indexed once by name (offset and size) so that each is read later as a
 * bounded stream from its offset: nothing is extracted and no entry is held in memory.
 *
 * <p>Names are kept normalised ({@code ./a//b/} is {@code a/b}). An entry whose name leaves the archive's root, an
 * archive that ends inside a header or inside an entry's data, and a link that leaves the root or loops are
 * refused with an {@link ImageSourceException}: the archive cannot be read.
 */
final class TarIndex implements LayoutFiles, Closeable {

    /** More entries than any image archive has; bounds the memory a hostile archive can make us use. */
    static final int MAX_ENTRIES = 100_000;
    /** Longest PAX or GNU long-name record kept. */
    static final int MAX_META_BYTES = 1 << 20;
    private static final int MAX_LINK_HOPS = 16;

    /** An entry: a regular file ({@code link} empty) or a link to another entry. */
    record Entry(String name, long offset, long size, Optional<Link> link) {
    }

    /** A symbolic link (target relative to the link's directory) or a hard link (target from the root). */
    record Link(String target, boolean symbolic) {
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Entry> entries;

    private TarIndex(Path file, FileChannel channel, Map<String, Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.entries = entries;
    }

    /**
     * Reads every header of {@code file}.
     *
     * @throws ImageSourceException if it is missing, not a tar archive, truncated, or hostile
     */
    static TarIndex open(Path file) throws ImageSourceException {
        return open(file, MAX_ENTRIES);
    }

    /** As {@link #open(Path)}, with another bound on the number of entries. */
    static TarIndex open(Path file, int maxEntries) throws ImageSourceException {
        String where = String.valueOf(file.getFileName());
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ImageSourceException(file + " does not exist", e);
        } catch (IOException e) {
            throw new ImageSourceException("cannot open " + file + ": " + e.getMessage(), e);
        }
        try {
            Map<String, Entry> entries = new HashMap<>();
            int count = 0;
            TarScanner scanner = new TarScanner(channel, where);
            for (TarScanner.Header h = scanner.next(); h != null; h = scanner.next()) {
                if (++count > maxEntries) {
                    throw new ImageSourceException(where + " has more than " + maxEntries + " entries");
                }
                Optional<String> name = ArchivePath.normalize(h.name(), where);
                if (name.isEmpty() || h.type() == TarScanner.DIRECTORY) {
                    continue;
                }
                Optional<Link> link = switch (h.type()) {
                    case TarScanner.SYMLINK -> Optional.of(new Link(h.linkName(), true));
                    case TarScanner.HARDLINK -> Optional.of(new Link(h.linkName(), false));
                    default -> Optional.empty();
                };
                if (link.isEmpty() && !TarScanner.isRegular(h.type())) {
                    continue;
                }
                if (entries.put(name.get(), new Entry(name.get(), h.dataOffset(), h.size(), link)) != null) {
                    throw new ImageSourceException(where + " holds " + name.get() + " more than once");
                }
            }
            return new TarIndex(file, channel, entries);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            throw e instanceof ImageSourceException ise ? ise
                    : new ImageSourceException("cannot read " + where + ": " + e.getMessage(), e);
        }
    }

    /** Whether a file (or a link to one) named {@code name} is in the archive. */
    boolean contains(String name) {
        return entries.containsKey(name);
    }

    /**
     * The regular file {@code name} names, following links inside the archive.
     *
     * @throws ImageSourceException if there is none, or a link leaves the archive or loops
     */
    Entry file(String name) throws ImageSourceException {
        String current = name;
        for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
            Entry entry = entries.get(current);
            if (entry == null) {
                throw new ImageSourceException(
                        current.equals(name) ? name + " is missing from " + where()
                                : "the link " + name + " in " + where() + " points at " + current + ", which is missing");
            }
            if (entry.link().isEmpty()) {
                return entry;
            }
            Link link = entry.link().get();
            String base = link.symbolic() && current.contains("/") ? current.substring(0, current.lastIndexOf('/') + 1)
                    : "";
            String target = link.symbolic() && link.target().startsWith("/") ? link.target() : base + link.target();
            Optional<String> next = ArchivePath.resolve(target);
            if (next.isEmpty()) {
                throw new ImageSourceException("the link " + current + " in " + where() + " points outside the archive: "
                        + link.target());
            }
            current = next.get();
        }
        throw new ImageSourceException("the link " + name + " in " + where() + " is a loop (more than " + MAX_LINK_HOPS
                + " links)");
    }

    @Override
    public byte[] read(String path, int maxBytes) throws ImageSourceException {
        Entry entry = file(path);
        if (entry.size() > maxBytes) {
            throw new ImageSourceException(path + " in " + where() + " is larger than " + maxBytes + " bytes");
        }
        try (InputStream in = stream(entry)) {
            return in.readAllBytes();
        } catch (ImageSourceException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageSourceException("cannot read " + path + " in " + where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String path) throws ImageSourceException {
        return stream(file(path));
    }

    /** The bytes of a regular file entry, read from its offset; other streams may be open at the same time. */
    InputStream stream(Entry entry) {
        return new EntryStream(entry);
    }

    @Override
    public String where() {
        return String.valueOf(file.getFileName());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void closeQuietly(FileChannel channel, Exception cause) {
        try {
            channel.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Reads one entry with positional reads, so that streams of several entries never disturb each other. */
    private final class EntryStream extends InputStream {
        private final Entry entry;
        private long position;

        EntryStream(Entry entry) {
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long remaining = entry.size() - position;
            if (remaining <= 0) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), entry.offset() + position);
            if (n < 0) {
                // the file shrank after it was indexed
                throw new ImageSourceException(where() + " ends inside the data of " + entry.name());
            }
            position += n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, entry.size() - position);
        }
    }
}
