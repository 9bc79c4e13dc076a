package io.huruhuru.validation.layer;

import io.huruhuru.validation.RuleId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A streaming reader of POSIX ustar, PAX and GNU tar archives that keeps nothing but the current header.
 *
 * <p>Written here rather than taken from commons-compress so that every malformed input maps to one exact
 * violation and every size it believes is bounded. A stream that ends where a header would start is a complete
 * archive (containerd and Docker accept layers without the two zero blocks); a stream that ends inside a header,
 * inside an entry's data or inside its padding is truncated.
 */
final class TarReader {

    static final int BLOCK = 512;

    private final InputStream in;
    private final ReadLimits limits;
    private final byte[] block = new byte[BLOCK];
    private final byte[] skipBuffer = new byte[64 << 10];
    private long entryRemaining;
    private long entryPadding;
    private String currentName = "";
    private long headersRead;

    TarReader(InputStream in, ReadLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** The next entry, or null at the end of the archive. */
    TarHeader next() throws IOException, TarFormatException {
        skipRemaining();
        String longName = null;
        String longLink = null;
        String paxPath = null;
        String paxLink = null;
        Long paxSize = null;
        while (true) {
            int n = readBlock();
            if (n == 0) {
                return null;
            }
            if (n < BLOCK) {
                throw new TarFormatException(RuleId.LAYER_TRUNCATED, "/" + currentName,
                        "the layer ends inside a tar header", BLOCK + " header bytes", n + " bytes");
            }
            if (isZero(block)) {
                return null;
            }
            if (++headersRead > limits.maxEntries()) {
                throw new TarFormatException(RuleId.LAYER_LIMIT, "", "the layer has more tar entries than allowed",
                        "at most " + limits.maxEntries() + " entries", "more");
            }
            verifyChecksum();
            char type = (char) (block[156] & 0xff);
            long size = number(124, 12, "size");
            int mode = (int) (number(100, 8, "mode") & 07777);
            String name = headerName();
            String link = cString(157, 100);
            switch (type) {
                case 'x', 'g' -> {
                    byte[] data = metaData(size, name, "PAX extended header");
                    if (type == 'x') {
                        PaxRecords pax = PaxRecords.parse(data, name);
                        paxPath = pax.path() != null ? pax.path() : paxPath;
                        paxLink = pax.linkPath() != null ? pax.linkPath() : paxLink;
                        paxSize = pax.size() != null ? pax.size() : paxSize;
                    }
                }
                case 'L' -> longName = cString(metaData(size, name, "GNU long name"));
                case 'K' -> longLink = cString(metaData(size, name, "GNU long link name"));
                default -> {
                    String fullName = paxPath != null ? paxPath : longName != null ? longName : name;
                    String fullLink = paxLink != null ? paxLink : longLink != null ? longLink : link;
                    long fullSize = paxSize != null ? paxSize : size;
                    checkLength(fullName, "path");
                    checkLength(fullLink, "link target");
                    currentName = fullName;
                    // Only regular files carry data that belongs to them; a hard link's size must be ignored.
                    boolean hasData = type == '0' || type == '\0' || type == '7' || !isKnownType(type);
                    entryRemaining = hasData ? fullSize : 0;
                    entryPadding = hasData ? padding(fullSize) : 0;
                    return new TarHeader(fullName, fullLink, type, mode, fullSize);
                }
            }
        }
    }

    private static boolean isKnownType(char type) {
        return "0123456\u00007".indexOf(type) >= 0;
    }

    /** Reads data of the current entry; -1 at its end. */
    int read(byte[] buffer, int offset, int length) throws IOException, TarFormatException {
        if (entryRemaining == 0) {
            return -1;
        }
        int want = (int) Math.min(length, entryRemaining);
        int n = in.read(buffer, offset, want);
        if (n < 0) {
            throw truncatedEntry();
        }
        entryRemaining -= n;
        return n;
    }

    long remaining() {
        return entryRemaining;
    }

    private void skipRemaining() throws IOException, TarFormatException {
        long toSkip = entryRemaining + entryPadding;
        while (toSkip > 0) {
            int n = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, toSkip));
            if (n < 0) {
                throw truncatedEntry();
            }
            toSkip -= n;
        }
        entryRemaining = 0;
        entryPadding = 0;
    }

    private TarFormatException truncatedEntry() {
        return new TarFormatException(RuleId.LAYER_TRUNCATED, "/" + currentName,
                "the layer ends inside the data of tar entry " + currentName, "the entry's data and padding",
                "end of stream");
    }

    private byte[] metaData(long size, String name, String what) throws IOException, TarFormatException {
        if (size > limits.maxMetaHeaderBytes()) {
            throw new TarFormatException(RuleId.LAYER_TAR_HEADER, "/" + name, what + " is oversized",
                    "at most " + limits.maxMetaHeaderBytes() + " bytes", size + " bytes");
        }
        byte[] data = new byte[(int) size];
        int done = 0;
        while (done < data.length) {
            int n = in.read(data, done, data.length - done);
            if (n < 0) {
                currentName = name;
                throw truncatedEntry();
            }
            done += n;
        }
        entryRemaining = 0;
        entryPadding = padding(size);
        skipRemaining();
        return data;
    }

    private void checkLength(String text, String what) throws TarFormatException {
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        if (length > limits.maxPathBytes()) {
            throw new TarFormatException(RuleId.LAYER_TAR_HEADER, "/" + text.substring(0, Math.min(64, text.length())) + "...",
                    "a tar entry's " + what + " is oversized", "at most " + limits.maxPathBytes() + " bytes",
                    length + " bytes");
        }
    }

    private int readBlock() throws IOException {
        int done = 0;
        while (done < BLOCK) {
            int n = in.read(block, done, BLOCK - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    private void verifyChecksum() throws TarFormatException {
        long expected = number(148, 8, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i >= 148 && i < 156 ? (byte) ' ' : block[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (expected != unsigned && expected != signed) {
            throw new TarFormatException(RuleId.LAYER_TAR_HEADER, "/" + headerName(),
                    "a tar header's checksum is wrong", Long.toString(unsigned), Long.toString(expected));
        }
    }

    /** An octal field, or a base-256 one (GNU) when its first byte has the high bit set. */
    private long number(int offset, int length, String field) throws TarFormatException {
        if ((block[offset] & 0x80) != 0) {
            if ((block[offset] & 0x40) != 0) {
                throw badNumber(field, "negative base-256 number");
            }
            long value = block[offset] & 0x3f;
            for (int i = offset + 1; i < offset + length; i++) {
                if (value > (Long.MAX_VALUE >>> 8)) {
                    throw badNumber(field, "base-256 number above 2^63");
                }
                value = (value << 8) | (block[i] & 0xff);
            }
            return value;
        }
        int i = offset;
        int end = offset + length;
        while (i < end && (block[i] == ' ' || block[i] == 0)) {
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < end && block[i] != ' ' && block[i] != 0; i++) {
            int d = block[i] - '0';
            if (d < 0 || d > 7) {
                throw badNumber(field, "'" + new String(block, offset, length, StandardCharsets.ISO_8859_1).trim() + "'");
            }
            if (++digits > 21) {
                throw badNumber(field, "more than 21 octal digits");
            }
            value = value * 8 + d;
        }
        for (; i < end; i++) {
            if (block[i] != ' ' && block[i] != 0) {
                throw badNumber(field, "characters after the number");
            }
        }
        return value;
    }

    private TarFormatException badNumber(String field, String found) {
        return new TarFormatException(RuleId.LAYER_TAR_HEADER, "/" + cString(0, 100),
                "a tar header's " + field + " field is not a valid number", "an octal or base-256 number", found);
    }

    private String headerName() {
        String name = cString(0, 100);
        boolean posixUstar = block[257] == 'u' && block[258] == 's' && block[259] == 't' && block[260] == 'a'
                && block[261] == 'r' && block[262] == 0;
        if (posixUstar && block[345] != 0) {
            return cString(345, 155) + "/" + name;
        }
        return name;
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

    private static long padding(long size) {
        long rest = size % BLOCK;
        return rest == 0 ? 0 : BLOCK - rest;
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
