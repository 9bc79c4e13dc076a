package io.huruhuru.validation.tar;

/**
 * The PAX ({@code x}) and GNU long-name ({@code L}, {@code K}) records read before an entry's own header, which
 * override its ustar name, link name and size. Used for one entry, then dropped.
 *
 * <p>A PAX record wins over a GNU long name, which wins over the header field; a later record of a kind replaces an
 * earlier one, as in GNU tar and Go's {@code archive/tar}.
 */
public final class ExtendedHeaders {

    private String paxPath;
    private String paxLink;
    private Long paxSize;
    private String longName;
    private String longLink;

    /** Whether a header of this type is an extended header ({@code g} included) rather than an entry. */
    public static boolean isExtension(char typeFlag) {
        return "xgLK".indexOf(typeFlag) >= 0;
    }

    /** Takes in the data of an extended header of type {@code typeFlag}. */
    public void add(char typeFlag, byte[] data) throws TarDecodeException {
        switch (typeFlag) {
            case 'x' -> {
                PaxRecords pax = PaxRecords.parse(data);
                paxPath = pax.path() != null ? pax.path() : paxPath;
                paxLink = pax.linkPath() != null ? pax.linkPath() : paxLink;
                paxSize = pax.size() != null ? pax.size() : paxSize;
            }
            case 'L' -> longName = TarBlock.cString(data, 0, data.length);
            case 'K' -> longLink = TarBlock.cString(data, 0, data.length);
            default -> {
                // global PAX records ('g': comments, mtime defaults) do not name or size entries
            }
        }
    }

    public String name(TarBlock header) {
        return paxPath != null ? paxPath : longName != null ? longName : header.name();
    }

    public String linkName(TarBlock header) {
        return paxLink != null ? paxLink : longLink != null ? longLink : header.linkName();
    }

    /** The entry's size given its header's size field, already decoded. */
    public long size(long headerSize) {
        return paxSize != null ? paxSize : headerSize;
    }
}
