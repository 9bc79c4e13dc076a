package io.huruhuru.validation.layer;

/**
 * Bounds on what reading one layer may cost, so that hostile layers end in a violation rather than in a hang or an
 * out-of-memory error.
 *
 * @param maxExpandedBytes decompressed bytes read from one layer (the decompression bomb guard)
 * @param maxEntries tar headers read from one layer, metadata headers included
 * @param maxMetaHeaderBytes size of one PAX or GNU long-name header's data
 * @param maxPathBytes length of one entry path or link target
 * @param elfHeadBytes bytes kept from the start of an ELF file: its header and program header table must fit
 * @param maxCaptureBytes size of a file whose content is kept (the spec file)
 */
public record ReadLimits(
        long maxExpandedBytes, long maxEntries, int maxMetaHeaderBytes, int maxPathBytes, int elfHeadBytes,
        int maxCaptureBytes) {

    /**
     * 16 GiB expanded, 500,000 tar headers (the facts of one entry take about 200 bytes of heap), 1 MiB metadata
     * headers, 4 KiB paths, 64 KiB ELF heads, 1 MiB spec file.
     */
    public static final ReadLimits DEFAULT = new ReadLimits(16L << 30, 500_000, 1 << 20, 4096, 64 << 10, 1 << 20);

    public ReadLimits {
        if (maxExpandedBytes <= 0 || maxEntries <= 0 || maxMetaHeaderBytes <= 0 || maxPathBytes <= 0
                || elfHeadBytes < 64 || maxCaptureBytes <= 0) {
            throw new IllegalArgumentException("read limits must be positive and keep at least an ELF header");
        }
    }
}
