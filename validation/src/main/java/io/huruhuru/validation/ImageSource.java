package io.huruhuru.validation;

import io.huruhuru.oci.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where the validator reads an image from: the registry's blob store, an OCI layout directory, an archive.
 *
 * <p>Every method throws {@link ImageSourceException} (or another {@link IOException}) when the content cannot be
 * delivered; that means the input cannot be read, not that the image is invalid.
 */
public interface ImageSource {

    /** Image configs above this are refused (a koskit config is a few KiB). */
    int MAX_CONFIG_BYTES = 4 << 20;

    /** The manifest to validate: an image manifest or an index. */
    RawManifest manifest() throws IOException;

    /** A manifest that an index points at. */
    RawManifest manifest(Digest digest) throws IOException;

    /**
     * The whole content of a small blob (the image config).
     *
     * @throws ImageSourceException if it is missing or larger than {@code maxBytes}
     */
    byte[] blob(Digest digest, int maxBytes) throws IOException;

    /** A stream of a (possibly very large) layer blob; the caller closes it. */
    InputStream openBlob(Digest digest) throws IOException;
}
