package io.huruhuru.validation.archive;

import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.tar.ExtendedHeaders;
import io.huruhuru.validation.tar.TarBlock;
import io.huruhuru.validation.tar.TarDecodeException;
import io.huruhuru.validation.tar.TarEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Walks the headers of a tar file (ustar, PAX {@code path}/{@code linkpath}/{@code size}, GNU long names), jumping
 * over entries' data by offset instead of reading it.
 *
 * <p>Like {@code tar}, an archive that ends at a header boundary is complete even without its two zero blocks;
 * one that ends inside a header or an entry's data is truncated. Headers are decoded and entries named and typed by
 * the layer reader's code ({@link TarBlock#fields()}, {@link ExtendedHeaders#entry(TarBlock)}), so an archive is
 * read as Go's {@code archive/tar} reads it, as layers are.
 */
final class TarScanner {

    static final char REGULAR = '0';
    static final char HARDLINK = '1';
    static final char SYMLINK = '2';
    static final char DIRECTORY = '5';

    /** One entry after PAX and GNU records are applied; its data is {@code size} bytes at {@code dataOffset}. */
    record Header(String name, String linkName, char type, long size, long dataOffset) {
    }

    private final FileChannel channel;
    private final String where;
    private final long fileSize;
    private long position;
    private String previous = "";

    TarScanner(FileChannel channel, String where) throws IOException {
        this.channel = channel;
        this.where = where;
        this.fileSize = channel.size();
    }

    static boolean isRegular(char type) {
        return type == REGULAR || type == '\0' || type == '7';
    }

    /** The next entry, or null at the end of the archive. */
    Header next() throws IOException {
        ExtendedHeaders extended = new ExtendedHeaders();
        while (true) {
            if (position == fileSize) {
                return null;
            }
            if (position > fileSize) {
                throw new ImageSourceException(where + " is truncated: it ends inside the padding after the entry "
                        + previous);
            }
            long headerAt = position;
            if (fileSize - position < TarBlock.SIZE) {
                throw new ImageSourceException(where + " is truncated: it ends inside the tar header at byte "
                        + headerAt);
            }
            TarBlock header = TarBlock.of(read(TarBlock.SIZE, position));
            if (header.isEndOfArchive()) {
                return null;
            }
            try {
                if (!header.checksum().matches()) {
                    throw notTar(headerAt);
                }
                TarBlock.Fields fields = header.fields();
                char type = fields.typeFlag();
                long size = fields.size();
                long dataOffset = headerAt + TarBlock.SIZE;
                previous = header.name();
                if (ExtendedHeaders.isExtension(type) && size > fileSize - dataOffset) {
                    throw truncated(header.name(), headerAt, size);
                }
                switch (type) {
                    case 'g' -> {
                        // global PAX records are skipped unread: they do not name or size entries
                    }
                    case 'x', 'L', 'K' -> extended.add(type, meta(size, dataOffset, header.name()));
                    default -> {
                        TarEntry entry = extended.entry(header);
                        // links, directories and devices have no data of their own, whatever their size field says
                        long dataSize = entry.hasData() ? entry.size() : 0;
                        if (dataSize > fileSize - dataOffset) {
                            throw truncated(header.name(), headerAt, dataSize);
                        }
                        position = dataOffset + dataSize + TarBlock.padding(dataSize);
                        previous = entry.name();
                        return new Header(entry.name(), entry.linkName(), entry.type(), dataSize, dataOffset);
                    }
                }
                position = dataOffset + size + TarBlock.padding(size);
            } catch (TarDecodeException e) {
                // no default: a part added to the decoder must be given its message here
                throw switch (e.part()) {
                    case CHECKSUM -> notTar(headerAt);
                    case MODE, SIZE, UID, GID, MTIME -> new ImageSourceException(where + " is corrupt: the header at "
                            + "byte " + headerAt + " has an invalid " + e.part().label() + " field");
                    case PAX_RECORD, PAX_SIZE -> new ImageSourceException(where + " is corrupt: the PAX header "
                            + header.name() + " is malformed");
                    case EXTENDED_NAME -> new ImageSourceException(where + " is corrupt: the entry at byte " + headerAt
                            + " has a GNU long name and a PAX record that disagree (" + e.found() + ")");
                };
            }
        }
    }

    private ImageSourceException truncated(String name, long headerAt, long size) {
        long left = fileSize - headerAt - TarBlock.SIZE;
        return new ImageSourceException(where + " is truncated: the entry " + name + " at byte " + headerAt + " has "
                + size + " bytes of data, the file ends " + left + " bytes after its header");
    }

    private ImageSourceException notTar(long headerAt) {
        return new ImageSourceException(where + " is not a tar archive or is corrupt: the header at byte " + headerAt
                + " has a wrong checksum");
    }

    private byte[] meta(long size, long offset, String name) throws IOException {
        if (size > TarIndex.MAX_META_BYTES) {
            throw new ImageSourceException(where + ": the extended header of " + name + " is larger than "
                    + TarIndex.MAX_META_BYTES + " bytes");
        }
        return read((int) size, offset);
    }

    private byte[] read(int length, long at) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new ImageSourceException(where + " is truncated at byte " + (at + buffer.position()));
            }
        }
        return buffer.array();
    }
}
