package io.huruhuru.validation;

import io.huruhuru.sel4.app.ElfHeaders;
import io.huruhuru.sel4.app.MemoryDemand;
import java.util.List;
import java.util.Optional;

/**
 * What validation learnt about a koskit image, for the boot preview and for people: the app, its binary's ELF
 * summary and its memory totals.
 *
 * @param binary the binary path as resolved in the rootfs (symbolic links followed), if found
 */
public record ImageFacts(String architecture, String os, Optional<String> appName, Optional<String> binary,
        Optional<String> specPath, Optional<ElfHeaders> elf, Optional<MemoryDemand> memory,
        List<LayerSummary> layers) {

    public ImageFacts {
        layers = List.copyOf(layers);
    }
}
