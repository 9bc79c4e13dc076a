package io.huruhuru.validation.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.validation.VerifyingInputStream;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.ImageReference;
import io.huruhuru.oci.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image of a docker archive ({@code docker save}, skopeo's {@code docker-archive:}): {@code manifest.json} lists
 * images as {@code Config}, {@code Layers} (file names in the archive) and {@code RepoTags}. The image is given to
 * the validator as the Docker schema 2 manifest those files make; the digests of files not named
 * {@code blobs/<algorithm>/<encoded>} are computed by reading them once.
 */
final class DockerArchive implements ImageSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MANIFEST_JSON = 4 << 20;
    private static final Pattern BLOB_NAME = Pattern.compile("blobs/([a-z0-9]+)/([a-f0-9]+)");

    private final TarIndex index;
    private final RawManifest manifest;
    private final Map<Digest, TarIndex.Entry> blobs;
    private final Optional<String> imageName;

    private DockerArchive(TarIndex index, RawManifest manifest, Map<Digest, TarIndex.Entry> blobs,
            Optional<String> imageName) {
        this.index = index;
        this.manifest = manifest;
        this.blobs = blobs;
        this.imageName = imageName;
    }

    /**
     * The image of {@code manifest.json} tagged {@code reference} (a RepoTag, compared as Docker normalises names),
     * or the only image.
     */
    static DockerArchive open(TarIndex index, Optional<String> reference) throws ImageSourceException {
        String where = index.where();
        JsonNode images;
        try {
            images = JSON.readTree(index.read("manifest.json", MAX_MANIFEST_JSON));
        } catch (ImageSourceException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageSourceException("manifest.json in " + where + " is not JSON", e);
        }
        if (images == null || !images.isArray() || images.isEmpty()) {
            throw new ImageSourceException("manifest.json in " + where + " lists no image");
        }
        JsonNode image = choose(images, reference, where);
        JsonNode config = image.path("Config");
        JsonNode layers = image.path("Layers");
        if (!config.isTextual() || !layers.isArray()) {
            throw new ImageSourceException("manifest.json in " + where + " has an image without Config or Layers");
        }
        Map<Digest, TarIndex.Entry> blobs = new HashMap<>();
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaType.DOCKER_MANIFEST);
        m.set("config", descriptor(index, config.asText(), MediaType.DOCKER_CONFIG, blobs));
        ArrayNode layerArray = m.putArray("layers");
        for (JsonNode layer : layers) {
            if (!layer.isTextual()) {
                throw new ImageSourceException("manifest.json in " + where + " has a layer that is not a file name");
            }
            layerArray.add(descriptor(index, layer.asText(), null, blobs));
        }
        RawManifest raw = RawManifest.of(m.toString().getBytes(StandardCharsets.UTF_8), MediaType.DOCKER_MANIFEST);
        Optional<String> name = reference.isPresent() ? reference
                : tags(image).stream().findFirst();
        return new DockerArchive(index, raw, blobs, name);
    }

    /** The RepoTag that selected the image, else its first RepoTag. */
    Optional<String> imageName() {
        return imageName;
    }

    private static JsonNode choose(JsonNode images, Optional<String> reference, String where)
            throws ImageSourceException {
        List<String> all = new ArrayList<>();
        images.forEach(i -> all.addAll(tags(i)));
        if (reference.isEmpty()) {
            if (images.size() > 1) {
                throw new ImageSourceException(where + " holds " + images.size() + " images (" + String.join(", ", all)
                        + "); choose one by its RepoTag");
            }
            return images.get(0);
        }
        Optional<String> wanted = normalized(reference.get());
        for (JsonNode image : images) {
            for (String tag : tags(image)) {
                if (tag.equals(reference.get()) || wanted.isPresent() && wanted.equals(normalized(tag))) {
                    return image;
                }
            }
        }
        throw new ImageSourceException(where + " has no image tagged " + reference.get() + " (it has: "
                + (all.isEmpty() ? "no tags" : String.join(", ", all)) + ")");
    }

    private static List<String> tags(JsonNode image) {
        List<String> tags = new ArrayList<>();
        image.path("RepoTags").forEach(t -> {
            if (t.isTextual()) {
                tags.add(t.asText());
            }
        });
        return tags;
    }

    private static Optional<String> normalized(String name) {
        try {
            return Optional.of(ImageReference.parse(name).normalized());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The descriptor of a file; a layer's media type is told from its magic bytes, as the validator does. */
    private static ObjectNode descriptor(TarIndex index, String name, String mediaType, Map<Digest, TarIndex.Entry> blobs)
            throws ImageSourceException {
        String path = ArchivePath.resolve(name).filter(n -> !n.isEmpty()).orElseThrow(() ->
                new ImageSourceException("manifest.json in " + index.where() + " names a file outside the archive: "
                        + name));
        if (!index.contains(path)) {
            throw new ImageSourceException(name + ", named in manifest.json, is missing from " + index.where());
        }
        TarIndex.Entry entry = index.file(path);
        byte[] head = new byte[4];
        Digest digest;
        try (InputStream in = index.stream(entry)) {
            Matcher blobName = BLOB_NAME.matcher(entry.name());
            Optional<DigestAlgorithm> algorithm = blobName.matches() ? DigestAlgorithm.byId(blobName.group(1))
                    : Optional.empty();
            if (algorithm.isPresent()) {
                // named by its digest: checked when it is read, like a layout's blob
                digest = new Digest(algorithm.get(), blobName.group(2));
                in.readNBytes(head, 0, head.length);
            } else {
                digest = hash(in, head);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ImageSourceException("cannot read " + name + " in " + index.where() + ": " + e.getMessage(), e);
        }
        blobs.put(digest, entry);
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType != null ? mediaType : layerType(head));
        d.put("size", entry.size());
        d.put("digest", digest.toString());
        return d;
    }

    private static Digest hash(InputStream in, byte[] head) throws IOException {
        MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
        byte[] buffer = new byte[64 << 10];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (total < head.length) {
                System.arraycopy(buffer, 0, head, (int) total, (int) Math.min(n, head.length - total));
            }
            sha256.update(buffer, 0, n);
            total += n;
        }
        return new Digest(DigestAlgorithm.SHA256, HexFormat.of().formatHex(sha256.digest()));
    }

    private static String layerType(byte[] head) {
        if ((head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return MediaType.DOCKER_LAYER_GZIP;
        }
        if ((head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return MediaType.DOCKER_LAYER_ZSTD;
        }
        return MediaType.DOCKER_LAYER;
    }

    @Override
    public RawManifest manifest() {
        return manifest;
    }

    @Override
    public RawManifest manifest(Digest digest) throws ImageSourceException {
        throw new ImageSourceException("a docker archive holds no manifest " + digest + " (" + index.where()
                + " has no index)");
    }

    @Override
    public byte[] blob(Digest digest, int maxBytes) throws IOException {
        TarIndex.Entry entry = entry(digest);
        if (entry.size() > maxBytes) {
            throw new ImageSourceException("blob " + digest + " in " + index.where() + " is larger than " + maxBytes
                    + " bytes");
        }
        byte[] bytes;
        try (InputStream in = index.stream(entry)) {
            bytes = in.readAllBytes();
        }
        if (!digest.matches(bytes)) {
            throw new ImageSourceException(VerifyingInputStream.mismatch(digest, "in " + index.where()));
        }
        return bytes;
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
        return new VerifyingInputStream(index.stream(entry(digest)), digest, "in " + index.where());
    }

    private TarIndex.Entry entry(Digest digest) throws ImageSourceException {
        TarIndex.Entry entry = blobs.get(digest);
        if (entry == null) {
            throw new ImageSourceException("blob " + digest + " is not in " + index.where());
        }
        return entry;
    }
}
