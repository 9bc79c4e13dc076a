package io.huruhuru.validation.archive;

import io.huruhuru.validation.ImageSourceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Walks the headers of a tar file (ustar, PAX {@code path}/{@code linkpath}/{@code size}, GNU long names), jumping
 * over entries' data by offset instead of reading it.
 *
 * <p>Like {@code tar}, an archive that ends at a header boundary is complete even without its two zero blocks;
 * one that ends inside a header or an entry's data is truncated.
 */
final class TarScanner {

    static final char REGULAR = '0';
    static final char HARDLINK = '1';
    static final char SYMLINK = '2';
    static final char DIRECTORY = '5';
    private static final int BLOCK = 512;

    /** One entry after PAX and GNU records are applied; its data is {@code size} bytes at {@code dataOffset}. */
    record Header(String name, String linkName, char type, long size, long dataOffset) {
    }

    private final FileChannel channel;
    private final String where;
    private final long fileSize;
    private final byte[] block = new byte[BLOCK];
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
        String paxPath = null;
        String paxLink = null;
        Long paxSize = null;
        String longName = null;
        String longLink = null;
        while (true) {
            if (position == fileSize) {
                return null;
            }
            if (position > fileSize) {
                throw new ImageSourceException(where + " is truncated: it ends inside the padding after the entry "
                        + previous);
            }
            long headerAt = position;
            if (fileSize - position < BLOCK) {
                throw new ImageSourceException(where + " is truncated: it ends inside the tar header at byte "
                        + headerAt);
            }
            readFully(block, position);
            if (isZero(block)) {
                return null;
            }
            verifyChecksum(headerAt);
            char type = (char) (block[156] & 0xff);
            long size = number(124, 12, headerAt);
            long dataOffset = headerAt + BLOCK;
            String headerName = headerName();
            previous = headerName;
            if ("xgLK".indexOf(type) >= 0 && size > fileSize - dataOffset) {
                throw new ImageSourceException(where + " is truncated: the entry " + headerName + " at byte " + headerAt
                        + " has " + size + " bytes of data, the file ends " + (fileSize - dataOffset)
                        + " bytes after its header");
            }
            switch (type) {
                case 'x' -> {
                    PaxFields pax = PaxFields.parse(meta(size, dataOffset, headerName), where, headerName);
                    paxPath = pax.path() != null ? pax.path() : paxPath;
                    paxLink = pax.linkPath() != null ? pax.linkPath() : paxLink;
                    paxSize = pax.size() != null ? pax.size() : paxSize;
                }
                case 'L' -> longName = cString(meta(size, dataOffset, headerName));
                case 'K' -> longLink = cString(meta(size, dataOffset, headerName));
                case 'g' -> {
                    // global PAX records (comments, mtime defaults) do not name or size entries
                }
                default -> {
                    long dataSize = paxSize != null ? paxSize : size;
                    // links, directories and devices have no data of their own, whatever their size field says
                    boolean hasData = isRegular(type) || "123456".indexOf(type) < 0;
                    if (hasData && dataSize > fileSize - dataOffset) {
                        throw new ImageSourceException(where + " is truncated: the entry " + headerName + " at byte "
                                + headerAt + " has " + dataSize + " bytes of data, the file ends "
                                + (fileSize - dataOffset) + " bytes after its header");
                    }
                    position = dataOffset + (hasData ? padded(dataSize) : 0);
                    previous = paxPath != null ? paxPath : longName != null ? longName : headerName;
                    return new Header(previous,
                            paxLink != null ? paxLink : longLink != null ? longLink : cString(157, 100), type,
                            hasData ? dataSize : 0, dataOffset);
                }
            }
            position = dataOffset + padded(size);
        }
    }

    private byte[] meta(long size, long offset, String name) throws IOException {
        if (size > TarIndex.MAX_META_BYTES) {
            throw new ImageSourceException(where + ": the extended header of " + name + " is larger than "
                    + TarIndex.MAX_META_BYTES + " bytes");
        }
        byte[] data = new byte[(int) size];
        readFully(data, offset);
        return data;
    }

    private void readFully(byte[] into, long at) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new ImageSourceException(where + " is truncated at byte " + (at + buffer.position()));
            }
        }
    }

    private void verifyChecksum(long headerAt) throws ImageSourceException {
        long expected;
        try {
            expected = number(148, 8, headerAt);
        } catch (ImageSourceException e) {
            throw notTar(headerAt);
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i >= 148 && i < 156 ? (byte) ' ' : block[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (expected != unsigned && expected != signed) {
            throw notTar(headerAt);
        }
    }

    private ImageSourceException notTar(long headerAt) {
        return new ImageSourceException(where + " is not a tar archive or is corrupt: the header at byte " + headerAt
                + " has a wrong checksum");
    }

    /** An octal field, or a GNU base-256 one when its first byte has the high bit set. */
    private long number(int offset, int length, long headerAt) throws ImageSourceException {
        long value = 0;
        if ((block[offset] & 0x80) != 0) {
            if ((block[offset] & 0x40) != 0) {
                throw badNumber(offset, headerAt);
            }
            value = block[offset] & 0x3f;
            for (int i = offset + 1; i < offset + length; i++) {
                if (value > (Long.MAX_VALUE >>> 8)) {
                    throw badNumber(offset, headerAt);
                }
                value = (value << 8) | (block[i] & 0xff);
            }
            return value;
        }
        int i = offset;
        int end = offset + length;
        while (i < end && block[i] == ' ') {
            i++;
        }
        int digits = 0;
        for (; i < end && block[i] != ' ' && block[i] != 0; i++) {
            int d = block[i] - '0';
            if (d < 0 || d > 7 || ++digits > 21) {
                throw badNumber(offset, headerAt);
            }
            value = value * 8 + d;
        }
        return value;
    }

    private ImageSourceException badNumber(int offset, long headerAt) {
        return new ImageSourceException(where + " is corrupt: the header at byte " + headerAt + " has an invalid "
                + (offset == 124 ? "size" : "checksum") + " field");
    }

    private String headerName() {
        String name = cString(0, 100);
        boolean ustar = block[257] == 'u' && block[258] == 's' && block[259] == 't' && block[260] == 'a'
                && block[261] == 'r' && block[262] == 0;
        return ustar && block[345] != 0 ? cString(345, 155) + "/" + name : name;
    }

    private String cString(int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
