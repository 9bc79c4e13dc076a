package io.huruhuru.validation.tar;

import io.huruhuru.validation.tar.TarDecodeException.Part;
import java.nio.charset.StandardCharsets;

/**
 * The PAX extended header keys that name and size an entry: {@code path}, {@code linkpath} and {@code size}; each is
 * null when absent.
 */
public record PaxRecords(String path, String linkPath, Long size) {

    /**
     * Parses records of the form {@code "<length> <key>=<value>\n"}, where length counts the whole record; a NUL
     * where a record would start ends them.
     */
    public static PaxRecords parse(byte[] data) throws TarDecodeException {
        String path = null;
        String linkPath = null;
        Long size = null;
        int pos = 0;
        while (pos < data.length && data[pos] != 0) {
            int space = pos;
            long length = 0;
            while (space < data.length && data[space] >= '0' && data[space] <= '9' && space - pos < 10) {
                length = length * 10 + (data[space] - '0');
                space++;
            }
            if (space == pos || space >= data.length || data[space] != ' ' || length <= space - pos + 1
                    || pos + length > data.length || data[(int) (pos + length - 1)] != '\n') {
                throw new TarDecodeException(Part.PAX_RECORD, "record at byte " + pos);
            }
            String record = new String(data, space + 1, (int) (pos + length - 1) - space - 1, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq <= 0) {
                throw new TarDecodeException(Part.PAX_RECORD, "record without '=' at byte " + pos);
            }
            String value = record.substring(eq + 1);
            switch (record.substring(0, eq)) {
                case "path" -> path = value;
                case "linkpath" -> linkPath = value;
                case "size" -> {
                    // at most 18 digits, so that every accepted size fits a long
                    if (!value.matches("[0-9]{1,18}")) {
                        throw new TarDecodeException(Part.PAX_SIZE, "'" + value + "'");
                    }
                    size = Long.parseLong(value);
                }
                default -> {
                    // other keys (mtime, uid, xattrs, GNU sparse) neither name nor size an entry
                }
            }
            pos = (int) (pos + length);
        }
        return new PaxRecords(path, linkPath, size);
    }
}
