package io.huruhuru.validation.layout;

import io.huruhuru.validation.ImageSourceException;
import java.io.InputStream;

/** The files of an OCI image layout wherever they are kept: a directory, or the entries of a tar archive. */
public interface LayoutFiles {

    /**
     * The whole file at {@code path} ({@code index.json}, {@code blobs/sha256/...}).
     *
     * @throws ImageSourceException if it is missing, unreadable or larger than {@code maxBytes}
     */
    byte[] read(String path, int maxBytes) throws ImageSourceException;

    /**
     * A stream of the file at {@code path}; the caller closes it.
     *
     * @throws ImageSourceException if it is missing or unreadable
     */
    InputStream open(String path) throws ImageSourceException;

    /** Where the files are, for error messages: {@code "the layout"}, {@code "app.tar"}. */
    String where();
}
