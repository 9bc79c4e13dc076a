package io.huruhuru.server.cli;

import io.huruhuru.oci.MediaType;
import io.huruhuru.signature.key.KeyException;
import io.huruhuru.signature.key.KeyFiles;
import io.huruhuru.signature.key.VerificationKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Fetches trusted public keys from a URL: a JWK Set (JSON) or PEM, as the registry's /sel4/v1/keys serves them. */
final class KeyFetcher {

    private static final int MAX_BYTES = 1 << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KeyFetcher() {
    }

    /**
     * @param plainHttp whether an {@code http://} URL is accepted: whoever can change an unencrypted answer chooses
     *     which keys are trusted, so it takes the same explicit option as a plain-HTTP registry
     * @throws KeyException if the URL cannot be fetched or holds no P-256 key
     */
    static List<VerificationKey> fetch(String url, boolean plainHttp) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new KeyException("--keys " + url + " is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new KeyException("--keys " + url + " is not an http or https URL");
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && !plainHttp) {
            throw new KeyException("--keys " + url + " is plain HTTP, where anyone on the way can change the keys;"
                    + " use https, or give --plain-http to accept that");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/jwk-set+json, application/json, application/x-pem-file, */*").GET()
                .build();
        byte[] body;
        String contentType;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BYTES + 1);
            }
            if (response.statusCode() != 200) {
                throw new KeyException("--keys " + url + " answered " + response.statusCode());
            }
            contentType = MediaType.essence(response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new KeyException("--keys " + url + " cannot be fetched: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyException("--keys " + url + ": interrupted", e);
        }
        if (body.length > MAX_BYTES) {
            throw new KeyException("--keys " + url + " is larger than " + MAX_BYTES + " bytes");
        }
        String text = new String(body, StandardCharsets.ISO_8859_1).stripLeading();
        boolean json = contentType.endsWith("json") || text.startsWith("{");
        return json ? KeyFiles.parseJwks(body, url) : KeyFiles.parsePem(text, url);
    }
}
