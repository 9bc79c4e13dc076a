package io.huruhuru.validation.layer;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which regular files' content a {@link LayerReader} keeps (files above {@link ReadLimits#maxCaptureBytes()} never
 * are): the paths a check asks for, or, when a layer is read before any image names its spec file (as it is
 * uploaded), the files likely to be one.
 */
public interface Capture {

    /** Whether to keep the content of the regular file {@code path} of {@code size} bytes; called in tar order. */
    boolean wants(String path, long size);

    /** The paths asked for by name: a path among them whose content was not kept is known not to be capturable. */
    Set<String> named();

    /** Exactly {@code paths} (normalised, no leading slash). */
    static Capture paths(Set<String> paths) {
        SortedSet<String> named = new TreeSet<>(paths);
        return new Capture() {
            @Override
            public boolean wants(String path, long size) {
                return named.contains(path);
            }

            @Override
            public Set<String> named() {
                return named;
            }
        };
    }

    /**
     * JSON files ({@code *.json}), the form of a koskit spec file, up to {@code maxFiles} files and
     * {@code maxTotalBytes} bytes in all, first come first kept; a spec file not kept costs a second read of its
     * layer when an image names it.
     */
    static Capture jsonFiles(int maxFiles, long maxTotalBytes) {
        return new Capture() {
            private int files;
            private long bytes;

            @Override
            public boolean wants(String path, long size) {
                if (!path.endsWith(".json") || files >= maxFiles || bytes + size > maxTotalBytes) {
                    return false;
                }
                files++;
                bytes += size;
                return true;
            }

            @Override
            public Set<String> named() {
                return Set.of();
            }
        };
    }
}
