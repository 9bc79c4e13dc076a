package io.huruhuru.validation.layer;

import io.huruhuru.validation.RuleId;
import java.nio.charset.StandardCharsets;

/** The PAX extended header keys that matter here: {@code path}, {@code linkpath} and {@code size}. */
record PaxRecords(String path, String linkPath, Long size) {

    /** Parses records of the form {@code "<length> <key>=<value>\n"}, where length counts the whole record. */
    static PaxRecords parse(byte[] data, String entryName) throws TarFormatException {
        String path = null;
        String linkPath = null;
        Long size = null;
        int pos = 0;
        while (pos < data.length) {
            if (data[pos] == 0) {
                break;
            }
            int space = pos;
            long length = 0;
            while (space < data.length && data[space] >= '0' && data[space] <= '9' && space - pos < 10) {
                length = length * 10 + (data[space] - '0');
                space++;
            }
            if (space == pos || space >= data.length || data[space] != ' ' || length <= space - pos + 1
                    || pos + length > data.length || data[(int) (pos + length - 1)] != '\n') {
                throw malformed(entryName, "record at byte " + pos);
            }
            int end = (int) (pos + length - 1);
            String record = new String(data, space + 1, end - space - 1, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq <= 0) {
                throw malformed(entryName, "record without '=' at byte " + pos);
            }
            String key = record.substring(0, eq);
            String value = record.substring(eq + 1);
            switch (key) {
                case "path" -> path = value;
                case "linkpath" -> linkPath = value;
                case "size" -> size = parseSize(value, entryName);
                default -> {
                    // other keys (mtime, uid, xattrs, GNU sparse) do not affect the rootfs facts we keep
                }
            }
            pos = (int) (pos + length);
        }
        return new PaxRecords(path, linkPath, size);
    }

    private static Long parseSize(String value, String entryName) throws TarFormatException {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new TarFormatException(RuleId.LAYER_TAR_HEADER, "/" + entryName, "a PAX size is not a valid number",
                    "an unsigned decimal below 10^18", "'" + value + "'");
        }
        return Long.parseLong(value);
    }

    private static TarFormatException malformed(String entryName, String found) {
        return new TarFormatException(RuleId.LAYER_TAR_HEADER, "/" + entryName, "a PAX extended header is malformed",
                "records '<length> <key>=<value>\\n'", found);
    }
}
