package io.huruhuru.validation.layer;

import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.tar.ExtendedHeaders;
import io.huruhuru.validation.tar.TarBlock;
import io.huruhuru.validation.tar.TarDecodeException;
import io.huruhuru.validation.tar.TarEntry;
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

    private final InputStream in;
    private final ReadLimits limits;
    private final byte[] block = new byte[TarBlock.SIZE];
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
        ExtendedHeaders extended = new ExtendedHeaders();
        while (true) {
            int n = readBlock();
            if (n == 0) {
                return null;
            }
            if (n < TarBlock.SIZE) {
                throw new TarFormatException(RuleId.LAYER_TRUNCATED, "/" + currentName,
                        "the layer ends inside a tar header", TarBlock.SIZE + " header bytes", n + " bytes");
            }
            TarBlock header = TarBlock.of(block);
            if (header.isEndOfArchive()) {
                return null;
            }
            if (++headersRead > limits.maxEntries()) {
                throw new TarFormatException(RuleId.LAYER_LIMIT, "", "the layer has more tar entries than allowed",
                        "at most " + limits.maxEntries() + " entries", "more");
            }
            try {
                verifyChecksum(header);
                TarBlock.Fields fields = header.fields();
                char type = fields.typeFlag();
                int mode = header.mode();
                if (!ExtendedHeaders.isExtension(type)) {
                    return entry(extended.entry(header), mode);
                }
                String what = type == 'L' ? "GNU long name"
                        : type == 'K' ? "GNU long link name" : "PAX extended header";
                extended.add(type, metaData(fields.size(), header.name(), what));
            } catch (TarDecodeException e) {
                throw malformed(e, header);
            }
        }
    }

    private TarHeader entry(TarEntry entry, int mode) throws TarFormatException {
        checkLength(entry.name(), "path");
        checkLength(entry.linkName(), "link target");
        currentName = entry.name();
        // Links, devices, fifos and directories are header-only, as in Go's archive/tar (containerd, Docker): what
        // follows them is the next header, whatever their size field says.
        long size = entry.size();
        entryRemaining = entry.hasData() ? size : 0;
        entryPadding = entry.hasData() ? TarBlock.padding(size) : 0;
        return new TarHeader(entry.name(), entry.linkName(), entry.type(), mode, size);
    }

    private static void verifyChecksum(TarBlock header) throws TarFormatException, TarDecodeException {
        TarBlock.Checksum checksum = header.checksum();
        if (!checksum.matches()) {
            throw new TarFormatException(RuleId.LAYER_TAR_HEADER, "/" + header.name(),
                    "a tar header's checksum is wrong", Long.toString(checksum.unsigned()),
                    Long.toString(checksum.stored()));
        }
    }

    /** The violation a field or PAX record that does not decode becomes. */
    private static TarFormatException malformed(TarDecodeException e, TarBlock header) {
        return switch (e.part()) {
            case PAX_RECORD -> new TarFormatException(RuleId.LAYER_TAR_HEADER, "/" + header.name(),
                    "a PAX extended header is malformed", "records '<length> <key>=<value>\\n'", e.found());
            case PAX_SIZE -> new TarFormatException(RuleId.LAYER_TAR_HEADER, "/" + header.name(),
                    "a PAX size is not a valid number", "an unsigned decimal below 10^18", e.found());
            case EXTENDED_NAME -> new TarFormatException(RuleId.LAYER_TAR_HEADER, "/" + header.name(),
                    "a GNU long name and a PAX record of a tar entry disagree", "one name", e.found());
            default -> new TarFormatException(RuleId.LAYER_TAR_HEADER, "/" + header.nameField(),
                    "a tar header's " + e.part().label() + " field is not a valid number",
                    "an octal or base-256 number", e.found());
        };
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
        entryPadding = TarBlock.padding(size);
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
        while (done < TarBlock.SIZE) {
            int n = in.read(block, done, TarBlock.SIZE - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }
}
