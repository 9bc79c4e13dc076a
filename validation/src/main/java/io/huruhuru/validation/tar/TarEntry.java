package io.huruhuru.validation.tar;

/**
 * An entry as both tar readers see it, after its extended headers are applied and its type is read as Go's
 * {@code archive/tar} (containerd, Docker) reads it; made only by {@link ExtendedHeaders#entry(TarBlock)}.
 *
 * <p>{@code size} is the declared size (a PAX {@code size} record or the header field); only an entry that
 * {@link #hasData() has data} owns that many bytes after its header.
 */
public record TarEntry(String name, String linkName, char type, long size) {

    /** Whether the bytes after the header are this entry's data rather than the next header. */
    public boolean hasData() {
        return TarBlock.carriesData(type);
    }
}
