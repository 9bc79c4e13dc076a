package io.huruhuru.e2e.registry;

import java.util.List;

/** Manifest media types that the clients under test push and ask for. */
public final class MediaTypes {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** What skopeo, podman and docker accept on a manifest GET, each sent as its own header line as they do. */
    public static final List<String> ALL_MANIFESTS = List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST,
            DOCKER_MANIFEST_LIST);

    private MediaTypes() {
    }
}
