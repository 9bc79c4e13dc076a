package io.huruhuru.bench.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

/** The distribution-spec operations the benchmark drives, over one kept-alive connection. */
final class RegistryClient implements AutoCloseable {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final List<String> OCTET_STREAM = List.of("Content-Type: application/octet-stream");

    private final HttpConnection http;

    RegistryClient(URI base) {
        this.http = new HttpConnection(new InetSocketAddress(base.getHost(), base.getPort()));
    }

    /** GET /v2/, which answers 200 when the registry is up and needs no authentication. */
    HttpResponse ping() throws IOException {
        return http.exchange("GET", "/v2/", List.of(), Body.EMPTY, true);
    }

    /** Opens an upload session and returns the path (with query) of its location. */
    String startUpload(String repository) throws IOException {
        String target = "/v2/" + repository + "/blobs/uploads/";
        HttpResponse response = expect("POST", target, List.of(), Body.EMPTY, 202);
        return location(target, response);
    }

    /** POST then one PUT carrying the whole blob. */
    void pushMonolithic(String repository, Body blob, String digest) throws IOException {
        String location = startUpload(repository);
        expect("PUT", withDigest(location, digest), OCTET_STREAM, blob, 201);
    }

    /** POST, one PATCH per chunk with its Content-Range, then a PUT with no body that closes the upload. */
    void pushChunked(String repository, PatternBlob blob, String digest, long chunkSize) throws IOException {
        String location = startUpload(repository);
        for (long from = 0; from < blob.length(); from += chunkSize) {
            long to = Math.min(blob.length(), from + chunkSize);
            List<String> headers = List.of("Content-Type: application/octet-stream",
                    "Content-Range: " + from + "-" + (to - 1));
            HttpResponse response = expect("PATCH", location, headers, blob.range(from, to), 202);
            // The reference carries upload state in each returned location, so always follow it.
            location = location(location, response);
        }
        expect("PUT", withDigest(location, digest), OCTET_STREAM, Body.EMPTY, 201);
    }

    /** GET a blob, counting and discarding its bytes; returns the count. */
    long pull(String repository, String digest) throws IOException {
        String target = "/v2/" + repository + "/blobs/" + digest;
        HttpResponse response = http.exchange("GET", target, List.of(), Body.EMPTY, false);
        if (response.status() != 200) {
            throw new UnexpectedResponseException("GET", target, 200, response);
        }
        return response.bodyLength();
    }

    /** PUT a manifest under a tag or digest; returns the digest the registry reports. */
    String putManifest(String repository, String reference, String mediaType, byte[] manifest) throws IOException {
        String target = "/v2/" + repository + "/manifests/" + reference;
        HttpResponse response = expect("PUT", target, List.of("Content-Type: " + mediaType),
                Body.bytes(manifest), 201);
        return response.header("Docker-Content-Digest");
    }

    /** DELETE of a manifest or tag (202). */
    void delete(String target) throws IOException {
        expect("DELETE", target, List.of(), Body.EMPTY, 202);
    }

    /** A POST without a body whose answer (200) is kept, such as {@code /sel4/v1/gc}. */
    HttpResponse post(String target) throws IOException {
        return expect("POST", target, List.of(), Body.EMPTY, 200);
    }

    /** A GET whose body is kept, for small documents such as tag lists. */
    HttpResponse get(String target, List<String> headers) throws IOException {
        return expect("GET", target, headers, Body.EMPTY, 200);
    }

    private HttpResponse expect(String method, String target, List<String> headers, Body body, int status)
            throws IOException {
        HttpResponse response = http.exchange(method, target, headers, body, true);
        if (response.status() != status) {
            throw new UnexpectedResponseException(method, target, status, response);
        }
        return response;
    }

    private static String location(String requestTarget, HttpResponse response) throws IOException {
        String location = response.header("Location");
        if (location == null) {
            throw new IOException(requestTarget + " -> " + response.status() + " without a Location header");
        }
        URI uri = URI.create("http://registry" + requestTarget).resolve(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String withDigest(String location, String digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    @Override
    public void close() {
        http.close();
    }
}
