package io.huruhuru.validation.layer;

/**
 * One tar entry's header after PAX and GNU long-name records are applied.
 *
 * @param name entry name as written in the archive (not yet normalised)
 * @param typeFlag the ustar typeflag ({@code '0'} regular, {@code '5'} directory...)
 */
record TarHeader(String name, String linkName, char typeFlag, int mode, long size) {
}
