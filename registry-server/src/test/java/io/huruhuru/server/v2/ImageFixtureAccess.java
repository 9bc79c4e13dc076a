package io.huruhuru.server.v2;

import io.huruhuru.server.RunningRegistry;

/** {@link ImageFixture} for tests outside this package: its blobs pushed, its OCI manifest's bytes. */
public final class ImageFixtureAccess {

    private ImageFixtureAccess() {
    }

    /** Pushes the config and layer of image {@code seed} into {@code repository}; returns its OCI manifest. */
    public static byte[] ociManifest(RunningRegistry registry, String repository, int seed) {
        return ImageFixture.utf8(ImageFixture.push(registry, repository, seed).ociManifest());
    }
}
