package io.huruhuru.validation.tar;

import io.huruhuru.validation.tar.TarDecodeException.Part;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One 512-byte tar header block (POSIX ustar, with GNU base-256 numbers), decoded field by field.
 *
 * <p>Fields are decoded on demand rather than all at once because a reader that ignores a field (the archive index
 * never looks at the mode) must not fail on it. Offsets are those of POSIX.1-2001 {@code ustar}. The layer reader
 * (streaming) and the archive index (seeking) both decode headers here, so that the same bytes mean the same entry
 * in a layer and in an image archive; each turns a {@link TarDecodeException} into its own kind of error.
 */
public final class TarBlock {

    public static final int SIZE = 512;
    private static final byte[] USTAR_MAGIC = {'u', 's', 't', 'a', 'r', 0};

    private final byte[] bytes;

    private TarBlock(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code block}, which must be exactly one block long. */
    public static TarBlock of(byte[] block) {
        if (block.length != SIZE) {
            throw new IllegalArgumentException("a tar block has " + SIZE + " bytes, not " + block.length);
        }
        return new TarBlock(block.clone());
    }

    /** The zero bytes needed after {@code size} bytes of data to reach the next block. */
    public static long padding(long size) {
        long rest = size % SIZE;
        return rest == 0 ? 0 : SIZE - rest;
    }

    /** Whether an entry of this type owns the data after its header: a hard link's or a directory's size is not. */
    static boolean carriesData(char typeFlag) {
        return "123456".indexOf(typeFlag) < 0;
    }

    /**
     * The type an entry is read as: a pre-POSIX regular file (type NUL) whose name ends with a slash is a directory,
     * as GNU tar and Go's {@code archive/tar} (containerd, Docker) read it; {@code name} is the entry's final name.
     */
    static char entryType(char typeFlag, String name) {
        return typeFlag == '\0' && name.endsWith("/") ? '5' : typeFlag;
    }

    /** An all-zero block: the end of the archive. */
    public boolean isEndOfArchive() {
        return Arrays.equals(bytes, new byte[SIZE]);
    }

    /** The name field alone, without the ustar prefix. */
    public String nameField() {
        return cString(bytes, 0, 100);
    }

    /** The entry's name: the ustar prefix, when there is one, joined to the name field. */
    public String name() {
        boolean posixUstar = Arrays.equals(bytes, 257, 263, USTAR_MAGIC, 0, USTAR_MAGIC.length);
        return posixUstar && bytes[345] != 0 ? cString(bytes, 345, 155) + "/" + nameField() : nameField();
    }

    public String linkName() {
        return cString(bytes, 157, 100);
    }

    public char typeFlag() {
        return (char) (bytes[156] & 0xff);
    }

    /** The permission bits (with set-id and sticky bits) of the mode field. */
    public int mode() throws TarDecodeException {
        return (int) (number(100, 8, Part.MODE) & 07777);
    }

    long size() throws TarDecodeException {
        return number(124, 12, Part.SIZE);
    }

    /**
     * The type flag and size of any header, extended or entry, decoded as every reader must decode each header: the
     * owner and time fields are checked too, though no reader here uses them, because Go's {@code archive/tar}
     * (containerd, Docker) and GNU tar stop at a header whose fields do not decode. The mode is left out: a reader that
     * ignores it may skip it.
     */
    public Fields fields() throws TarDecodeException {
        long size = size();
        checkOwnerAndTime();
        return new Fields(typeFlag(), size);
    }

    /** What {@link #fields()} decodes. */
    public record Fields(char typeFlag, long size) {
    }

    /** Decodes the owner and modification time fields; base-256 values may be negative here. */
    void checkOwnerAndTime() throws TarDecodeException {
        signedNumber(108, 8, Part.UID);
        signedNumber(116, 8, Part.GID);
        signedNumber(136, 12, Part.MTIME);
    }

    /** The stored checksum and the sums computed over the block with the checksum field taken as spaces. */
    public Checksum checksum() throws TarDecodeException {
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < SIZE; i++) {
            byte b = i >= 148 && i < 156 ? (byte) ' ' : bytes[i];
            unsigned += b & 0xff;
            signed += b;
        }
        return new Checksum(number(148, 8, Part.CHECKSUM), unsigned, signed);
    }

    /** A header checksum; old writers summed signed bytes, so either sum is accepted, as GNU tar does. */
    public record Checksum(long stored, long unsigned, long signed) {
        public boolean matches() {
            return stored == unsigned || stored == signed;
        }
    }

    /** As {@link #number}, but a base-256 number may be negative (two's complement), as a time before 1970 is. */
    private long signedNumber(int offset, int length, Part part) throws TarDecodeException {
        if ((bytes[offset] & 0xc0) != 0xc0) {
            return number(offset, length, part);
        }
        // -a-1 == ~a: invert the bytes, read them as a positive number, invert the result
        long value = ~bytes[offset] & 0x3f;
        for (int i = offset + 1; i < offset + length; i++) {
            if (value > (Long.MAX_VALUE >>> 8)) {
                throw new TarDecodeException(part, "base-256 number below -2^63");
            }
            value = (value << 8) | (~bytes[i] & 0xff);
        }
        return ~value;
    }

    /** An octal field, or a base-256 one (GNU) when its first byte has the high bit set. */
    private long number(int offset, int length, Part part) throws TarDecodeException {
        if ((bytes[offset] & 0x80) != 0) {
            if ((bytes[offset] & 0x40) != 0) {
                throw new TarDecodeException(part, "negative base-256 number");
            }
            long value = bytes[offset] & 0x3f;
            for (int i = offset + 1; i < offset + length; i++) {
                if (value > (Long.MAX_VALUE >>> 8)) {
                    throw new TarDecodeException(part, "base-256 number above 2^63");
                }
                value = (value << 8) | (bytes[i] & 0xff);
            }
            return value;
        }
        int i = offset;
        int end = offset + length;
        while (i < end && (bytes[i] == ' ' || bytes[i] == 0)) {
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < end && bytes[i] != ' ' && bytes[i] != 0; i++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 7) {
                String text = new String(bytes, offset, length, StandardCharsets.ISO_8859_1).trim();
                throw new TarDecodeException(part, "'" + text + "'");
            }
            if (++digits > 21) {
                throw new TarDecodeException(part, "more than 21 octal digits");
            }
            value = value * 8 + d;
        }
        for (; i < end; i++) {
            if (bytes[i] != ' ' && bytes[i] != 0) {
                throw new TarDecodeException(part, "characters after the number");
            }
        }
        return value;
    }

    /** A NUL-terminated (or field-filling) UTF-8 string. */
    static String cString(byte[] data, int offset, int length) {
        int end = offset;
        while (end < offset + length && data[end] != 0) {
            end++;
        }
        return new String(data, offset, end - offset, StandardCharsets.UTF_8);
    }
}
