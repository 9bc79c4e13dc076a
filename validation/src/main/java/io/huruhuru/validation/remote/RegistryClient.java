package io.huruhuru.validation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.validation.ImageSourceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * GETs from one repository of a registry (distribution-spec), answering its authentication challenges: HTTP basic
 * with the given credentials, or Docker's token flow (a {@code Bearer} challenge sends us to its realm for a token,
 * anonymously or with the credentials). Redirects are followed by hand so that the registry's
 * {@code Authorization} never goes to another origin (blob storage behind a redirect refuses or logs it).
 */
final class RegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_SMALL_BODY = 1 << 20;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient http;
    private final URI base;
    private final String repository;
    private final String what;
    private final RegistryOptions options;
    private Optional<String> authorization = Optional.empty();

    /**
     * @param what the image as the user named it, for every error message
     */
    RegistryClient(String registry, String repository, String what, RegistryOptions options) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(options.timeout()).build();
        this.base = URI.create((options.plainHttp() ? "http://" : "https://") + registry + "/");
        this.repository = repository;
        this.what = what;
        this.options = options;
    }

    /** {@code GET /v2/<repository>/<path>}: the response with status 200, its body still to be read and closed. */
    HttpResponse<InputStream> get(String path, Map<String, String> headers) throws ImageSourceException {
        HttpResponse<InputStream> response = authenticated(path, headers);
        if (response.statusCode() != 200) {
            throw failure(errorOf(response));
        }
        return response;
    }

    /** As {@link #get}, but empty when the registry answers 404 (an absent tag, no referrers API). */
    Optional<HttpResponse<InputStream>> getIfPresent(String path, Map<String, String> headers)
            throws ImageSourceException {
        HttpResponse<InputStream> response = authenticated(path, headers);
        if (response.statusCode() == 404) {
            discard(response);
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw failure(errorOf(response));
        }
        return Optional.of(response);
    }

    private HttpResponse<InputStream> authenticated(String path, Map<String, String> headers)
            throws ImageSourceException {
        URI uri = base.resolve("v2/" + repository + "/" + path);
        HttpResponse<InputStream> response = follow(uri, headers);
        if (response.statusCode() == 401) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
            discard(response);
            authenticate(AuthChallenge.parse(challenge).orElseThrow(() -> failure("401 Unauthorized without a "
                    + "WWW-Authenticate challenge")));
            response = follow(uri, headers);
        }
        return response;
    }

    /** The exception for a failure, naming the image. */
    ImageSourceException failure(String message) {
        return new ImageSourceException(what + ": " + message);
    }

    private void authenticate(AuthChallenge challenge) throws ImageSourceException {
        switch (challenge.scheme()) {
            case "basic" -> authorization = Optional.of(options.credentials().orElseThrow(() -> failure(
                    "the registry asks for a user name and password (Basic), and none was given")).basicAuthorization());
            case "bearer" -> authorization = Optional.of("Bearer " + token(challenge));
            default -> throw failure("unsupported authentication scheme " + challenge.scheme());
        }
    }

    /** Docker's token flow: GET the realm with service and scope, read {@code token} (or {@code access_token}). */
    private String token(AuthChallenge challenge) throws ImageSourceException {
        String realm = challenge.parameter("realm").orElseThrow(() -> failure("a Bearer challenge without realm"));
        StringBuilder query = new StringBuilder();
        challenge.parameter("service").ifPresent(s -> query.append("service=").append(encode(s)));
        String scope = challenge.parameter("scope").orElse("repository:" + repository + ":pull");
        query.append(query.length() > 0 ? "&" : "").append("scope=").append(encode(scope));
        URI uri;
        try {
            uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        } catch (IllegalArgumentException e) {
            throw failure("the token realm " + realm + " is not a URL");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.timeout()).GET();
        options.credentials().ifPresent(c -> request.header("Authorization", c.basicAuthorization()));
        HttpResponse<InputStream> response = send(request.build(), uri);
        if (response.statusCode() != 200) {
            discard(response);
            throw failure("the token service " + realm + " answered " + response.statusCode());
        }
        try (InputStream body = response.body()) {
            JsonNode json = JSON.readTree(readBounded(body, MAX_SMALL_BODY, "the token response"));
            JsonNode token = json == null ? null : json.hasNonNull("token") ? json.get("token") : json.get("access_token");
            if (token == null || !token.isTextual() || token.asText().isEmpty()) {
                throw failure("the token service " + realm + " answered without a token");
            }
            return token.asText();
        } catch (ImageSourceException e) {
            throw e;
        } catch (IOException e) {
            throw failure("the token service " + realm + " answered something other than JSON");
        }
    }

    private HttpResponse<InputStream> follow(URI start, Map<String, String> headers) throws ImageSourceException {
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.timeout()).GET();
            headers.forEach(request::header);
            if (sameOrigin(uri, base)) {
                authorization.ifPresent(a -> request.header("Authorization", a));
            }
            HttpResponse<InputStream> response = send(request.build(), uri);
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            discard(response);
            URI next = uri.resolve(location.get());
            if ("https".equals(uri.getScheme()) && !"https".equals(next.getScheme())) {
                throw failure("refused a redirect from HTTPS to " + next.getScheme() + ": " + next);
            }
            uri = next;
        }
        throw failure("more than " + MAX_REDIRECTS + " redirects");
    }

    private HttpResponse<InputStream> send(HttpRequest request, URI uri) throws ImageSourceException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw failure("cannot connect to " + uri.getScheme() + "://" + uri.getAuthority() + " ("
                    + Objects.toString(e.getMessage(), "connection refused") + ")");
        } catch (SSLException e) {
            throw failure("TLS with " + uri.getAuthority() + " failed (" + e.getMessage() + "); a plain HTTP registry"
                    + " needs plain HTTP chosen explicitly");
        } catch (IOException e) {
            throw failure("GET " + uri + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted");
        }
    }

    /** The registry's error, from its distribution-spec error body when it has one. */
    private String errorOf(HttpResponse<InputStream> response) {
        String status = Integer.toString(response.statusCode());
        try (InputStream body = response.body()) {
            JsonNode json = JSON.readTree(readBounded(body, 64 << 10, "the error body"));
            JsonNode first = json == null ? null : json.path("errors").path(0);
            if (first != null && first.path("code").isTextual()) {
                return first.path("message").asText(first.path("code").asText().toLowerCase(java.util.Locale.ROOT)) + " (" + status + " "
                        + first.path("code").asText() + ")";
            }
        } catch (IOException e) {
            // not a distribution-spec error body: the status says enough
        }
        return "the registry answered " + status;
    }

    /** At most {@code max} bytes of a body; more is an error, not a silent cut. */
    static byte[] readBounded(InputStream in, int max, String what) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new ImageSourceException(what + " is larger than " + max + " bytes");
        }
        return bytes;
    }

    private static void discard(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.readNBytes(64 << 10);
        } catch (IOException e) {
            // the connection is dropped instead of reused; nothing else depends on it
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
