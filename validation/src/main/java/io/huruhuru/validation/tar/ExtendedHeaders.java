package io.huruhuru.validation.tar;

import io.huruhuru.validation.tar.TarDecodeException.Part;

/**
 * The PAX ({@code x}) and GNU long-name ({@code L}, {@code K}) records read before an entry's own header, which
 * override its ustar name, link name and size. Used for one entry, then dropped.
 *
 * <p>A PAX record or a GNU long name wins over the header field; a later record of a kind replaces an earlier one,
 * as in GNU tar and Go's {@code archive/tar}. A PAX path and a GNU long name that disagree are refused: GNU tar takes
 * the PAX path, Go's {@code archive/tar} (containerd, Docker) the GNU name, so a checker could not know which file
 * a runtime unpacks.
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

    /**
     * The entry {@code header} (not an extended header) describes, these records applied: the one place where the
     * layer reader and the archive scanner name, type and size an entry, so that they cannot read it differently.
     */
    public TarEntry entry(TarBlock header) throws TarDecodeException {
        String name = name(header);
        String linkName = linkName(header);
        return new TarEntry(name, linkName, TarBlock.entryType(header.typeFlag(), name), size(header.size()));
    }

    String name(TarBlock header) throws TarDecodeException {
        String chosen = pick(paxPath, longName, "name");
        return chosen != null ? chosen : header.name();
    }

    String linkName(TarBlock header) throws TarDecodeException {
        String chosen = pick(paxLink, longLink, "link name");
        return chosen != null ? chosen : header.linkName();
    }

    private static String pick(String pax, String gnu, String what) throws TarDecodeException {
        if (pax != null && gnu != null && !pax.equals(gnu)) {
            throw new TarDecodeException(Part.EXTENDED_NAME, "GNU long " + what + " '" + shortened(gnu) + "' and PAX "
                    + (what.equals("name") ? "path" : "linkpath") + " '" + shortened(pax) + "'");
        }
        return pax != null ? pax : gnu;
    }

    /** A name as a report quotes it: names may be up to a megabyte long here, their length not yet checked. */
    private static String shortened(String name) {
        return name.length() <= 100 ? name : name.substring(0, 100) + "...";
    }

    /** The entry's size given its header's size field, already decoded. */
    long size(long headerSize) {
        return paxSize != null ? paxSize : headerSize;
    }
}
