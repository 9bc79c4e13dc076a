package io.huruhuru.server.v2.upload;

import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inclusive byte range a chunk claims in its {@code Content-Range} header: {@code start-end} as the
 * distribution spec writes it, also accepting the RFC 9110 form {@code bytes start-end/total} some clients send, whose
 * total (the whole blob's size, when not {@code *}) lets a quota refuse the upload at its first chunk.
 */
record ContentRange(long start, long end, java.util.OptionalLong total) {

    private static final Pattern FORM = Pattern.compile("(?:bytes[ =])?(\\d{1,18})-(\\d{1,18})(?:/(\\d{1,18}|\\*))?");

    static Optional<ContentRange> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(header.trim());
        if (!matcher.matches()) {
            throw RegistryException.of(ErrorCode.RANGE_INVALID, "malformed Content-Range: " + header);
        }
        long start = Long.parseLong(matcher.group(1));
        long end = Long.parseLong(matcher.group(2));
        if (end < start) {
            throw RegistryException.of(ErrorCode.RANGE_INVALID, "Content-Range ends before it starts: " + header);
        }
        String total = matcher.group(3);
        return Optional.of(new ContentRange(start, end, total == null || total.equals("*")
                ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(Long.parseLong(total))));
    }

    long length() {
        return end - start + 1;
    }

    /** Refuses a chunk that does not continue the upload exactly where it stands (out of order or repeated). */
    void requireStartsAt(long uploadSize) {
        if (start != uploadSize) {
            throw RegistryException.of(ErrorCode.RANGE_INVALID,
                    "chunk starts at " + start + " but the upload holds " + uploadSize + " bytes; continue at " + uploadSize);
        }
    }
}
