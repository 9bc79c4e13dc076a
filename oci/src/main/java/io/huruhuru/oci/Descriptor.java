package io.huruhuru.oci;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A reference to content by media type, digest and size (image-spec descriptor.md). */
public record Descriptor(
        String mediaType,
        Digest digest,
        long size,
        Optional<String> artifactType,
        Map<String, String> annotations,
        List<String> urls,
        Optional<Platform> platform) {

    public Descriptor {
        annotations = Map.copyOf(annotations);
        urls = List.copyOf(urls);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, Optional.empty(), Map.of(), List.of(), Optional.empty());
    }
}
