package io.huruhuru.validation.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.validation.ArtifactLookup;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.validation.VerifyingInputStream;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.ImageReference;
import io.huruhuru.oci.InvalidDigestException;
import io.huruhuru.oci.Manifest;
import io.huruhuru.oci.ManifestParser;
import io.huruhuru.oci.MediaType;
import io.huruhuru.oci.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An image in an OCI image layout (image-spec image-layout.md): {@code oci-layout}, {@code index.json} and
 * {@code blobs/<algorithm>/<encoded>}, in a directory or in an archive. Every blob read is checked against its
 * digest.
 *
 * <p>The image is the {@code index.json} entry named by the given reference, else the only entry, else
 * {@code index.json} itself as an index (entries named as cosign names signatures, {@code sha256-<hex>.sig}, are
 * not images and do not count). An entry is named by its {@code org.opencontainers.image.ref.name}
 * annotation, or by the {@code io.containerd.image.name} that {@code docker save} adds (compared as Docker
 * normalises names, so {@code app:1.0} names {@code docker.io/library/app:1.0}).
 */
public final class OciLayoutSource implements ImageSource, ArtifactLookup {

    /** The annotation that names an image in a layout (image-spec annotations.md). */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** The annotation with the full image name that containerd and {@code docker save} (25 and later) add. */
    public static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final int MAX_MANIFEST_BYTES = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern COMPANION_TAG =
            java.util.regex.Pattern.compile("sha256-[0-9a-f]{64}\\.(sig|att|sbom)");

    private final LayoutFiles files;
    private final RawManifest manifest;
    private final Optional<String> imageName;
    private final List<JsonNode> entries;

    private OciLayoutSource(LayoutFiles files, RawManifest manifest, Optional<String> imageName,
            List<JsonNode> entries) {
        this.files = files;
        this.manifest = manifest;
        this.imageName = imageName;
        this.entries = List.copyOf(entries);
    }

    /**
     * A layout directory.
     *
     * @param reference the name of the image to pick (see the class comment), or empty
     * @throws ImageSourceException if {@code root} is not an OCI image layout or has no such image
     */
    public static OciLayoutSource open(Path root, Optional<String> reference) throws ImageSourceException {
        return open(new DirectoryFiles(root), reference);
    }

    /** A layout kept in {@code files}, as {@link #open(Path, Optional)} for a directory. */
    public static OciLayoutSource open(LayoutFiles files, Optional<String> reference) throws ImageSourceException {
        byte[] marker;
        try {
            marker = files.read("oci-layout", 64 << 10);
        } catch (ImageSourceException e) {
            throw new ImageSourceException(files.where() + " is not an OCI image layout: " + e.getMessage(), e);
        }
        if (!parse(marker, "oci-layout", files).path("imageLayoutVersion").isTextual()) {
            throw new ImageSourceException("oci-layout in " + files.where() + " has no imageLayoutVersion");
        }
        byte[] indexBytes = files.read("index.json", MAX_MANIFEST_BYTES);
        List<JsonNode> entries = new ArrayList<>();
        parse(indexBytes, "index.json", files).path("manifests").forEach(entries::add);
        List<JsonNode> chosen = reference.isPresent()
                ? entries.stream().filter(e -> names(e, reference.get())).toList()
                : entries.stream().filter(e -> !isCompanion(e)).toList();
        if (reference.isPresent() && chosen.isEmpty()) {
            throw new ImageSourceException("index.json in " + files.where() + " has no image named " + reference.get());
        }
        if (chosen.size() == 1) {
            JsonNode entry = chosen.get(0);
            Digest digest = parseDigest(entry.path("digest").asText(), files);
            RawManifest manifest = new RawManifest(verified(files, digest, MAX_MANIFEST_BYTES),
                    entry.path("mediaType").asText(""), digest);
            JsonNode annotations = entry.path("annotations");
            Optional<String> name = text(annotations, CONTAINERD_NAME).or(() -> text(annotations, REF_NAME));
            return new OciLayoutSource(files, manifest, name, entries);
        }
        return new OciLayoutSource(files, new RawManifest(indexBytes, MediaType.OCI_INDEX,
                Digest.of(DigestAlgorithm.SHA256, indexBytes)), Optional.empty(), entries);
    }

    /**
     * The name the layout gives the chosen image: its {@code io.containerd.image.name}, else its
     * {@code org.opencontainers.image.ref.name} (often just a tag); empty when the whole index is validated.
     */
    public Optional<String> imageName() {
        return imageName;
    }

    @Override
    public RawManifest manifest() {
        return manifest;
    }

    @Override
    public RawManifest manifest(Digest digest) throws IOException {
        return new RawManifest(blob(digest, MAX_MANIFEST_BYTES), "", digest);
    }

    /** The {@code index.json} entry whose ref name is {@code tag}, as {@code skopeo copy ... oci:DIR:TAG} names it. */
    @Override
    public Optional<RawManifest> taggedManifest(Tag tag) throws IOException {
        for (JsonNode entry : entries) {
            if (text(entry.path("annotations"), REF_NAME).filter(tag.value()::equals).isPresent()) {
                Digest digest = parseDigest(entry.path("digest").asText(), files);
                return Optional.of(new RawManifest(verified(files, digest, MAX_MANIFEST_BYTES),
                        entry.path("mediaType").asText(""), digest));
            }
        }
        return Optional.empty();
    }

    /** The {@code index.json} entries whose manifest has {@code subject} as its subject and the artifact type. */
    @Override
    public List<Descriptor> referrers(Digest subject, String artifactType) throws IOException {
        List<Descriptor> referrers = new ArrayList<>();
        for (JsonNode entry : entries) {
            Digest digest = parseDigest(entry.path("digest").asText(), files);
            byte[] bytes = verified(files, digest, MAX_MANIFEST_BYTES);
            Manifest parsed;
            try {
                parsed = ManifestParser.parse(bytes, entry.path("mediaType").asText(""));
            } catch (RuntimeException e) {
                continue; // not a manifest we read, so not a referrer we can use
            }
            if (parsed.subject().filter(s -> s.digest().equals(subject)).isPresent()
                    && parsed.effectiveArtifactType().filter(artifactType::equals).isPresent()) {
                referrers.add(new Descriptor(parsed.mediaType(), digest, bytes.length, Optional.of(artifactType),
                        parsed.annotations(), List.of(), Optional.empty()));
            }
        }
        return referrers;
    }

    @Override
    public byte[] blob(Digest digest, int maxBytes) throws IOException {
        return verified(files, digest, maxBytes);
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
        return new VerifyingInputStream(files.open(blobPath(digest)), digest, "in " + files.where());
    }

    private static byte[] verified(LayoutFiles files, Digest digest, int maxBytes) throws ImageSourceException {
        byte[] bytes = files.read(blobPath(digest), maxBytes);
        if (!digest.matches(bytes)) {
            throw new ImageSourceException(VerifyingInputStream.mismatch(digest, "in " + files.where()));
        }
        return bytes;
    }

    private static String blobPath(Digest digest) {
        return "blobs/" + digest.algorithm().id() + "/" + digest.hex();
    }

    /**
     * Whether the entry is named as cosign names the signatures, attestations and SBOMs of an image
     * ({@code sha256-<hex>.sig}): a layout that keeps an image with its signature still holds one image.
     */
    private static boolean isCompanion(JsonNode entry) {
        return text(entry.path("annotations"), REF_NAME).filter(n -> COMPANION_TAG.matcher(n).matches()).isPresent();
    }

    private static boolean names(JsonNode entry, String reference) {
        JsonNode annotations = entry.path("annotations");
        if (text(annotations, REF_NAME).filter(reference::equals).isPresent()) {
            return true;
        }
        Optional<String> full = text(annotations, CONTAINERD_NAME);
        return full.filter(reference::equals).isPresent()
                || full.flatMap(OciLayoutSource::normalized).filter(n -> normalized(reference).equals(Optional.of(n)))
                        .isPresent();
    }

    private static Optional<String> normalized(String reference) {
        try {
            return Optional.of(ImageReference.parse(reference).normalized());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static JsonNode parse(byte[] bytes, String name, LayoutFiles files) throws ImageSourceException {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new ImageSourceException(name + " in " + files.where() + " is not a JSON object");
            }
            return node;
        } catch (ImageSourceException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageSourceException(name + " in " + files.where() + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static Digest parseDigest(String text, LayoutFiles files) throws ImageSourceException {
        try {
            return Digest.parse(text);
        } catch (InvalidDigestException e) {
            throw new ImageSourceException("index.json in " + files.where() + ": " + e.getMessage(), e);
        }
    }
}
