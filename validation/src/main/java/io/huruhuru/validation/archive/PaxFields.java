package io.huruhuru.validation.archive;

import io.huruhuru.validation.ImageSourceException;
import java.nio.charset.StandardCharsets;

/** The PAX extended header keys that name and size an archive entry: {@code path}, {@code linkpath}, {@code size}. */
record PaxFields(String path, String linkPath, Long size) {

    /** Parses records {@code "<length> <key>=<value>\n"}, where length counts the whole record. */
    static PaxFields parse(byte[] data, String where, String entry) throws ImageSourceException {
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
                throw malformed(where, entry);
            }
            String record = new String(data, space + 1, (int) (pos + length - 1) - space - 1, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq <= 0) {
                throw malformed(where, entry);
            }
            String value = record.substring(eq + 1);
            switch (record.substring(0, eq)) {
                case "path" -> path = value;
                case "linkpath" -> linkPath = value;
                case "size" -> {
                    if (!value.matches("[0-9]{1,18}")) {
                        throw malformed(where, entry);
                    }
                    size = Long.parseLong(value);
                }
                default -> {
                    // times, owners and xattrs do not matter for finding blobs
                }
            }
            pos = (int) (pos + length);
        }
        return new PaxFields(path, linkPath, size);
    }

    private static ImageSourceException malformed(String where, String entry) {
        return new ImageSourceException(where + " is corrupt: the PAX header " + entry + " is malformed");
    }
}
