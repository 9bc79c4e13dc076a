package io.huruhuru.validation.rootfs;

import io.huruhuru.oci.Digest;
import io.huruhuru.sel4.app.ByteSize;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.layer.EntryType;
import io.huruhuru.validation.layer.LayerFacts;
import io.huruhuru.validation.layer.LayerReader;
import io.huruhuru.validation.layer.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bytes of the regular files an image's merged layers show, read from their layers once with the same
 * {@link LayerReader} and guards validation uses, and at most a bound in total: an image whose files hold more
 * is refused before any layer is read again, so a run never holds more than the bound of file bytes.
 */
public final class ImageFileContents {

    /** 64 MiB: a koskit application's static binary and its data files fit many times over. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    private final Map<String, byte[]> bytes;

    private ImageFileContents(Map<String, byte[]> bytes) {
        this.bytes = bytes;
    }

    /**
     * Loads the content of every regular file of {@code rootfs}, whose nodes index {@code layers}.
     *
     * @throws RootfsNotLoadedException when the files hold more than {@code maxBytes} or a layer does not give
     *     a file's bytes back as its metadata promised
     * @throws io.huruhuru.validation.ImageSourceException when the source cannot deliver a layer
     */
    public static ImageRootFilesystem load(ImageSource source, List<Digest> layers, Rootfs rootfs, ReadLimits limits,
                                           long maxBytes) throws IOException, RootfsNotLoadedException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the bound on file bytes must be positive, got " + maxBytes);
        }
        List<Set<String>> wanted = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            wanted.add(new TreeSet<>());
        }
        Map<String, Long> sizes = new HashMap<>();
        long total = 0;
        for (Node node : rootfs.nodes().values()) {
            // a hard link is its target's node: the same bytes are counted and kept once
            if (node.type() == EntryType.FILE && wanted.get(node.layer()).add(node.contentPath())) {
                total += node.size();
                sizes.put(key(node), node.size());
            }
        }
        if (total > maxBytes) {
            throw new RootfsNotLoadedException("the image's regular files hold " + ByteSize.count(total)
                    + " bytes; a run keeps at most " + ByteSize.count(maxBytes) + " bytes ("
                    + ByteSize.text(maxBytes) + ") of file content in memory");
        }
        // one file may be as large as the bound; the expansion, entry and path guards stay those of validation
        ReadLimits reading = new ReadLimits(limits.maxExpandedBytes(), limits.maxEntries(),
                limits.maxMetaHeaderBytes(), limits.maxPathBytes(), limits.elfHeadBytes(),
                (int) Math.min(maxBytes, Integer.MAX_VALUE - 8));
        LayerReader reader = new LayerReader(reading);
        Map<String, byte[]> bytes = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            if (wanted.get(i).isEmpty()) {
                continue;
            }
            LayerFacts facts;
            try (InputStream in = source.openBlob(layers.get(i))) {
                facts = reader.read(layers.get(i), in, wanted.get(i));
            }
            for (String path : wanted.get(i)) {
                String key = i + ":" + path;
                Optional<byte[]> content = facts.content(path);
                if (content.isEmpty() || content.get().length != sizes.get(key)) {
                    throw new RootfsNotLoadedException("/" + path + " could not be read from layer "
                            + layers.get(i) + (facts.problems().isEmpty() ? ""
                            : ": " + facts.problems().get(0).message()));
                }
                bytes.put(key, content.get());
            }
        }
        return new ImageRootFilesystem(rootfs, new ImageFileContents(bytes));
    }

    /** The bytes of a regular file's node (shared, do not modify). */
    byte[] of(Node node) {
        byte[] content = bytes.get(key(node));
        if (content == null) {
            throw new IllegalStateException("no content loaded for /" + node.contentPath());
        }
        return content;
    }

    private static String key(Node node) {
        return node.layer() + ":" + node.contentPath();
    }
}
