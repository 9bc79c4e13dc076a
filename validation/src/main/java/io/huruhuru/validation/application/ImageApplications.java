package io.huruhuru.validation.application;

import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.system.ServiceProcess;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.LayerFactsCache;
import io.huruhuru.validation.layer.ReadLimits;
import java.io.IOException;
import java.util.Objects;

/** Maps an image (config, labels, spec file, rootfs binary) to what the root server boots. */
public final class ImageApplications {

    private final ReadLimits limits;
    private final LayerFactsCache cache;

    public ImageApplications(ReadLimits limits, LayerFactsCache cache) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /**
     * For a board of this architecture; an index picks the child whose platform matches.
     *
     * @throws io.huruhuru.validation.ImageSourceException when the source cannot deliver
     */
    public ImageApplication describe(ImageSource source, Architecture architecture, ServiceProcess process)
            throws IOException {
        throw new UnsupportedOperationException("the mapping is being written (API commit)");
    }
}
