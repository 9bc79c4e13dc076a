package io.huruhuru.validation.remote;

import io.huruhuru.validation.ArtifactLookup;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.validation.VerifyingInputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.ImageReference;
import io.huruhuru.oci.InvalidDigestException;
import io.huruhuru.oci.ManifestParser;
import io.huruhuru.oci.MediaType;
import io.huruhuru.oci.Reference;
import io.huruhuru.oci.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An image in a registry, read over the distribution-spec API: the manifest by tag or digest, then blobs by digest,
 * streamed. Every manifest and blob is checked against its digest; by tag, against the registry's
 * {@code Docker-Content-Digest} when it sends one.
 */
public final class RegistrySource implements ImageSource, ArtifactLookup {

    /** What we ask for: the image manifest and index types the validator reads (schema 1 is not among them). */
    public static final String ACCEPT = String.join(", ", MediaType.OCI_MANIFEST, MediaType.OCI_INDEX,
            MediaType.DOCKER_MANIFEST, MediaType.DOCKER_MANIFEST_LIST);
    private static final int MAX_MANIFEST_BYTES = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient client;
    private final String origin;
    private final RawManifest manifest;

    private RegistrySource(RegistryClient client, String origin, RawManifest manifest) {
        this.client = client;
        this.origin = origin;
        this.manifest = manifest;
    }

    /**
     * Fetches the manifest {@code reference} names, so that an unreachable registry or an unknown image fails here.
     *
     * @throws ImageSourceException naming the registry, repository and reference
     * @throws IllegalArgumentException if {@code reference} has no registry host
     */
    public static RegistrySource open(ImageReference reference, RegistryOptions options) throws ImageSourceException {
        String registry = reference.registry().orElseThrow(() -> new IllegalArgumentException(
                "a registry reference needs a host: " + reference));
        RegistryClient client = new RegistryClient(registry, reference.repository().value(), reference.toString(),
                options);
        String origin = "from " + registry + "/" + reference.repository();
        RawManifest manifest = fetchManifest(client, reference.reference());
        return new RegistrySource(client, origin, manifest);
    }

    @Override
    public RawManifest manifest() {
        return manifest;
    }

    @Override
    public RawManifest manifest(Digest digest) throws IOException {
        return fetchManifest(client, new Reference.ByDigest(digest));
    }

    @Override
    public byte[] blob(Digest digest, int maxBytes) throws IOException {
        HttpResponse<InputStream> response = client.get("blobs/" + digest, Map.of());
        byte[] bytes;
        try (InputStream body = response.body()) {
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            bytes = length.isPresent() && length.getAsLong() > maxBytes ? null
                    : RegistryClient.readBounded(body, maxBytes, "blob " + digest);
        } catch (IOException e) {
            throw client.failure("reading blob " + digest + " failed: " + e.getMessage());
        }
        if (bytes == null) {
            throw client.failure("blob " + digest + " is larger than " + maxBytes + " bytes");
        }
        if (!digest.matches(bytes)) {
            throw client.failure(VerifyingInputStream.mismatch(digest, origin));
        }
        return bytes;
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
        return new VerifyingInputStream(client.get("blobs/" + digest, Map.of()).body(), digest, origin);
    }

    @Override
    public Optional<RawManifest> taggedManifest(Tag tag) throws IOException {
        Optional<HttpResponse<InputStream>> response = client.getIfPresent("manifests/" + tag,
                Map.of("Accept", ACCEPT));
        return response.isEmpty() ? Optional.empty()
                : Optional.of(readManifest(client, new Reference.ByTag(tag), response.get()));
    }

    /** {@code GET /v2/<name>/referrers/<digest>?artifactType=...}; none from a registry without the API (404). */
    @Override
    public List<Descriptor> referrers(Digest subject, String artifactType) throws IOException {
        Optional<HttpResponse<InputStream>> response = client.getIfPresent("referrers/" + subject + "?artifactType="
                + URLEncoder.encode(artifactType, StandardCharsets.UTF_8), Map.of("Accept", MediaType.OCI_INDEX));
        if (response.isEmpty()) {
            return List.of();
        }
        JsonNode index;
        try (InputStream in = response.get().body()) {
            index = JSON.readTree(RegistryClient.readBounded(in, MAX_MANIFEST_BYTES, "the referrers list"));
        } catch (IOException e) {
            throw client.failure("the referrers of " + subject + " are not readable JSON: " + e.getMessage());
        }
        List<Descriptor> referrers = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : index == null ? JSON.createArrayNode() : index.path("manifests")) {
            Descriptor descriptor;
            try {
                descriptor = ManifestParser.descriptor(entry, "referrers manifests[" + i++ + "]");
            } catch (RuntimeException e) {
                throw client.failure(e.getMessage());
            }
            // a registry may ignore the filter (it says so by leaving out OCI-Filters-Applied)
            if (descriptor.artifactType().filter(artifactType::equals).isPresent()) {
                referrers.add(descriptor);
            }
        }
        return referrers;
    }

    private static RawManifest fetchManifest(RegistryClient client, Reference reference) throws ImageSourceException {
        return readManifest(client, reference, client.get("manifests/" + reference, Map.of("Accept", ACCEPT)));
    }

    private static RawManifest readManifest(RegistryClient client, Reference reference,
            HttpResponse<InputStream> response) throws ImageSourceException {
        byte[] body;
        try (InputStream in = response.body()) {
            body = RegistryClient.readBounded(in, MAX_MANIFEST_BYTES, "the manifest");
        } catch (IOException e) {
            throw client.failure("reading the manifest failed: " + e.getMessage());
        }
        Digest digest;
        if (reference instanceof Reference.ByDigest byDigest) {
            digest = byDigest.digest();
        } else {
            Optional<String> header = response.headers().firstValue("Docker-Content-Digest");
            try {
                digest = header.isPresent() ? Digest.parse(header.get()) : Digest.of(DigestAlgorithm.SHA256, body);
            } catch (InvalidDigestException e) {
                throw client.failure("the registry sent an invalid Docker-Content-Digest: " + header.get());
            }
        }
        if (!digest.matches(body)) {
            throw client.failure("the manifest does not match its digest " + digest);
        }
        String contentType = MediaType.essence(response.headers().firstValue("Content-Type").orElse(""));
        // a registry that serves manifests as application/json leaves the body's own mediaType to decide
        String mediaType = MediaType.isSupportedManifest(contentType) ? contentType : "";
        return new RawManifest(body, mediaType, digest);
    }
}
