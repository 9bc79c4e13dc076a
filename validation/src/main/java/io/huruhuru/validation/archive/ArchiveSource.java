package io.huruhuru.validation.archive;

import io.huruhuru.validation.ArtifactLookup;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.validation.layout.OciLayoutSource;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.Tag;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An image in a tar archive, read in place: an OCI archive (a tar of an OCI image layout, as skopeo's
 * {@code oci-archive:} writes it) or a docker archive ({@code docker save}, skopeo's {@code docker-archive:}).
 * An archive holding both (as {@code docker save} writes since Docker 25) is read as the OCI layout.
 *
 * <p>The archive's headers are indexed once; each blob is then streamed from its offset and checked against its
 * digest. Close it when done.
 */
public final class ArchiveSource implements ImageSource, ArtifactLookup, Closeable {

    private final TarIndex index;
    private final ImageSource image;
    private final Optional<String> imageName;

    private ArchiveSource(TarIndex index, ImageSource image, Optional<String> imageName) {
        this.index = index;
        this.image = image;
        this.imageName = imageName;
    }

    /**
     * Opens {@code file} and picks the image: in an OCI archive as {@link OciLayoutSource} does, in a docker archive
     * the one whose RepoTag is {@code reference} (compared as Docker normalises names) or the only one.
     *
     * @throws ImageSourceException if the file is not such an archive, is truncated or hostile, or has no such image
     */
    public static ArchiveSource open(Path file, Optional<String> reference) throws ImageSourceException {
        TarIndex index = TarIndex.open(file);
        try {
            if (index.contains("oci-layout")) {
                OciLayoutSource layout = OciLayoutSource.open(index, reference);
                return new ArchiveSource(index, layout, layout.imageName());
            }
            if (index.contains("manifest.json")) {
                DockerArchive docker = DockerArchive.open(index, reference);
                return new ArchiveSource(index, docker, docker.imageName());
            }
            throw new ImageSourceException(index.where() + " is neither an OCI archive (no oci-layout) nor a docker "
                    + "archive (no manifest.json)");
        } catch (ImageSourceException | RuntimeException e) {
            try {
                index.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The name the archive gives the chosen image (ref name or RepoTag), if it gives one. */
    public Optional<String> imageName() {
        return imageName;
    }

    @Override
    public RawManifest manifest() throws IOException {
        return image.manifest();
    }

    @Override
    public RawManifest manifest(Digest digest) throws IOException {
        return image.manifest(digest);
    }

    @Override
    public byte[] blob(Digest digest, int maxBytes) throws IOException {
        return image.blob(digest, maxBytes);
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
        return image.openBlob(digest);
    }

    /** In an OCI archive as in a layout; a docker archive keeps no other manifests, so none. */
    @Override
    public Optional<RawManifest> taggedManifest(Tag tag) throws IOException {
        return image instanceof ArtifactLookup lookup ? lookup.taggedManifest(tag) : Optional.empty();
    }

    @Override
    public List<Descriptor> referrers(Digest subject, String artifactType) throws IOException {
        return image instanceof ArtifactLookup lookup ? lookup.referrers(subject, artifactType) : List.of();
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
